import { getBookingView } from '../../../app/booking/get-booking.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const GET_BOOKING_PATH = '/api/v1/shops/:shopId/documents/:documentId/booking';

/** The document's booking: state, reason (de/en), account, transaction, candidates, schedule and log. */
export function mountGetBooking(app: HttpApp): void {
  app.get(GET_BOOKING_PATH, requireShopApiKey, async (c) =>
    c.json(await getBookingView(c.get('ctx'), c.get('shop').id, c.req.param('documentId'))),
  );
}
