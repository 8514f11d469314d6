import { disconnectSevdesk } from '../../../app/sevdesk/disconnect-sevdesk.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { SEVDESK_CONNECTION_PATH } from './connect.route.js';

/** Disconnect: the stored token is deleted; pending sevDesk work waits until the shop is connected again. */
export function mountDisconnectSevdesk(app: HttpApp): void {
  app.delete(SEVDESK_CONNECTION_PATH, requireShopApiKey, async (c) => {
    return c.json(await disconnectSevdesk(c.get('ctx'), c.get('shop').id));
  });
}
