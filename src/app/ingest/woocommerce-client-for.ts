import { findShopRow } from '../../db/repos/shops.repo.js';
import { WooCommerceClient } from '../../integrations/woocommerce-rest/woocommerce-client.js';
import type { AppContext } from '../context.js';
import { wooCredentialsOf } from '../shops/shop-secrets.js';

/** The shop's WooCommerce REST client, or null when no REST credentials are configured. */
export async function wooClientFor(
  ctx: AppContext,
  shopId: string,
  opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<WooCommerceClient | null> {
  const row = await findShopRow(ctx.db, shopId);
  const creds = row ? wooCredentialsOf(ctx.secrets, row) : null;
  return creds ? new WooCommerceClient(creds, opts) : null;
}
