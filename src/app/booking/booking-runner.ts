import {
  type Booking,
  type BookingChange,
  type CandidateView,
  claimedTransactionIds,
  updateBooking,
} from '../../db/repos/bookings.repo.js';
import { findDocument, type StoredDocument } from '../../db/repos/documents.repo.js';
import { findOrder } from '../../db/repos/orders.repo.js';
import type { SevdeskConnection } from '../../db/repos/sevdesk-connections.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { findTransferOfDocument, insertAttempt } from '../../db/repos/transfers.repo.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { BookingOrigin, BookingState, CheckAccountType } from '../../domain/booking/booking-state.js';
import { isCheckAccountType } from '../../domain/booking/booking-state.js';
import {
  type BankTransaction,
  DEFAULT_WINDOW_DAYS_AFTER,
  DEFAULT_WINDOW_DAYS_BEFORE,
  type Evaluation,
  type MatchCriteria,
} from '../../domain/booking/match.js';
import { chooseCheckAccount, type PaymentFacts, paymentFacts } from '../../domain/booking/payment.js';
import { type BookingMessage, bookingReasons } from '../../domain/booking/reasons.js';
import { nextCheckAt } from '../../domain/booking/rematch.js';
import { renderSearchKey } from '../../domain/booking/search-key.js';
import { berlinDate } from '../../domain/documents/dates.js';
import { BookingApi, bookingDateTime } from '../../integrations/sevdesk/booking-api.js';
import type { CheckAccountInfo, VoucherInfo } from '../../integrations/sevdesk/sevdesk-api.js';
import {
  SevdeskAuthError,
  SevdeskNetworkError,
  SevdeskNotFoundError,
  SevdeskRateLimitedError,
  SevdeskRejectedError,
} from '../../integrations/sevdesk/sevdesk-errors.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { pauseShopForAuth } from '../sevdesk/pause-shop.js';
import { openSession, type SevdeskSession } from '../sevdesk/sevdesk-session.js';
import { SEVDESK_TARGET } from '../transfer/enqueue-transfer.js';
import { CheckAccounts, isActiveAccount } from './check-accounts.js';
// Vouchers, and OSS invoices/credit notes (issue 11), behind one read and one bookAmount.
import { bookPayable, isPlainVoucher, readPayable } from './oss/payable.js';

// One shop's booking work against its sevDesk account: decide locally what a document's booking needs (prepare),
// write a booking exactly once (execute: voucher and transaction as last seen — read again only when that is not
// recent —, checkpoint, bookAmount, check its answer, record), and settle an earlier unclear write before anything
// else (reconcile). Used by both jobs and by a person's actions.

/** After an unclear bookAmount, the voucher is read again after this long before the write counts as not done. */
export const UNCLEAR_SETTLE_MS = 2 * 60_000;
/** An unclear write is looked at again this soon. */
export const UNCLEAR_RECHECK_MS = 5 * 60_000;
/** A document whose check failed for a transient reason is looked at again this soon. */
export const ERROR_RECHECK_MS = 15 * 60_000;
/**
 * A transaction seen this recently (the run's listing, a person's pick) is booked as seen; an older sighting is
 * read again right before the write. bookAmount refuses a private or booked transaction and a deleted one anyway.
 */
export const TRANSACTION_FRESH_MS = 60_000;
/**
 * The transfer verified the voucher (the document's total) and created it open; for this long after the transfer,
 * and only while no bookAmount was ever requested for it, that is taken as its state instead of reading it again.
 * sevDesk's answer still covers the rest: 751 already paid, 404 deleted, 422 draft, `fromStatus` partly paid.
 */
export const VOUCHER_FRESH_MS = 15 * 60_000;

export type PaidFacts = Extract<PaymentFacts, { ok: true }>;

export interface BookingSubject {
  booking: Booking;
  document: StoredDocument;
  transferId: string;
  voucherId: string;
  facts: PaidFacts;
  /** When the transfer verified the voucher (ISO); absent or null = unknown, the voucher is read before booking. */
  transferredAt?: string | null;
}

/** What the caller already knows from sevDesk, so execute need not read it again. */
export interface ExecuteOptions {
  /** Epoch ms of the read that produced `transaction` (the listing, a person's pick); absent = read it again. */
  transactionReadAt?: number;
}

