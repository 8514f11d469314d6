import type { HttpApp } from '../../app.js';
import { mountListTransfers } from './list-transfers.route.js';
import { mountRequestTransfers } from './request-transfers.route.js';
import { mountTransferLog } from './transfer-log.route.js';

/** Manual transfers, the transfer list and a document's transfer log. */
export function mountTransfersApi(app: HttpApp): void {
  mountRequestTransfers(app);
  mountListTransfers(app);
  mountTransferLog(app);
}
