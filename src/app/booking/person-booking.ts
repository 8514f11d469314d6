import { type Booking, findBooking, insertBookingIfAbsent } from '../../db/repos/bookings.repo.js';
import { findDocument } from '../../db/repos/documents.repo.js';
import { findConnection } from '../../db/repos/sevdesk-connections.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { findTransferOfDocument } from '../../db/repos/transfers.repo.js';
import { FINAL_STATES } from '../../domain/booking/booking-state.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { requireShop } from '../shops/require-shop.js';
import { SEVDESK_TARGET } from '../transfer/enqueue-transfer.js';
import { BookingRunner, connectionUsable } from './booking-runner.js';

// Shared by a person's actions (pick a candidate, book by hand): the document's booking row (created when the
// document is transferred but the sweeper has not seen it yet), an unclear earlier write settled first, and a runner.

export interface PersonBookingContext {
  shop: Shop;
  booking: Booking;
  runner: BookingRunner;
}

export async function openPersonBooking(
  ctx: AppContext,
  shopId: string,
  documentId: string,
): Promise<PersonBookingContext> {
  const shop = await requireShop(ctx.db, shopId);
  const document = await findDocument(ctx.db, documentId);
  if (!document || document.shopId !== shop.id) throw notFound(`Document ${documentId}`);
  let booking = await findBooking(ctx.db, documentId);
  if (!booking) {
    const transfer = await findTransferOfDocument(ctx.db, documentId, SEVDESK_TARGET);
    if (transfer?.state !== 'transferred' || !transfer.voucherId)
      throw conflict('not_transferred', 'The document has not been transferred to sevDesk yet; book it afterwards.');
    await insertBookingIfAbsent(
      ctx.db,
      {
        documentId,
        shopId: shop.id,
        transferId: transfer.id,
        voucherId: transfer.voucherId,
        nextCheckAt: ctx.now().getTime(),
      },
      ctx.now().toISOString(),
    );
    booking = await findBooking(ctx.db, documentId);
    if (!booking) throw new AppError('internal', 'booking_missing', 'The booking could not be created.');
  }
  const connection = await findConnection(ctx.db, shop.id);
  if (!connectionUsable(connection))
    throw new AppError('connection', 'sevdesk_not_connected', 'This shop is not connected to sevDesk.');
  const runner = new BookingRunner(ctx, shop, connection);
  if (booking.state === 'booking') {
    const settled = await runner.reconcile(booking);
    if (settled.settled) {
      const now = await findBooking(ctx.db, documentId);
      if (now && FINAL_STATES.includes(now.state)) throw alreadyBooked(now);
      throw conflict(
        'booking_in_progress',
        'An earlier booking of this document is still being confirmed; try again in a few minutes.',
      );
    }
    booking = settled.booking;
  }
  if (FINAL_STATES.includes(booking.state)) throw alreadyBooked(booking);
  return { shop, booking, runner };
}

function alreadyBooked(booking: Booking): AppError {
  return new AppError(
    'conflict',
    'already_booked',
    `The document is already booked (${booking.state}${booking.transactionId ? `, transaction ${booking.transactionId}` : ''}).`,
  );
}
