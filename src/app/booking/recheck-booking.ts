import { findBooking, updateBooking } from '../../db/repos/bookings.repo.js';
import { OPEN_STATES } from '../../domain/booking/booking-state.js';
import { conflict } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { type BookingView, getBookingView } from './get-booking.js';
import { requestMatchRun } from './schedule-matching.js';

// "Search again now": a waiting or ambiguous booking (also one whose schedule ran out) is due at once, a stopped one
// (not applicable, failed) starts over; the shop's match job is asked to run. The answer is the current state; the job decides shortly after.

export async function recheckBooking(ctx: AppContext, shopId: string, documentId: string): Promise<BookingView> {
  const view = await getBookingView(ctx, shopId, documentId);
  const booking = await findBooking(ctx.db, documentId);
  if (!booking)
    throw conflict('not_transferred', 'The document has no booking yet (not transferred, or booking is off).');
  if (!OPEN_STATES.includes(booking.state) && booking.state !== 'not_applicable' && booking.state !== 'failed')
    throw conflict('not_open', `The booking is ${booking.state}; there is nothing to search for.`);
  const now = ctx.now().getTime();
  // A stopped booking (settings changed, voucher fixed in sevDesk) starts over; an open one is just due now.
  const next =
    booking.state === 'not_applicable' || booking.state === 'failed' ? { state: 'pending' as const, reason: null } : {};
  await updateBooking(ctx.db, documentId, [booking.state], { ...next, nextCheckAt: now }, ctx.now().toISOString());
  await requestMatchRun(ctx, shopId, now);
  return { ...view, nextCheckAt: new Date(now).toISOString() };
}
