import { findShopRow, type Shop, toShop, updateShop } from '../../db/repos/shops.repo.js';
import { mergeSettings } from '../../domain/shops/shop-settings.js';
import { notFound } from '../../lib/errors.js';
import { assertAccountingSettings } from '../accounting/validate-accounting-settings.js';
import type { AppContext } from '../context.js';
import { validateShopSettings } from './validate-shop-settings.js';

/**
 * Apply a partial settings change ({ documents: { autoFinalize: false } }) onto the current settings.
 * The whole result is validated; an error names the field ("numbering.invoice") and nothing is stored.
 */
export async function updateShopSettings(
  ctx: AppContext,
  shopId: string,
  change: unknown,
  opts: { locale?: 'de' | 'en' } = {},
): Promise<Shop> {
  const row = await findShopRow(ctx.db, shopId);
  if (!row) throw notFound(`Shop ${shopId}`);
  const current = toShop(row).settings;
  const settings = validateShopSettings(mergeSettings(current, change), '');
  // New revenue accounts and cost centres must be ones the connected sevDesk account takes (issue 10).
  await assertAccountingSettings(ctx, shopId, settings, {
    previous: current,
    pathPrefix: 'sevdesk.',
    locale: opts.locale ?? 'en',
  });
  const now = ctx.now().toISOString();
  await updateShop(ctx.db, shopId, { settings: JSON.stringify(settings) }, now);
  return toShop({ ...row, settings: JSON.stringify(settings), updated_at: now });
}
