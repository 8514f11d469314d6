import { bookManually } from '../../../app/booking/book-manually.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { readOptionalJsonBody } from './optional-json-body.js';

export const MANUAL_BOOKING_PATH = '/api/v1/shops/:shopId/documents/:documentId/booking/manual';

/** Book by hand onto the default (offline/register) account; optional {date: "YYYY-MM-DD"}. */
export function mountManualBooking(app: HttpApp): void {
  app.post(MANUAL_BOOKING_PATH, requireShopApiKey, async (c) =>
    c.json(
      await bookManually(c.get('ctx'), c.get('shop').id, c.req.param('documentId'), await readOptionalJsonBody(c)),
    ),
  );
}
