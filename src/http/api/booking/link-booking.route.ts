import { linkTransaction } from '../../../app/booking/link-transaction.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const LINK_BOOKING_PATH = '/api/v1/shops/:shopId/documents/:documentId/booking/link';

/** Book the document with the transaction a person picked ({transactionId}); 409 when it no longer fits. */
export function mountLinkBooking(app: HttpApp): void {
  app.post(LINK_BOOKING_PATH, requireShopApiKey, async (c) =>
    c.json(await linkTransaction(c.get('ctx'), c.get('shop').id, c.req.param('documentId'), await readJsonBody(c))),
  );
}