export type Plan =
  | { kind: 'local'; state: BookingState; reason: BookingMessage; change: BookingChange }
  | { kind: 'offline'; subject: BookingSubject; account: CheckAccountInfo; change: BookingChange }
  | {
      kind: 'online';
      subject: BookingSubject;
      account: CheckAccountInfo;
      criteria: MatchCriteria;
      change: BookingChange;
    };

export type ExecuteResult =
  | { kind: 'done'; state: BookingState; reason: BookingMessage }
  | { kind: 'failed'; reason: BookingMessage }
  | { kind: 'transaction_changed'; reason: BookingMessage }
  | { kind: 'busy' }
  | { kind: 'unclear'; reason: BookingMessage };

/** What the run did, for the job log and the call-economy numbers. */
export interface RunStats {
  processed: number;
  booked: number;
  waiting: number;
  ambiguous: number;
  failed: number;
  listings: number;
  listingPages: number;
  errors: number;
  /** Matched or bookable, but left for the next run (bookings per run are capped). */
  deferred: number;
}

export const emptyStats = (): RunStats => ({
  processed: 0,
  booked: 0,
  waiting: 0,
  ambiguous: 0,
  failed: 0,
  listings: 0,
  listingPages: 0,
  errors: 0,
  deferred: 0,
});

export function candidateView(t: BankTransaction, mismatches: readonly string[] = []): CandidateView {
  return {
    transactionId: t.id,
    amount: t.amount,
    currency: t.currency,
    valueDate: t.valueDate,
    entryDate: t.entryDate,
    paymtPurpose: t.paymtPurpose,
    payeePayerName: t.payeePayerName,
    status: t.status,
    mismatches: [...mismatches],
  };
}

export const nearMissViews = (misses: readonly Evaluation[]) =>
  misses.map((e) => candidateView(e.transaction, e.mismatches));

/** Is the connection usable for calls (connected, token present)? */
export function connectionUsable(connection: SevdeskConnection | null): connection is SevdeskConnection {
  return Boolean(connection && connection.status === 'connected' && connection.tokenEnc);
}

export class BookingRunner {
  readonly stats = emptyStats();
  private sessionValue: SevdeskSession | null = null;
  private executions = 0;
  readonly accounts: CheckAccounts;

  constructor(
    readonly ctx: AppContext,
    readonly shop: Shop,
    readonly connection: SevdeskConnection,
    /** Bookings written per run: the shop's single job slot is not held for minutes (other jobs wait). */
    private readonly maxExecutions = Number.POSITIVE_INFINITY,
  ) {
    this.accounts = new CheckAccounts(ctx, () => this.session());
  }

  /** Reserve one booking write of this run's budget; false = leave the document due for the next run. */
  takeBudget(): boolean {
    if (this.executions >= this.maxExecutions) {
      this.stats.deferred++;
      return false;
    }
    this.executions++;
    return true;
  }

  session(): SevdeskSession {
    this.sessionValue ??= openSession(this.ctx, this.connection);
    return this.sessionValue;
  }

  get callCount(): number {
    return this.sessionValue?.calls.length ?? 0;
  }

  bookingApi(): BookingApi {
    return new BookingApi(this.session().api.http);
  }

  private nowIso(): string {
    return this.ctx.now().toISOString();
  }

  // --- prepare: everything decidable without sevDesk (except the cached account list) ------------------------

  async prepare(booking: Booking): Promise<Plan> {
    const resolved = await this.subjectOf(booking);
    return resolved.kind === 'local' ? resolved : this.planFor(resolved.subject, resolved.change);
  }

