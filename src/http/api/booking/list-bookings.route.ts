import { listBookingViews } from '../../../app/booking/list-bookings.js';
import { validationError } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const LIST_BOOKINGS_PATH = '/api/v1/shops/:shopId/bookings';

/** The shop's bookings, newest first: ?state=waiting_for_payment,ambiguous&limit=50&before=<documentId>. */
export function mountListBookings(app: HttpApp): void {
  app.get(LIST_BOOKINGS_PATH, requireShopApiKey, async (c) => {
    const states = c.req
      .queries('state')
      ?.flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500))
      throw validationError('Invalid query.', [{ path: 'limit', message: 'must be a whole number from 1 to 500' }]);
    const before = c.req.query('before');
    return c.json(
      await listBookingViews(c.get('ctx'), c.get('shop').id, {
        ...(states ? { states } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(before ? { before } : {}),
      }),
    );
  });
}
