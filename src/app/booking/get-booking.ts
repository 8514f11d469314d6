import { type Booking, type CandidateView, findBooking } from '../../db/repos/bookings.repo.js';
import { findDocument } from '../../db/repos/documents.repo.js';
import { findOrder } from '../../db/repos/orders.repo.js';
import { findConnection } from '../../db/repos/sevdesk-connections.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { findTransferOfDocument, listAttempts } from '../../db/repos/transfers.repo.js';
import { type BookingState, FINAL_STATES, PERSON_ACTIONABLE_STATES } from '../../domain/booking/booking-state.js';
import { paymentFacts } from '../../domain/booking/payment.js';
import { type BookingMessage, bookingReasons } from '../../domain/booking/reasons.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { requireShop } from '../shops/require-shop.js';
import { SEVDESK_TARGET } from '../transfer/enqueue-transfer.js';

// The read model of one document's booking for the admin UI, the API and the CLI: state, reason (de/en),
// account, transaction, the candidates a person can pick from, the schedule and the booking log. Reads the
// database only — never sevDesk.

export interface BookingLogEntry {
  at: string;
  outcome: string;
  reason: BookingMessage | null;
  checkAccountId: string | null;
  transactionId: string | null;
  /** sevDesk calls of that step (method, path, status). */
  calls: { method: string; path: string; status: number | null }[];
}

export interface BookingView {
  documentId: string;
  documentType: 'invoice' | 'cancellation';
  documentNumber: string | null;
  /** No booking row yet: what would happen (from the document, the order and the settings). */
  recorded: boolean;
  state: BookingState;
  reason: BookingMessage | null;
  amount: number | null;
  currency: string | null;
  paidAt: string | null;
  paymentMethod: string | null;
  searchKey: string | null;
  checkAccount: { id: string; type: string | null; name: string | null } | null;
  transactionId: string | null;
  origin: string | null;
  candidates: CandidateView[];
  checks: number;
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
  bookingDate: string | null;
  bookedAt: string | null;
  /** What a person may do now. */
  actions: { link: boolean; manual: boolean };
  log: BookingLogEntry[];
}

export async function getBookingView(ctx: AppContext, shopId: string, documentId: string): Promise<BookingView> {
  const shop = await requireShop(ctx.db, shopId);
  const document = await findDocument(ctx.db, documentId);
  if (!document || document.shopId !== shop.id) throw notFound(`Document ${documentId}`);
  const booking = await findBooking(ctx.db, documentId);
  const defaultIsOffline = await defaultAccountIsOffline(ctx, shop);
  const base = {
    documentId,
    documentType: document.type,
    documentNumber: document.number,
  };
  if (!booking) {
    const preview = await previewState(ctx, shop, documentId);
    return {
      ...base,
      recorded: false,
      state: preview.state,
      reason: preview.reason,
      amount: preview.amount,
      currency: preview.currency,
      paidAt: preview.paidAt,
      paymentMethod: preview.paymentMethod,
      searchKey: null,
      checkAccount: null,
      transactionId: null,
      origin: null,
      candidates: [],
      checks: 0,
      lastCheckedAt: null,
      nextCheckAt: null,
      bookingDate: null,
      bookedAt: null,
      actions: { link: preview.transferred, manual: preview.transferred && defaultIsOffline },
      log: [],
    };
  }
  return { ...base, ...bookingFields(booking, defaultIsOffline), log: await bookingLog(ctx, documentId) };
}

export function bookingFields(booking: Booking, defaultIsOffline: boolean) {
  const actionable = PERSON_ACTIONABLE_STATES.includes(booking.state);
  return {
    recorded: true,
    state: booking.state,
    reason: booking.reason,
    amount: booking.amount,
    currency: booking.currency,
    paidAt: booking.paidAt,
    paymentMethod: booking.paymentMethod,
    searchKey: booking.searchKey,
    checkAccount: booking.checkAccountId
      ? { id: booking.checkAccountId, type: booking.checkAccountType, name: booking.checkAccountName }
      : null,
    transactionId: booking.transactionId,
    origin: booking.origin,
    candidates: booking.candidates,
    checks: booking.checks,
    lastCheckedAt: booking.lastCheckedAt,
    nextCheckAt: booking.nextCheckAt === null ? null : new Date(booking.nextCheckAt).toISOString(),
    bookingDate: booking.bookingDate,
    bookedAt: booking.bookedAt,
    actions: {
      link: actionable && !FINAL_STATES.includes(booking.state),
      manual: actionable && defaultIsOffline,
    },
  };
}

/** The default account's type as read at connect (no call): manual booking needs an offline/register one. */
export async function defaultAccountIsOffline(ctx: AppContext, shop: Shop): Promise<boolean> {
  const id = shop.settings.booking.defaultCheckAccountId;
  if (!id) return false;
  const connection = await findConnection(ctx.db, shop.id);
  const type = connection?.accountInfo.checkAccounts?.find((a) => a.id === id)?.type;
  return type === 'offline' || type === 'register';
}

async function previewState(ctx: AppContext, shop: Shop, documentId: string) {
  const transfer = await findTransferOfDocument(ctx.db, documentId, SEVDESK_TARGET);
  const document = (await findDocument(ctx.db, documentId))!;
  const order = await findOrder(ctx.db, document.orderId);
  const facts = paymentFacts(document, order?.data ?? null);
  const transferred = Boolean(transfer && transfer.state === 'transferred' && transfer.voucherId);
  const money = facts.ok
    ? { amount: facts.amount, currency: facts.currency, paidAt: facts.paidAt, paymentMethod: facts.paymentMethod }
    : {
        amount: document.data.totals.gross,
        currency: document.data.currency.toUpperCase(),
        paidAt: null,
        paymentMethod: order?.data.paymentMethod ?? document.data.paymentMethod,
      };
  let state: BookingState = 'pending';
  let reason: BookingMessage | null = null;
  if (!shop.settings.booking.enabled) [state, reason] = ['not_applicable', bookingReasons.bookingDisabled()];
  else if (!transferred) reason = bookingReasons.notTransferred();
  else if (!facts.ok && facts.code === 'unpaid')
    [state, reason] = ['waiting_for_payment', bookingReasons.orderUnpaid()];
  else if (!facts.ok && facts.code === 'never_paid') [state, reason] = ['not_applicable', bookingReasons.neverPaid()];
  else if (!facts.ok) [state, reason] = ['not_applicable', bookingReasons.zeroAmount()];
  return { state, reason, transferred, ...money };
}

async function bookingLog(ctx: AppContext, documentId: string): Promise<BookingLogEntry[]> {
  const attempts = await listAttempts(ctx.db, documentId, { limit: 100 });
  return attempts
    .filter((a) => a.action === 'book')
    .slice(0, 30)
    .map((a) => {
      const d = a.detail as {
        reason?: BookingMessage | null;
        checkAccountId?: string | null;
        transactionId?: string | null;
        calls?: { method: string; path: string; status: number | null }[];
      };
      return {
        at: a.startedAt,
        outcome: a.outcome,
        reason: d.reason ?? null,
        checkAccountId: d.checkAccountId ?? null,
        transactionId: d.transactionId ?? null,
        calls: (d.calls ?? []).map((c) => ({ method: c.method, path: c.path, status: c.status })),
      };
    });
}
