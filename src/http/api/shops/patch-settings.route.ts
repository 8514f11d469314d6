import { updateShopSettings } from '../../../app/shops/update-shop-settings.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { shopView } from '../api-responses.js';

export const PATCH_SETTINGS_PATH = '/api/v1/shops/:shopId/settings';

/** Partial settings change, validated as a whole; errors name the field. */
export function mountPatchSettings(app: HttpApp): void {
  app.patch(PATCH_SETTINGS_PATH, requireShopApiKey, async (c) => {
    const ctx = c.get('ctx');
    const shop = await updateShopSettings(ctx, c.get('shop').id, await readJsonBody(c));
    return c.json(shopView(shop, ctx.config.publicUrl));
  });
}