  /**
   * The document's payment as the booking needs it, or the local state that stops it (booking off, not
   * transferred, unpaid, nothing to book). `byPerson`: a person acts — booking may be off, and an unpaid order
   * is taken as paid today.
   */
  async subjectOf(
    booking: Booking,
    opts: { byPerson?: boolean } = {},
  ): Promise<Extract<Plan, { kind: 'local' }> | { kind: 'subject'; subject: BookingSubject; change: BookingChange }> {
    const local = (state: BookingState, reason: BookingMessage, change: BookingChange = {}) =>
      ({ kind: 'local', state, reason, change }) as const;
    if (!this.shop.settings.booking.enabled && !opts.byPerson)
      return local('not_applicable', bookingReasons.bookingDisabled());
    const transfer = await findTransferOfDocument(this.ctx.db, booking.documentId, SEVDESK_TARGET);
    if (transfer?.state !== 'transferred' || !transfer.voucherId)
      return local('pending', bookingReasons.notTransferred(), transfer ? { transferId: transfer.id } : {});
    const document = await findDocument(this.ctx.db, booking.documentId);
    if (document?.status !== 'finalized' || document.shopId !== this.shop.id)
      return local('not_applicable', bookingReasons.notTransferred());
    const order = await findOrder(this.ctx.db, document.orderId);
    const raw = paymentFacts(document, order?.data ?? null);
    const base: BookingChange = { transferId: transfer.id, voucherId: transfer.voucherId };
    let facts: PaidFacts;
    if (raw.ok) facts = raw;
    else if (opts.byPerson && raw.code !== 'zero_amount') {
      facts = {
        ok: true,
        amount: document.data.totals.gross,
        currency: document.data.currency.toUpperCase(),
        paidAt: berlinDate(this.nowIso()),
        paymentMethod: order?.data.paymentMethod ?? document.data.paymentMethod,
        transactionId: order?.data.transactionId ?? document.data.paymentTransactionId,
        orderNumber: document.data.orderNumber,
        invoiceNumber: document.type === 'invoice' ? document.number : (document.data.cancels?.number ?? null),
      };
    } else {
      const amount = { ...base, amount: document.data.totals.gross, currency: document.data.currency.toUpperCase() };
      if (raw.code === 'unpaid') return local('waiting_for_payment', bookingReasons.orderUnpaid(), amount);
      if (raw.code === 'never_paid') return local('not_applicable', bookingReasons.neverPaid(), amount);
      return local('not_applicable', bookingReasons.zeroAmount(), amount);
    }
    return {
      kind: 'subject',
      subject: {
        booking,
        document,
        transferId: transfer.id,
        voucherId: transfer.voucherId,
        facts,
        transferredAt: transfer.transferredAt,
      },
      change: {
        ...base,
        amount: facts.amount,
        currency: facts.currency,
        paidAt: facts.paidAt,
        paymentMethod: facts.paymentMethod,
      },
    };
  }

  /** The account the settings choose for the payment method, and what booking on it needs. */
  async planFor(subject: BookingSubject, factsChange: BookingChange): Promise<Plan> {
    const settings = this.shop.settings.booking;
    const { facts } = subject;
    const local = (state: BookingState, reason: BookingMessage, change: BookingChange): Plan => ({
      kind: 'local',
      state,
      reason,
      change,
    });
    const choice = chooseCheckAccount(settings, facts.paymentMethod);
    if (!choice) return local('not_applicable', bookingReasons.noCheckAccount(facts.paymentMethod), factsChange);
    const account = await this.usableAccount(choice.id);
    if (!account)
      return local('not_applicable', bookingReasons.unknownCheckAccount(choice.id), {
        ...factsChange,
        checkAccountId: choice.id,
      });
    const accountChange: BookingChange = {
      ...factsChange,
      checkAccountId: account.id,
      checkAccountType: account.type,
      checkAccountName: account.name,
    };
    const currencyProblem = currencyMismatch(account, facts.currency);
    if (currencyProblem) return local('not_applicable', currencyProblem, accountChange);
    if (account.type !== 'online') return { kind: 'offline', subject, account, change: accountChange };
    if (!settings.linkTransactions)
      return local('not_applicable', bookingReasons.linkingDisabled(account.name), accountChange);
    const key = renderSearchKey(settings.searchKey, {
      orderNumber: facts.orderNumber,
      invoiceNumber: facts.invoiceNumber,
      transactionId: facts.transactionId,
    });
    if (!key.ok) {
      return key.code === 'invalid'
        ? local('not_applicable', bookingReasons.searchKeyInvalid(settings.searchKey, key.unknown), accountChange)
        : local('waiting_for_payment', bookingReasons.searchKeyMissing(`{${key.placeholder}}`), accountChange);
    }
    return {
      kind: 'online',
      subject,
      account,
      change: { ...accountChange, searchKey: key.key },
      criteria: {
        checkAccountId: account.id,
        key: key.key,
        amount: facts.amount,
        currency: facts.currency,
        paidDate: berlinDate(facts.paidAt),
        windowDaysBefore: DEFAULT_WINDOW_DAYS_BEFORE,
        windowDaysAfter: Math.max(DEFAULT_WINDOW_DAYS_AFTER, settings.rematchDays),
      },
    };
  }

