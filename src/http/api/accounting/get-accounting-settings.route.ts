import { getAccountingSettings } from '../../../app/accounting/accounting-settings.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const ACCOUNTING_SETTINGS_PATH = '/api/v1/shops/:shopId/accounting';

/** The accounting settings: revenue accounts, cost centre, contacts, voucher presentation, product types, dry run. */
export function mountGetAccountingSettings(app: HttpApp): void {
  app.get(ACCOUNTING_SETTINGS_PATH, requireShopApiKey, async (c) =>
    c.json({ settings: await getAccountingSettings(c.get('ctx'), c.get('shop').id) }),
  );
}
