import { type Booking, findBooking, insertBookingIfAbsent, updateBooking } from '../../db/repos/bookings.repo.js';
import { findConnection } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { findTransferOfDocument } from '../../db/repos/transfers.repo.js';
import { OPEN_STATES } from '../../domain/booking/booking-state.js';
import type { AppContext } from '../context.js';
import { SEVDESK_TARGET } from '../transfer/enqueue-transfer.js';
import { BookingRunner, connectionUsable, pausingOnAuth } from './booking-runner.js';
import { MATCH_DEBOUNCE_MS, requestMatchRun } from './schedule-matching.js';

// The booking job of one document, right after its voucher was transferred: settle an unclear earlier write first;
// book on an offline clearing account or cash register at once; for an online account hand the document to the
// shop's match job (debounced), so documents transferred together share one transaction listing.

export type BookDocumentOutcome =
  | 'skipped'
  | 'booked'
  | 'handed_to_match'
  | 'waiting'
  | 'not_applicable'
  | 'failed'
  | 'unclear'
  | 'busy';

export async function bookDocument(ctx: AppContext, documentId: string): Promise<BookDocumentOutcome> {
  let booking = await findBooking(ctx.db, documentId);
  if (!booking) {
    const transfer = await findTransferOfDocument(ctx.db, documentId, SEVDESK_TARGET);
    if (transfer?.state !== 'transferred' || !transfer.voucherId) return 'skipped';
    await insertBookingIfAbsent(
      ctx.db,
      {
        documentId,
        shopId: transfer.shopId,
        transferId: transfer.id,
        voucherId: transfer.voucherId,
        nextCheckAt: ctx.now().getTime(),
      },
      ctx.now().toISOString(),
    );
    booking = await findBooking(ctx.db, documentId);
    if (!booking) return 'skipped';
  }
  if (!OPEN_STATES.includes(booking.state)) return 'skipped';
  const shop = await findShop(ctx.db, booking.shopId);
  if (!shop?.settings.booking.enabled) return 'skipped';
  const connection = await findConnection(ctx.db, shop.id);
  // Not connected: the match job's sweeper picks it up after reconnecting.
  if (!connectionUsable(connection)) return 'skipped';
  const runner = new BookingRunner(ctx, shop, connection);
  const current = booking;
  return pausingOnAuth(ctx, connection, () => decide(ctx, runner, current));
}

async function decide(ctx: AppContext, runner: BookingRunner, initial: Booking): Promise<BookDocumentOutcome> {
  let booking = initial;
  const { shop } = runner;
  const documentId = booking.documentId;
  if (booking.state === 'booking') {
    const settled = await runner.reconcile(booking);
    if (settled.settled) return 'unclear';
    booking = settled.booking;
  }
  const plan = await runner.prepare(booking);
  if (plan.kind === 'local') {
    await runner.applyLocal(booking, plan);
    return plan.state === 'waiting_for_payment' ? 'waiting' : 'not_applicable';
  }
  if (plan.kind === 'offline') {
    const result = await runner.execute(plan.subject, plan.account, null, 'auto', plan.change);
    if (result.kind === 'done') return 'booked';
    return result.kind === 'failed' ? 'failed' : result.kind === 'unclear' ? 'unclear' : 'busy';
  }
  // Online: due now for the match job, which lists the account's transactions once for all waiting documents.
  await updateBooking(
    ctx.db,
    documentId,
    [booking.state],
    { ...plan.change, nextCheckAt: ctx.now().getTime() },
    ctx.now().toISOString(),
  );
  await requestMatchRun(ctx, shop.id, ctx.now().getTime() + MATCH_DEBOUNCE_MS);
  return 'handed_to_match';
}