  /** An active check account of a known type, or null. */
  async usableAccount(id: string): Promise<CheckAccountInfo | null> {
    const account = await this.accounts.byId(id);
    return account && isActiveAccount(account) && isCheckAccountType(account.type) ? account : null;
  }

  /** Record a local decision (no sevDesk write); logged only when state or reason changes. */
  async applyLocal(booking: Booking, plan: Extract<Plan, { kind: 'local' }>): Promise<void> {
    const changed = booking.state !== plan.state || booking.reason?.code !== plan.reason.code;
    await updateBooking(
      this.ctx.db,
      booking.documentId,
      [booking.state],
      {
        ...plan.change,
        state: plan.state,
        reason: plan.reason,
        candidates: [],
        transactionId: null,
        nextCheckAt: null,
      },
      this.nowIso(),
    );
    this.count(plan.state);
    if (changed)
      await this.log(booking, plan.state, plan.reason, { checkAccountId: plan.change.checkAccountId ?? null });
  }

  /** No (unique) transaction yet: wait or show the candidates, and plan the next check. */
  async recordNoBooking(
    subject: BookingSubject,
    change: BookingChange,
    state: 'waiting_for_payment' | 'ambiguous',
    reason: BookingMessage,
    candidates: CandidateView[],
  ): Promise<void> {
    const { booking, facts } = subject;
    const nowMs = this.ctx.now().getTime();
    const next = nextCheckAt({
      nowMs,
      checksDone: booking.checks + 1,
      paidAtMs: Date.parse(facts.paidAt),
      rematchDays: this.shop.settings.booking.rematchDays,
    });
    const finalReason =
      next === null && state === 'waiting_for_payment'
        ? bookingReasons.rematchExhausted(this.shop.settings.booking.rematchDays)
        : reason;
    await updateBooking(
      this.ctx.db,
      booking.documentId,
      [booking.state],
      { ...change, state, reason: finalReason, candidates, transactionId: null, checked: true, nextCheckAt: next },
      this.nowIso(),
    );
    this.count(state);
    await this.log(booking, state, finalReason, {
      checkAccountId: change.checkAccountId ?? null,
      searchKey: change.searchKey ?? null,
      candidates: candidates.map((c) => ({ id: c.transactionId, mismatches: c.mismatches })),
      nextCheckAt: next === null ? null : new Date(next).toISOString(),
    });
  }

  // --- execute: one booking write, never twice --------------------------------------------------------------

