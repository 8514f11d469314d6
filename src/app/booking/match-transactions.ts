import {
  type Booking,
  claimedTransactionIds,
  earliestNextCheck,
  insertBookingIfAbsent,
  listBookingsByReason,
  listDueBookings,
  transferredWithoutBooking,
  updateBooking,
} from '../../db/repos/bookings.repo.js';
import { findConnection } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop, type Shop } from '../../db/repos/shops.repo.js';
import {
  type BankTransaction,
  contestedTransactions,
  decideMatch,
  listingStartDate,
  type MatchDecision,
} from '../../domain/booking/match.js';
import { bookingReasons, SETTINGS_REASONS } from '../../domain/booking/reasons.js';
import { TransactionListingTooLargeError } from '../../integrations/sevdesk/booking-api.js';
import { isAppError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import {
  BookingRunner,
  candidateView,
  connectionUsable,
  ERROR_RECHECK_MS,
  nearMissViews,
  type Plan,
  pausingOnAuth,
  type RunStats,
} from './booking-runner.js';
import { SWEEP_INTERVAL_MS, scheduleNextMatchRun } from './schedule-matching.js';

// The match job of one shop: (1) the sweeper — transferred documents without a booking get one, so booking never
// depends on the transfer's hook alone; (2) bookings stopped for local reasons (unpaid order, missing search key,
// settings) are looked at again, so an invoice paid later is booked once the shop reports it; (3) every due
// booking is decided: offline/register accounts are booked directly; for online accounts each account's open
// transactions are listed ONCE per run (paged until a short page) and all waiting documents are matched against
// that list — never one search per document, and no second read of a listed transaction while the listing is
// recent. Then the next run is planned.

/** Due bookings handled per run; more are left for an immediate next run. */
export const MATCH_BATCH = 1000;
/** Bookings written per run (1–3 calls each); the rest stay due and the next run follows at once. */
export const MAX_BOOKINGS_PER_RUN = 100;
const PAGE = 500;

/** Reasons of stopped bookings that a local re-evaluation may resolve (payment reported, settings changed). */
export const LOCAL_RECHECK_REASONS = [...SETTINGS_REASONS, 'order_unpaid', 'search_key_missing', 'not_transferred'];

export interface MatchRunResult extends RunStats {
  shopId: string;
  swept: number;
  rechecked: number;
  due: number;
  /** sevDesk HTTP calls of this run. */
  calls: number;
  /** Epoch ms of the planned next run, or null (booking off). */
  nextRunAt: number | null;
}

export async function matchTransactions(
  ctx: AppContext,
  shopId: string,
  opts: { schedule?: boolean; maxBookings?: number } = {},
): Promise<MatchRunResult> {
  const result: MatchRunResult = {
    shopId,
    swept: 0,
    rechecked: 0,
    due: 0,
    calls: 0,
    nextRunAt: null,
    processed: 0,
    booked: 0,
    waiting: 0,
    ambiguous: 0,
    failed: 0,
    listings: 0,
    listingPages: 0,
    errors: 0,
    deferred: 0,
  };
  const shop = await findShop(ctx.db, shopId);
  if (!shop?.settings.booking.enabled) return result;
  const connection = await findConnection(ctx.db, shopId);
  if (!connectionUsable(connection)) {
    // Nothing can be decided without the account; look again later (reconnecting resumes the queue anyway).
    if (opts.schedule !== false)
      result.nextRunAt = await planNext(ctx, shopId, ctx.now().getTime() + SWEEP_INTERVAL_MS);
    return result;
  }
  const runner = new BookingRunner(ctx, shop, connection, opts.maxBookings ?? MAX_BOOKINGS_PER_RUN);
  await pausingOnAuth(ctx, connection, async () => {
    result.swept = await sweepTransferred(ctx, shop);
    result.rechecked = await recheckStopped(ctx, runner);
    const due = await listDueBookings(ctx.db, shopId, ctx.now().getTime(), MATCH_BATCH);
    result.due = due.length;
    await decideDue(ctx, runner, due);
  });

  Object.assign(result, runner.stats, { calls: runner.callCount });
  if (opts.schedule !== false) {
    const now = ctx.now().getTime();
    const earliest = await earliestNextCheck(ctx.db, shopId);
    const next = Math.min(
      now + SWEEP_INTERVAL_MS,
      earliest === null ? Number.POSITIVE_INFINITY : Math.max(earliest, now + 1000),
    );
    result.nextRunAt = await planNext(ctx, shopId, next);
  }
  ctx.logger.info(
    {
      shopId,
      due: result.due,
      booked: result.booked,
      waiting: result.waiting,
      ambiguous: result.ambiguous,
      listings: result.listings,
      calls: result.calls,
    },
    'booking match run',
  );
  return result;
}

async function planNext(ctx: AppContext, shopId: string, at: number): Promise<number> {
  await scheduleNextMatchRun(ctx, shopId, at);
  return at;
}

/** Transferred documents without a booking row get one, due now. */
async function sweepTransferred(ctx: AppContext, shop: Shop): Promise<number> {
  let count = 0;
  let after: string | undefined;
  const now = ctx.now();
  for (;;) {
    const rows = await transferredWithoutBooking(ctx.db, shop.id, { limit: PAGE, ...(after ? { after } : {}) });
    for (const r of rows) {
      const inserted = await insertBookingIfAbsent(
        ctx.db,
        {
          documentId: r.documentId,
          shopId: shop.id,
          transferId: r.transferId,
          voucherId: r.voucherId,
          nextCheckAt: now.getTime(),
        },
        now.toISOString(),
      );
      if (inserted) count++;
    }
    if (rows.length < PAGE) return count;
    after = rows[rows.length - 1]!.documentId;
  }
}

/** Bookings stopped for a local reason whose answer may have changed: due again now if it did. */
async function recheckStopped(ctx: AppContext, runner: BookingRunner): Promise<number> {
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await listBookingsByReason(
      ctx.db,
      runner.shop.id,
      ['pending', 'waiting_for_payment', 'not_applicable'],
      LOCAL_RECHECK_REASONS,
      { limit: PAGE, ...(after ? { after } : {}) },
    );
    for (const booking of rows) {
      if (booking.nextCheckAt !== null && booking.nextCheckAt <= ctx.now().getTime()) continue; // due anyway
      const plan = await runner.prepare(booking);
      if (plan.kind === 'local' && plan.state === booking.state && plan.reason.code === booking.reason?.code) continue;
      const ok = await updateBooking(
        ctx.db,
        booking.documentId,
        [booking.state],
        { state: 'pending', nextCheckAt: ctx.now().getTime() },
        ctx.now().toISOString(),
      );
      if (ok) count++;
    }
    if (rows.length < PAGE) return count;
    after = rows[rows.length - 1]!.documentId;
  }
}

