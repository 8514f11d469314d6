import type { Selectable } from 'kysely';
import { type BookingState, isBookingState } from '../../domain/booking/booking-state.js';
import type { BookingMessage } from '../../domain/booking/reasons.js';
import type { BookingsTable, Db } from '../database.js';

// Bookings of transferred vouchers (migration 0005). State changes are guarded by the expected current state, so a
// person's action and the match job never both write a booking for the same document.

/** A transaction as shown to a person (candidate or near miss). */
export interface CandidateView {
  transactionId: string;
  /** Signed minor units; null when sevDesk's amount is not exact in the currency. */
  amount: number | null;
  currency: string;
  valueDate: string | null;
  entryDate: string | null;
  paymtPurpose: string | null;
  payeePayerName: string | null;
  status: number | null;
  /** Empty for a full match; otherwise the rules it breaks (amount, date, sign, currency). */
  mismatches: string[];
}

export interface Booking {
  documentId: string;
  shopId: string;
  transferId: string | null;
  voucherId: string | null;
  state: BookingState;
  reason: BookingMessage | null;
  amount: number | null;
  currency: string | null;
  paidAt: string | null;
  paymentMethod: string | null;
  searchKey: string | null;
  checkAccountId: string | null;
  checkAccountType: string | null;
  checkAccountName: string | null;
  transactionId: string | null;
  origin: string | null;
  candidates: CandidateView[];
  checks: number;
  firstCheckedAt: string | null;
  lastCheckedAt: string | null;
  nextCheckAt: number | null;
  writeRequestedAt: string | null;
  bookingDate: string | null;
  bookedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function parseReason(text: string | null): BookingMessage | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as BookingMessage;
  } catch {
    return { code: 'error', de: text, en: text };
  }
}