  async execute(
    subject: BookingSubject,
    account: CheckAccountInfo,
    transaction: BankTransaction | null,
    origin: BookingOrigin,
    change: BookingChange = {},
    opts: ExecuteOptions = {},
  ): Promise<ExecuteResult> {
    const { booking, facts } = subject;
    const callsBefore = this.callCount;
    const accountChange: BookingChange = {
      ...change,
      checkAccountId: account.id,
      checkAccountType: account.type,
      checkAccountName: account.name,
      transferId: subject.transferId,
      voucherId: subject.voucherId,
      amount: facts.amount,
      currency: facts.currency,
    };
    const detail = () => ({
      origin,
      checkAccountId: account.id,
      checkAccountType: account.type,
      transactionId: transaction?.id ?? null,
      amount: facts.amount,
      currency: facts.currency,
      calls: this.session().calls.slice(callsBefore),
    });

    // 1. The voucher: paid already? open? the amount we expect? Read unless the transfer just saw it.
    if (!this.voucherKnown(subject)) {
      const voucherState = await this.readVoucher(subject);
      if (voucherState.kind === 'paid')
        return this.finish(booking, [booking.state], 'booked', bookingReasons.alreadyPaid(), accountChange, detail(), {
          transactionId: null,
          origin,
        });
      if (voucherState.kind === 'failed')
        return this.fail(booking, [booking.state], voucherState.reason, accountChange, detail());
    }

    // 2. The transaction: still open, same account, exactly the amount, not ours elsewhere (read again if not recent).
    if (transaction) {
      const why = await this.transactionProblem(subject, account, transaction, opts.transactionReadAt);
      if (why) return { kind: 'transaction_changed', reason: bookingReasons.transactionChanged(transaction.id, why) };
    }

    // 3. Checkpoint: from here on the booking may exist.
    const date = bookingDateTime(transaction?.valueDate ?? berlinDate(facts.paidAt));
    let claimed: boolean;
    try {
      claimed = await updateBooking(
        this.ctx.db,
        booking.documentId,
        [booking.state],
        {
          ...accountChange,
          state: 'booking',
          reason: null,
          origin,
          transactionId: transaction?.id ?? null,
          writeRequestedAt: this.nowIso(),
          bookingDate: date,
          nextCheckAt: this.ctx.now().getTime() + UNCLEAR_RECHECK_MS,
        },
        this.nowIso(),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return {
        kind: 'transaction_changed',
        reason: bookingReasons.transactionChanged(transaction?.id ?? '', 'linked to another document'),
      };
    }
    if (!claimed) return { kind: 'busy' };
    const writing: Booking = { ...booking, state: 'booking', transactionId: transaction?.id ?? null, origin };

    // 4. The write.
    try {
      const result = await bookPayable(this.session(), {
        voucherId: subject.voucherId,
        amount: facts.amount,
        currency: facts.currency,
        date,
        checkAccountId: account.id,
        transactionId: transaction?.id ?? null,
      });
      // The voucher was not open when the payment arrived (partly paid meanwhile): the payment stands on top.
      if (result.fromStatus !== null && result.fromStatus !== 100) {
        const reason = bookingReasons.bookedOverPayment(result.fromStatus);
        await this.finish(writing, ['booking'], 'failed', reason, {}, detail(), {});
        return { kind: 'failed', reason };
      }
      if (result.toStatus !== null && result.toStatus !== 1000) {
        return this.fail(writing, ['booking'], bookingReasons.partlyPaid(), {}, detail());
      }
      return this.succeed(writing, account, origin, detail());
    } catch (e) {
      if (e instanceof SevdeskRejectedError && e.rejection.code === 751)
        return this.finish(writing, ['booking'], 'booked', bookingReasons.alreadyPaid(), {}, detail(), {
          transactionId: null,
        });
      if (notExecuted(e)) {
        // 429 / connection-phase failure / auth: nothing reached sevDesk. Back to where it was, then stop the run.
        await this.release(booking);
        throw e;
      }
      if (transaction && (e instanceof SevdeskRejectedError || e instanceof SevdeskNotFoundError)) {
        // Refused, so not written. Did the transaction change since it was seen (private, booked, deleted)?
        let why: string | null;
        try {
          why = await this.transactionProblem(subject, account, transaction, undefined);
        } catch (readError) {
          await this.release(booking);
          throw readError;
        }
        if (why) {
          await this.release(booking);
          return { kind: 'transaction_changed', reason: bookingReasons.transactionChanged(transaction.id, why) };
        }
      }
      if (
        e instanceof SevdeskRejectedError ||
        (isAppError(e) && e.kind === 'permanent' && !(e instanceof SevdeskNotFoundError))
      )
        return this.fail(writing, ['booking'], bookingReasons.rejected(rejectionText(e)), {}, detail());
      if (e instanceof SevdeskNotFoundError)
        return this.fail(writing, ['booking'], bookingReasons.voucherGone(subject.voucherId), {}, detail());
      // Unclear (timeout, 5xx, reset after sending, anything unexpected): read the voucher before anything else.
      return this.settleUnclear(writing, subject.voucherId, account, origin, detail, e);
    }
  }

  /** After an unclear write: paid → done; otherwise stay in 'booking' and look again soon (never write blindly). */
  private async settleUnclear(
    writing: Booking,
    voucherId: string,
    account: CheckAccountInfo,
    origin: BookingOrigin,
    detail: () => Record<string, unknown>,
    cause: unknown,
  ): Promise<ExecuteResult> {
    let voucher: VoucherInfo | null = null;
    try {
      voucher = await readPayable(this.session(), voucherId);
    } catch (e) {
      if (isAppError(e) && (e.kind === 'rate_limited' || e.kind === 'connection')) {
        // Leave it unclear; the next run reconciles first.
      } else if (!isAppError(e)) throw e;
    }
    if (voucher?.status === 1000)
      return this.succeed(writing, account, origin, { ...detail(), confirmedByReread: true });
    const reason = bookingReasons.writeUnclear();
    await updateBooking(
      this.ctx.db,
      writing.documentId,
      ['booking'],
      { reason, nextCheckAt: this.ctx.now().getTime() + UNCLEAR_RECHECK_MS },
      this.nowIso(),
    );
    await this.log(writing, 'booking', reason, {
      ...detail(),
      error: cause instanceof Error ? cause.message : String(cause),
      voucherStatus: voucher?.status ?? null,
    });
    return { kind: 'unclear', reason };
  }

  /**
   * A booking left in 'booking' (unclear write, crash after the checkpoint): re-read the voucher first. Paid →
   * done. Still open well after the write → the write did not happen: back to pending, the caller continues.
   */
  async reconcile(booking: Booking): Promise<{ settled: true } | { settled: false; booking: Booking }> {
    const voucherId = booking.voucherId;
    const account = {
      id: booking.checkAccountId ?? '',
      name: booking.checkAccountName ?? booking.checkAccountId ?? '',
      type: booking.checkAccountType ?? '',
    };
    const callsBefore = this.callCount;
    const detail = () => ({
      reconcile: true,
      checkAccountId: account.id,
      transactionId: booking.transactionId,
      calls: this.session().calls.slice(callsBefore),
    });
    if (!voucherId) {
      await this.fail(booking, ['booking'], bookingReasons.voucherGone('?'), {}, detail());
      return { settled: true };
    }
    let voucher: VoucherInfo;
    try {
      voucher = await readPayable(this.session(), voucherId);
    } catch (e) {
      if (e instanceof SevdeskNotFoundError) {
        await this.fail(booking, ['booking'], bookingReasons.voucherGone(voucherId), {}, detail());
        return { settled: true };
      }
      throw e;
    }
    const origin = (booking.origin ?? 'auto') as BookingOrigin;
    if (voucher.status === 1000) {
      await this.succeed(booking, account, origin, { ...detail(), confirmedByReread: true });
      return { settled: true };
    }
    if (voucher.status === 750) {
      await this.fail(booking, ['booking'], bookingReasons.partlyPaid(), {}, detail());
      return { settled: true };
    }
    if (voucher.status !== 100) {
      await this.fail(booking, ['booking'], bookingReasons.voucherNotOpen(voucher.status), {}, detail());
      return { settled: true };
    }
    const requested = booking.writeRequestedAt ? Date.parse(booking.writeRequestedAt) : 0;
    if (this.ctx.now().getTime() - requested < UNCLEAR_SETTLE_MS) {
      await updateBooking(
        this.ctx.db,
        booking.documentId,
        ['booking'],
        { nextCheckAt: requested + UNCLEAR_SETTLE_MS },
        this.nowIso(),
      );
      return { settled: true };
    }
    // Open long after the write: it did not happen. Release the claim and decide again.
    const released: BookingChange = { state: 'pending', transactionId: null, writeRequestedAt: null, nextCheckAt: 0 };
    const ok = await updateBooking(this.ctx.db, booking.documentId, ['booking'], released, this.nowIso());
    if (!ok) return { settled: true };
    await this.log(booking, 'pending', bookingReasons.writeUnclear(), {
      ...detail(),
      voucherStatus: 100,
      released: true,
    });
    return { settled: false, booking: { ...booking, state: 'pending', transactionId: null, writeRequestedAt: null } };
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  /**
   * A write that certainly did not happen: back to the state before the checkpoint, due now. The booking date stays:
   * it marks that a write was requested, so the next attempt reads the voucher first.
   */
  private async release(booking: Booking): Promise<void> {
    await updateBooking(
      this.ctx.db,
      booking.documentId,
      ['booking'],
      {
        state: booking.state,
        transactionId: booking.transactionId,
        writeRequestedAt: null,
        nextCheckAt: this.ctx.now().getTime(),
      },
      this.nowIso(),
    );
  }

  /** Is the voucher's state known without reading it: just transferred and verified, never written to since? */
  private voucherKnown(subject: BookingSubject): boolean {
    const { booking } = subject;
    if (!isPlainVoucher(subject.voucherId)) return false;
    // A retry (any earlier bookAmount request, refused, unclear or done) always reads first.
    if (booking.bookingDate !== null || booking.writeRequestedAt !== null) return false;
    const at = subject.transferredAt ? Date.parse(subject.transferredAt) : Number.NaN;
    if (Number.isNaN(at)) return false;
    const age = this.ctx.now().getTime() - at;
    return age >= 0 && age <= VOUCHER_FRESH_MS;
  }

  private async readVoucher(
    subject: BookingSubject,
  ): Promise<{ kind: 'open' } | { kind: 'paid' } | { kind: 'failed'; reason: BookingMessage }> {
    let voucher: VoucherInfo;
    try {
      voucher = await readPayable(this.session(), subject.voucherId);
    } catch (e) {
      if (e instanceof SevdeskNotFoundError)
        return { kind: 'failed', reason: bookingReasons.voucherGone(subject.voucherId) };
      throw e;
    }
    if (voucher.status === 1000) return { kind: 'paid' };
    if (voucher.status === 750) return { kind: 'failed', reason: bookingReasons.partlyPaid() };
    if (voucher.status !== 100) return { kind: 'failed', reason: bookingReasons.voucherNotOpen(voucher.status) };
    const expected = subject.facts.amount;
    // The sign convention of negative revenue vouchers is not documented: compare the magnitude.
    if (Math.abs(voucher.sumGross) !== Math.abs(expected))
      return {
        kind: 'failed',
        reason: bookingReasons.voucherAmountDiffers(expected, voucher.sumGross, subject.facts.currency),
      };
    return { kind: 'open' };
  }

  /**
   * Why the transaction may not be booked now, or null when it still fits. `seen` is used as it is when it was read
   * within TRANSACTION_FRESH_MS of now (`readAt`); otherwise the transaction is read again.
   */
  private async transactionProblem(
    subject: BookingSubject,
    account: CheckAccountInfo,
    seen: BankTransaction,
    readAt: number | undefined,
  ): Promise<string | null> {
    let t = seen;
    if (readAt === undefined || this.ctx.now().getTime() - readAt > TRANSACTION_FRESH_MS) {
      try {
        t = await this.bookingApi().transaction(seen.id, account.currency ?? subject.facts.currency);
      } catch (e) {
        if (e instanceof SevdeskNotFoundError) return 'not found';
        throw e;
      }
    }
    if (t.deleted) return 'deleted';
    if (t.checkAccountId !== account.id) return `belongs to check account ${t.checkAccountId ?? '?'}`;
    if (t.status !== 100) return `status ${t.status ?? '?'} (linked, private or booked)`;
    if (t.amount !== subject.facts.amount) return 'amount differs';
    const claimed = await claimedTransactionIds(this.ctx.db, this.shop.id, subject.booking.documentId);
    if (claimed.has(t.id)) return 'linked to another document';
    return null;
  }

  private async succeed(
    writing: Booking,
    account: { id: string; name: string; type: string },
    origin: BookingOrigin,
    detail: Record<string, unknown>,
  ): Promise<ExecuteResult> {
    const name = account.name || account.id;
    const [state, reason]: [BookingState, BookingMessage] =
      origin === 'manual'
        ? ['manual', bookingReasons.manual(name)]
        : writing.transactionId
          ? ['linked', bookingReasons.linked(name, writing.transactionId)]
          : ['booked', bookingReasons.booked(name)];
    return this.finish(writing, ['booking'], state, reason, {}, detail, {});
  }

  private async finish(
    booking: Booking,
    from: readonly BookingState[],
    state: BookingState,
    reason: BookingMessage,
    change: BookingChange,
    detail: Record<string, unknown>,
    extra: BookingChange,
  ): Promise<ExecuteResult> {
    const now = this.nowIso();
    await updateBooking(
      this.ctx.db,
      booking.documentId,
      from,
      { ...change, ...extra, state, reason, candidates: [], nextCheckAt: null, writeRequestedAt: null, bookedAt: now },
      now,
    );
    this.count(state);
    this.ctx.logger.info(
      {
        shopId: this.shop.id,
        documentId: booking.documentId,
        state,
        reason: reason.code,
        checkAccountId: detail.checkAccountId ?? change.checkAccountId ?? null,
        transactionId: extra.transactionId !== undefined ? extra.transactionId : (booking.transactionId ?? null),
      },
      'document booked in sevDesk',
    );
    await this.log(
      { ...booking, ...(extra.transactionId !== undefined ? { transactionId: extra.transactionId } : {}) },
      state,
      reason,
      detail,
    );
    return { kind: 'done', state, reason };
  }

  private async fail(
    booking: Booking,
    from: readonly BookingState[],
    reason: BookingMessage,
    change: BookingChange,
    detail: Record<string, unknown>,
  ): Promise<ExecuteResult> {
    await updateBooking(
      this.ctx.db,
      booking.documentId,
      from,
      { ...change, state: 'failed', reason, transactionId: null, nextCheckAt: null, writeRequestedAt: null },
      this.nowIso(),
    );
    this.count('failed');
    this.ctx.logger.warn(
      { shopId: this.shop.id, documentId: booking.documentId, reason: reason.code },
      'booking failed',
    );
    await this.log(booking, 'failed', reason, detail);
    return { kind: 'failed', reason };
  }

  private count(state: BookingState): void {
    this.stats.processed++;
    if (state === 'booked' || state === 'linked' || state === 'manual') this.stats.booked++;
    else if (state === 'waiting_for_payment') this.stats.waiting++;
    else if (state === 'ambiguous') this.stats.ambiguous++;
    else if (state === 'failed') this.stats.failed++;
  }

  /** The per-document log: transfer_attempts with action 'book' (which account, which transaction, why). */
  async log(
    booking: Pick<Booking, 'documentId' | 'transferId' | 'transactionId'>,
    outcome: string,
    reason: BookingMessage | null,
    detail: Record<string, unknown>,
  ): Promise<void> {
    const transferId =
      booking.transferId ?? (await findTransferOfDocument(this.ctx.db, booking.documentId, SEVDESK_TARGET))?.id ?? null;
    if (!transferId) return;
    const now = this.nowIso();
    await insertAttempt(this.ctx.db, {
      transferId,
      documentId: booking.documentId,
      startedAt: now,
      finishedAt: now,
      action: 'book',
      outcome,
      detail: { transactionId: booking.transactionId ?? null, ...detail, reason },
      error: outcome === 'failed' ? (reason?.en ?? null) : null,
    });
  }
}

/**
 * Run booking work on a shop's connection; 401/403 marks the connection invalid and pauses the shop's queue (as
 * transfers do), then the error goes on to the caller (the worker postpones the job).
 */
export async function pausingOnAuth<T>(
  ctx: AppContext,
  connection: SevdeskConnection,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SevdeskAuthError) await pauseShopForAuth(ctx, connection, e);
    throw e;
  }
}

