import type { Db } from '../../db/database.js';
import { findBooking, insertBookingIfAbsent, updateBooking } from '../../db/repos/bookings.repo.js';
import { FINAL_STATES } from '../../domain/booking/booking-state.js';
import { findDocument } from '../../db/repos/documents.repo.js';
import { findOrder } from '../../db/repos/orders.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { findTransferOfDocument } from '../../db/repos/transfers.repo.js';
import { paymentFacts } from '../../domain/booking/payment.js';
import { bookingReasons } from '../../domain/booking/reasons.js';
import type { AppContext } from '../context.js';
import { SEVDESK_TARGET } from '../transfer/enqueue-transfer.js';
import { BOOK_DOCUMENT_QUEUE } from './queues.js';

// The transfer's hook: once a voucher exists in sevDesk, its booking is recorded and — when booking is enabled and
// the document is paid — the booking job is enqueued, in the caller's transaction (the job exists exactly when the
// transfer's state change commits). An unpaid invoice gets a visible "waiting for payment" booking; the match job's
// sweeper books it once the shop reports the payment, and also picks up anything this hook never saw.

export async function onVoucherTransferred(
  tx: Db,
  ctx: AppContext,
  input: { shopId: string; documentId: string },
): Promise<{ enqueued: boolean }> {
  const shop = await findShop(tx, input.shopId);
  if (!shop?.settings.booking.enabled) return { enqueued: false };
  const transfer = await findTransferOfDocument(tx, input.documentId, SEVDESK_TARGET);
  const voucherId = transfer?.voucherId ?? null;
  const nowMs = ctx.now().getTime();
  const now = ctx.now().toISOString();

  const existing = await findBooking(tx, input.documentId);
  if (!existing) {
    await insertBookingIfAbsent(
      tx,
      {
        documentId: input.documentId,
        shopId: shop.id,
        transferId: transfer?.id ?? null,
        voucherId,
        nextCheckAt: nowMs,
      },
      now,
    );
  } else if (voucherId && existing.voucherId !== voucherId && existing.state !== 'booking') {
    // A new voucher (the old one was deleted in sevDesk and the document transferred again): book it afresh.
    await updateBooking(
      tx,
      input.documentId,
      [existing.state],
      {
        state: 'pending',
        reason: null,
        transferId: transfer?.id ?? null,
        voucherId,
        transactionId: null,
        candidates: [],
        nextCheckAt: nowMs,
        bookedAt: null,
        bookingDate: null,
      },
      now,
    );
  } else if (FINAL_STATES.includes(existing.state)) {
    return { enqueued: false };
  }

  const document = await findDocument(tx, input.documentId);
  if (!document) return { enqueued: false };
  const order = await findOrder(tx, document.orderId);
  const facts = paymentFacts(document, order?.data ?? null);
  if (!facts.ok && facts.code === 'unpaid') {
    await updateBooking(
      tx,
      input.documentId,
      ['pending'],
      {
        state: 'waiting_for_payment',
        reason: bookingReasons.orderUnpaid(),
        amount: document.data.totals.gross,
        currency: document.data.currency.toUpperCase(),
        nextCheckAt: null,
      },
      now,
    );
    return { enqueued: false };
  }
  // Never paid / nothing to book: the job records why, for the operator to see.
  const jobId = await ctx.queue.enqueue(tx, {
    queue: BOOK_DOCUMENT_QUEUE,
    payload: { documentId: input.documentId },
    shopId: shop.id,
    dedupeKey: `booking:${input.documentId}`,
  });
  return { enqueued: jobId !== null };
}
