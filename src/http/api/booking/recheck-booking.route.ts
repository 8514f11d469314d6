import { recheckBooking } from '../../../app/booking/recheck-booking.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const RECHECK_BOOKING_PATH = '/api/v1/shops/:shopId/documents/:documentId/booking/recheck';

/** Search for the transaction again now (202: the match job decides shortly). */
export function mountRecheckBooking(app: HttpApp): void {
  app.post(RECHECK_BOOKING_PATH, requireShopApiKey, async (c) =>
    c.json(await recheckBooking(c.get('ctx'), c.get('shop').id, c.req.param('documentId')), 202),
  );
}