/** Did the failed write certainly not reach sevDesk? */
function notExecuted(e: unknown): boolean {
  if (e instanceof SevdeskRateLimitedError || e instanceof SevdeskAuthError) return true;
  if (e instanceof SevdeskNetworkError) return !e.mayHaveArrived;
  return false;
}

/** The reason booking on this account in this currency is refused, or null. */
export function currencyMismatch(account: CheckAccountInfo, currency: string): BookingMessage | null {
  return account.currency && account.currency.toUpperCase() !== currency.toUpperCase()
    ? bookingReasons.currencyMismatch(currency, account.currency.toUpperCase())
    : null;
}

function rejectionText(e: unknown): string {
  if (e instanceof SevdeskRejectedError) return e.rejection.message || e.localized.en;
  return e instanceof Error ? e.message : String(e);
}

/** An AppError for a person's action that did not end in a booking. */
export function personActionError(result: Exclude<ExecuteResult, { kind: 'done' }>): AppError {
  switch (result.kind) {
    case 'busy':
      return new AppError(
        'conflict',
        'booking_in_progress',
        'A booking of this document is in progress; try again shortly.',
      );
    case 'unclear':
      return new AppError('retryable', result.reason.code, result.reason.en, { detail: { de: result.reason.de } });
    default:
      return new AppError('conflict', result.reason.code, result.reason.en, { detail: { de: result.reason.de } });
  }
}

export type { CheckAccountType };
