import { updateSellerProfile } from '../../../app/shops/update-seller-profile.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { shopView } from '../api-responses.js';

export const PUT_SELLER_PATH = '/api/v1/shops/:shopId/seller';

/** Replace the seller profile printed on documents and required for e-invoices. */
export function mountPutSeller(app: HttpApp): void {
  app.put(PUT_SELLER_PATH, requireShopApiKey, async (c) => {
    const ctx = c.get('ctx');
    const shop = await updateSellerProfile(ctx, c.get('shop').id, await readJsonBody(c));
    return c.json(shopView(shop, ctx.config.publicUrl));
  });
}
