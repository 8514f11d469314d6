import type { HttpApp } from '../../app.js';
import { mountSevdeskActivation } from './activation.route.js';
import { mountConnectSevdesk } from './connect.route.js';
import { mountDisconnectSevdesk } from './disconnect.route.js';
import { mountSevdeskStatus } from './status.route.js';

/** The sevDesk connection of a shop: connect, status/diagnosis, disconnect, activation. */
export function mountSevdeskApi(app: HttpApp): void {
  mountConnectSevdesk(app);
  mountSevdeskStatus(app);
  mountDisconnectSevdesk(app);
  mountSevdeskActivation(app);
}
