import { type Booking, countBookingsByState, listBookings } from '../../db/repos/bookings.repo.js';
import { type BookingState, isBookingState } from '../../domain/booking/booking-state.js';
import { validationError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { requireShop } from '../shops/require-shop.js';
import { bookingFields, defaultAccountIsOffline } from './get-booking.js';

// The shop's bookings for the admin list ("waiting for payment", "ambiguous" …), newest document first, with the
// count per state. Reads the database only.

export interface BookingListItem extends ReturnType<typeof bookingFields> {
  documentId: string;
}

export async function listBookingViews(
  ctx: AppContext,
  shopId: string,
  filter: { states?: string[]; before?: string; limit?: number } = {},
): Promise<{ items: BookingListItem[]; counts: Record<string, number>; nextBefore: string | null }> {
  const shop = await requireShop(ctx.db, shopId);
  const bad = (filter.states ?? []).filter((s) => !isBookingState(s));
  if (bad.length > 0)
    throw validationError(
      'Unknown booking state.',
      bad.map((s) => ({ path: 'state', message: `unknown state ${s}` })),
    );
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows: Booking[] = await listBookings(ctx.db, {
    shopId: shop.id,
    ...(filter.states && filter.states.length > 0 ? { states: filter.states as BookingState[] } : {}),
    ...(filter.before ? { before: filter.before } : {}),
    limit,
  });
  const offline = await defaultAccountIsOffline(ctx, shop);
  return {
    items: rows.map((b) => ({ documentId: b.documentId, ...bookingFields(b, offline) })),
    counts: await countBookingsByState(ctx.db, shop.id),
    nextBefore: rows.length === limit ? rows[rows.length - 1]!.documentId : null,
  };
}
