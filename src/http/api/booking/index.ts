import type { HttpApp } from '../../app.js';
import { mountGetBooking } from './get-booking.route.js';
import { mountLinkBooking } from './link-booking.route.js';
import { mountListBookings } from './list-bookings.route.js';
import { mountManualBooking } from './manual-booking.route.js';
import { mountPaymentMethods } from './payment-methods.route.js';
import { mountRecheckBooking } from './recheck-booking.route.js';

/** Booking endpoints of the per-shop API (/api/v1/shops/:shopId/…), authenticated by the shop's API key. */
export function mountBookingApi(app: HttpApp): void {
  mountGetBooking(app);
  mountLinkBooking(app);
  mountManualBooking(app);
  mountRecheckBooking(app);
  mountListBookings(app);
  mountPaymentMethods(app);
}
