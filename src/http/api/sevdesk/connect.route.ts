import { connectSevdesk } from '../../../app/sevdesk/connect-sevdesk.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const SEVDESK_CONNECTION_PATH = '/api/v1/shops/:shopId/sevdesk/connection';

/**
 * Connect (or reconnect) the shop's sevDesk account: `{ token, baseUrl?, requestsPerSecond? }`. The token is
 * verified against sevDesk, stored encrypted and never returned. A rejected token is a 400 on `token`.
 */
export function mountConnectSevdesk(app: HttpApp): void {
  app.put(SEVDESK_CONNECTION_PATH, requireShopApiKey, async (c) => {
    const ctx = c.get('ctx');
    return c.json(await connectSevdesk(ctx, c.get('shop').id, await readJsonBody(c)));
  });
}