export function toBooking(row: Selectable<BookingsTable>): Booking {
  return {
    documentId: row.document_id,
    shopId: row.shop_id,
    transferId: row.transfer_id,
    voucherId: row.voucher_id,
    state: isBookingState(row.state) ? row.state : 'pending',
    reason: parseReason(row.reason),
    amount: row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    paidAt: row.paid_at,
    paymentMethod: row.payment_method,
    searchKey: row.search_key,
    checkAccountId: row.check_account_id,
    checkAccountType: row.check_account_type,
    checkAccountName: row.check_account_name,
    transactionId: row.transaction_id,
    origin: row.origin,
    candidates: JSON.parse(row.candidates || '[]') as CandidateView[],
    checks: Number(row.checks),
    firstCheckedAt: row.first_checked_at,
    lastCheckedAt: row.last_checked_at,
    nextCheckAt: row.next_check_at === null ? null : Number(row.next_check_at),
    writeRequestedAt: row.write_requested_at,
    bookingDate: row.booking_date,
    bookedAt: row.booked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findBooking(db: Db, documentId: string): Promise<Booking | null> {
  const row = await db.selectFrom('bookings').selectAll().where('document_id', '=', documentId).executeTakeFirst();
  return row ? toBooking(row) : null;
}

/** Insert a pending booking unless the document has one. Returns true if inserted. */
export async function insertBookingIfAbsent(
  db: Db,
  input: {
    documentId: string;
    shopId: string;
    transferId: string | null;
    voucherId: string | null;
    nextCheckAt: number;
  },
  now: string,
): Promise<boolean> {
  const res = await db
    .insertInto('bookings')
    .values({
      document_id: input.documentId,
      shop_id: input.shopId,
      transfer_id: input.transferId,
      voucher_id: input.voucherId,
      state: 'pending',
      reason: null,
      reason_code: null,
      amount: null,
      currency: null,
      paid_at: null,
      payment_method: null,
      search_key: null,
      check_account_id: null,
      check_account_type: null,
      check_account_name: null,
      transaction_id: null,
      origin: null,
      candidates: '[]',
      checks: 0,
      first_checked_at: null,
      last_checked_at: null,
      next_check_at: input.nextCheckAt,
      write_requested_at: null,
      booking_date: null,
      booked_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('document_id').doNothing())
    .executeTakeFirst();
  const inserted = Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
  if (inserted) await mirrorToTransfer(db, input.documentId, 'pending');
  return inserted;
}

/** The transfer row carries the booking state too, so document lists show it without a join. */
async function mirrorToTransfer(db: Db, documentId: string, state: BookingState): Promise<void> {
  await db
    .updateTable('transfers')
    .set({ booking_state: state })
    .where('document_id', '=', documentId)
    .where('target', '=', 'sevdesk')
    .execute();
}

export interface BookingChange {
  state?: BookingState;
  reason?: BookingMessage | null;
  transferId?: string | null;
  voucherId?: string | null;
  amount?: number | null;
  currency?: string | null;
  paidAt?: string | null;
  paymentMethod?: string | null;
  searchKey?: string | null;
  checkAccountId?: string | null;
  checkAccountType?: string | null;
  checkAccountName?: string | null;
  transactionId?: string | null;
  origin?: string | null;
  candidates?: CandidateView[];
  /** Count one more automatic check at `lastCheckedAt` (and set first_checked_at on the first). */
  checked?: boolean;
  nextCheckAt?: number | null;
  writeRequestedAt?: string | null;
  bookingDate?: string | null;
  bookedAt?: string | null;
}

/**
 * Apply `change` if the booking is still in one of `expected` states. Returns false when another process changed
 * it meanwhile (nothing written).
 */
export async function updateBooking(
  db: Db,
  documentId: string,
  expected: readonly BookingState[],
  change: BookingChange,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('bookings')
    .set((eb) => ({
      updated_at: now,
      ...(change.state !== undefined ? { state: change.state } : {}),
      ...(change.reason !== undefined
        ? { reason: change.reason ? JSON.stringify(change.reason) : null, reason_code: change.reason?.code ?? null }
        : {}),
      ...(change.transferId !== undefined ? { transfer_id: change.transferId } : {}),
      ...(change.voucherId !== undefined ? { voucher_id: change.voucherId } : {}),
      ...(change.amount !== undefined ? { amount: change.amount } : {}),
      ...(change.currency !== undefined ? { currency: change.currency } : {}),
      ...(change.paidAt !== undefined ? { paid_at: change.paidAt } : {}),
      ...(change.paymentMethod !== undefined ? { payment_method: change.paymentMethod } : {}),
      ...(change.searchKey !== undefined ? { search_key: change.searchKey } : {}),
      ...(change.checkAccountId !== undefined ? { check_account_id: change.checkAccountId } : {}),
      ...(change.checkAccountType !== undefined ? { check_account_type: change.checkAccountType } : {}),
      ...(change.checkAccountName !== undefined ? { check_account_name: change.checkAccountName } : {}),
      ...(change.transactionId !== undefined ? { transaction_id: change.transactionId } : {}),
      ...(change.origin !== undefined ? { origin: change.origin } : {}),
      ...(change.candidates !== undefined ? { candidates: JSON.stringify(change.candidates) } : {}),
      ...(change.checked
        ? {
            checks: eb('checks', '+', 1),
            last_checked_at: now,
            first_checked_at: eb.fn.coalesce('first_checked_at', eb.val(now)),
          }
        : {}),
      ...(change.nextCheckAt !== undefined ? { next_check_at: change.nextCheckAt } : {}),
      ...(change.writeRequestedAt !== undefined ? { write_requested_at: change.writeRequestedAt } : {}),
      ...(change.bookingDate !== undefined ? { booking_date: change.bookingDate } : {}),
      ...(change.bookedAt !== undefined ? { booked_at: change.bookedAt } : {}),
    }))
    .where('document_id', '=', documentId)
    .where('state', 'in', [...expected])
    .executeTakeFirst();
  const updated = Number(res.numUpdatedRows) > 0;
  if (updated && change.state !== undefined) await mirrorToTransfer(db, documentId, change.state);
  return updated;
}

/** Open bookings of a shop whose next check is due, oldest due first. */
export async function listDueBookings(db: Db, shopId: string, nowMs: number, limit: number): Promise<Booking[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('state', 'in', ['pending', 'waiting_for_payment', 'ambiguous', 'booking'])
    .where('next_check_at', '<=', nowMs)
    .orderBy('next_check_at')
    .orderBy('document_id')
    .limit(limit)
    .execute();
  return rows.map(toBooking);
}

/** The earliest planned check of a shop's open bookings (epoch ms), or null. */
export async function earliestNextCheck(db: Db, shopId: string): Promise<number | null> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.min('next_check_at').as('at'))
    .where('shop_id', '=', shopId)
    .where('state', 'in', ['pending', 'waiting_for_payment', 'ambiguous', 'booking'])
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** Bookings of a shop in a state with one of the reason codes, in document order (keyset by `after`). */
export async function listBookingsByReason(
  db: Db,
  shopId: string,
  states: readonly BookingState[],
  reasonCodes: readonly string[],
  opts: { after?: string; limit: number },
): Promise<Booking[]> {
  if (reasonCodes.length === 0) return [];
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('state', 'in', [...states])
    .where('reason_code', 'in', [...reasonCodes])
    .$if(opts.after !== undefined, (q) => q.where('document_id', '>', opts.after!))
    .orderBy('document_id')
    .limit(opts.limit)
    .execute();
  return rows.map(toBooking);
}

export async function listBookings(
  db: Db,
  filter: { shopId: string; states?: readonly BookingState[]; before?: string; limit?: number },
): Promise<Booking[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('shop_id', '=', filter.shopId)
    .$if(filter.states !== undefined && filter.states.length > 0, (q) => q.where('state', 'in', [...filter.states!]))
    .$if(filter.before !== undefined, (q) => q.where('document_id', '<', filter.before!))
    .orderBy('document_id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 500))
    .execute();
  return rows.map(toBooking);
}

export async function countBookingsByState(db: Db, shopId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('bookings')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Transactions this shop has linked (or is linking) to a document other than `exceptDocumentId`. */
export async function claimedTransactionIds(db: Db, shopId: string, exceptDocumentId?: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('bookings')
    .select('transaction_id')
    .where('shop_id', '=', shopId)
    .where('state', 'in', ['booking', 'linked'])
    .where('transaction_id', 'is not', null)
    .$if(exceptDocumentId !== undefined, (q) => q.where('document_id', '!=', exceptDocumentId!))
    .execute();
  return new Set(rows.map((r) => r.transaction_id!));
}

/**
 * Transferred documents of a shop (voucher known) without a booking row: what the sweeper picks up so booking never
 * depends on the transfer's hook alone. Keyset by document id.
 */
export async function transferredWithoutBooking(
  db: Db,
  shopId: string,
  opts: { after?: string; limit: number },
): Promise<{ documentId: string; transferId: string; voucherId: string }[]> {
  const rows = await db
    .selectFrom('transfers')
    .leftJoin('bookings', 'bookings.document_id', 'transfers.document_id')
    .select(['transfers.document_id', 'transfers.id', 'transfers.sevdesk_voucher_id'])
    .where('transfers.shop_id', '=', shopId)
    .where('transfers.state', '=', 'transferred')
    .where('transfers.sevdesk_voucher_id', 'is not', null)
    .where('bookings.document_id', 'is', null)
    .$if(opts.after !== undefined, (q) => q.where('transfers.document_id', '>', opts.after!))
    .orderBy('transfers.document_id')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({ documentId: r.document_id, transferId: r.id, voucherId: r.sevdesk_voucher_id! }));
}

/**
 * Distinct payment methods of a shop's documents (for the "account per payment method" form): one sample document
 * per method title, whose data holds the method id. Portable: a GROUP BY over the indexed list column.
 */
export async function paymentMethodSamples(
  db: Db,
  shopId: string,
): Promise<{ title: string | null; documents: number; sampleDocumentId: string }[]> {
  const rows = await db
    .selectFrom('documents')
    .select((eb) => ['payment_method', eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('sample')])
    .where('shop_id', '=', shopId)
    .groupBy('payment_method')
    .execute();
  return rows.map((r) => ({ title: r.payment_method, documents: Number(r.n), sampleDocumentId: String(r.sample) }));
}
