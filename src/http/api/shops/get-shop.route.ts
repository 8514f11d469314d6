import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { shopView } from '../api-responses.js';

export const GET_SHOP_PATH = '/api/v1/shops/:shopId';

/** The shop's settings, seller profile and webhook URL (never its secrets). */
export function mountGetShop(app: HttpApp): void {
  app.get(GET_SHOP_PATH, requireShopApiKey, (c) => c.json(shopView(c.get('shop'), c.get('ctx').config.publicUrl)));
}
