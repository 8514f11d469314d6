import { sevdeskStatus } from '../../../app/sevdesk/sevdesk-status.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { SEVDESK_CONNECTION_PATH } from './connect.route.js';

/**
 * Connection status with a diagnosis (host cannot reach sevDesk / authentication no longer valid / connected),
 * in German and English. `?check=true` asks sevDesk now (one call); otherwise the last known state.
 */
export function mountSevdeskStatus(app: HttpApp): void {
  app.get(SEVDESK_CONNECTION_PATH, requireShopApiKey, async (c) => {
    const live = ['1', 'true', 'yes'].includes((c.req.query('check') ?? '').toLowerCase());
    return c.json(await sevdeskStatus(c.get('ctx'), c.get('shop').id, { live }));
  });
}