type OnlinePlan = Extract<Plan, { kind: 'online' }>;

/** Decide every due booking; online ones grouped per account, one listing each. */
export async function decideDue(ctx: AppContext, runner: BookingRunner, due: Booking[]): Promise<void> {
  const groups = new Map<string, OnlinePlan[]>();
  for (let booking of due) {
    try {
      if (booking.state === 'booking') {
        const settled = await runner.reconcile(booking);
        if (settled.settled) continue;
        booking = settled.booking;
      }
      const plan = await runner.prepare(booking);
      if (plan.kind === 'local') await runner.applyLocal(booking, plan);
      else if (plan.kind === 'offline') {
        if (runner.takeBudget()) await runner.execute(plan.subject, plan.account, null, 'auto', plan.change);
      } else groups.set(plan.account.id, [...(groups.get(plan.account.id) ?? []), plan]);
    } catch (e) {
      await handleDocumentError(ctx, runner, booking, e);
    }
  }
  for (const plans of groups.values()) await matchAccount(ctx, runner, plans);
}

/** One listing of the account's open transactions; every waiting document of the run is matched against it. */
async function matchAccount(ctx: AppContext, runner: BookingRunner, plans: OnlinePlan[]): Promise<void> {
  const account = plans[0]!.account;
  const signs = new Set(plans.map((p) => Math.sign(p.criteria.amount)));
  const direction = signs.size === 1 ? (signs.has(1) ? 'credit' : 'debit') : 'both';
  let transactions: BankTransaction[];
  // The listing's time: within TRANSACTION_FRESH_MS of it a matched transaction is booked as listed, not read again.
  const listedAt = ctx.now().getTime();
  try {
    const listing = await runner.bookingApi().openTransactions({
      checkAccountId: account.id,
      currency: account.currency ?? plans[0]!.criteria.currency,
      startDate: listingStartDate(plans.map((p) => p.criteria))!,
      direction,
    });
    runner.stats.listings++;
    runner.stats.listingPages += listing.pages;
    transactions = listing.transactions;
  } catch (e) {
    if (!(e instanceof TransactionListingTooLargeError)) throw e;
    for (const p of plans)
      await runner.recordNoBooking(p.subject, p.change, 'waiting_for_payment', bookingReasons.rejected(e.message), []);
    return;
  }

  const claimed = await claimedTransactionIds(ctx.db, runner.shop.id);
  const decisions: { plan: OnlinePlan; decision: MatchDecision }[] = plans.map((plan) => ({
    plan,
    decision: decideMatch(transactions, plan.criteria, claimed),
  }));
  const uniques = new Map<string, string>();
  for (const { plan, decision } of decisions)
    if (decision.kind === 'unique') uniques.set(plan.subject.booking.documentId, decision.transaction.id);
  const contested = contestedTransactions(uniques);

  for (const { plan, decision } of decisions) {
    const { subject, change, criteria } = plan;
    try {
      if (decision.kind === 'unique') {
        const others = contested.get(decision.transaction.id);
        if (others) {
          await runner.recordNoBooking(
            subject,
            change,
            'ambiguous',
            bookingReasons.claimedByOtherDocument(decision.transaction.id, others.length - 1),
            [candidateView(decision.transaction)],
          );
          continue;
        }
        if (!runner.takeBudget()) continue;
        const result = await runner.execute(subject, account, decision.transaction, 'auto', change, {
          transactionReadAt: listedAt,
        });
        if (result.kind === 'transaction_changed')
          await runner.recordNoBooking(subject, change, 'waiting_for_payment', result.reason, [
            candidateView(decision.transaction, ['changed']),
          ]);
      } else if (decision.kind === 'several') {
        await runner.recordNoBooking(
          subject,
          change,
          'ambiguous',
          bookingReasons.ambiguous(decision.candidates.length, criteria.key),
          decision.candidates.map((t) => candidateView(t)),
        );
      } else {
        await runner.recordNoBooking(
          subject,
          change,
          'waiting_for_payment',
          bookingReasons.noMatchYet(
            criteria.key,
            criteria.amount,
            criteria.currency,
            account.name,
            decision.nearMisses.length,
          ),
          nearMissViews(decision.nearMisses),
        );
      }
    } catch (e) {
      await handleDocumentError(ctx, runner, subject.booking, e);
    }
  }
}

/**
 * A document's step failed. Rate limits and broken connections stop the whole run (the job is postponed); anything
 * else is noted on the document and looked at again soon, so one bad document never blocks the others.
 */
async function handleDocumentError(
  ctx: AppContext,
  runner: BookingRunner,
  booking: Booking,
  e: unknown,
): Promise<void> {
  if (isAppError(e) && (e.kind === 'rate_limited' || e.kind === 'connection')) throw e;
  runner.stats.errors++;
  ctx.logger.warn({ err: e, shopId: booking.shopId, documentId: booking.documentId }, 'booking step failed');
  await updateBooking(
    ctx.db,
    booking.documentId,
    ['pending', 'waiting_for_payment', 'ambiguous', 'booking'],
    { nextCheckAt: ctx.now().getTime() + ERROR_RECHECK_MS },
    ctx.now().toISOString(),
  ).catch(() => false);
  await runner
    .log(booking, 'error', null, { error: e instanceof Error ? e.message : String(e) })
    .catch(() => undefined);
}
