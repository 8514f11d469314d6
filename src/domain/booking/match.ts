// Matching a document's payment against the open transactions of one check account, strictly and transparently
// (peers.md §3.1, §4.5): the purpose must contain the search key as a whole token, the amount must be exactly the
// document's (signed, in minor units, same currency), the transaction must be open (status 100), on the chosen
// account, not claimed by another document, and its value date must lie in a window around the paid date.
// Exactly one such transaction is booked; none or several are shown to a person, with the reasons.
import { berlinDate } from '../documents/dates.js';
import type { Minor } from '../documents/document.js';
import { containsToken } from './token-match.js';

/** A sevDesk CheckAccountTransaction, parsed. */
export interface BankTransaction {
  id: string;
  checkAccountId: string | null;
  /** Signed, minor units of `currency` (null when the wire amount is not an exact amount of that currency). */
  amount: Minor | null;
  currency: string;
  /** 100 open, 200 linked, 300 private, 350 auto-booked, 400 booked. */
  status: number | null;
  /** ISO date-time of the bank booking (the payment date of a booking). */
  valueDate: string | null;
  /** ISO date-time when it was entered/imported; what sevDesk's date filter cuts on. */
  entryDate: string | null;
  paymtPurpose: string | null;
  payeePayerName: string | null;
  deleted: boolean;
}

export interface MatchCriteria {
  checkAccountId: string;
  /** The rendered search key, e.g. "3718". */
  key: string;
  /** Signed: positive for an invoice (money in), negative for a cancellation (money out). */
  amount: Minor;
  currency: string;
  /** YYYY-MM-DD (Berlin) the shop reports the payment or refund. */
  paidDate: string;
  windowDaysBefore: number;
  windowDaysAfter: number;
}

export const MISMATCHES = [
  'other_account',
  'deleted',
  'not_open',
  'claimed',
  'purpose',
  'sign',
  'amount',
  'currency',
  'date',
] as const;
export type Mismatch = (typeof MISMATCHES)[number];

export interface Evaluation {
  transaction: BankTransaction;
  /** Every rule it breaks; empty = a full match. */
  mismatches: Mismatch[];
}

/** How far before/after the paid date the value date may lie: bank transfers are usually seen before "paid". */
export const DEFAULT_WINDOW_DAYS_BEFORE = 14;
export const DEFAULT_WINDOW_DAYS_AFTER = 14;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD ± days. */
export function shiftDate(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO date: ${isoDate}`);
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

export function matchWindow(c: Pick<MatchCriteria, 'paidDate' | 'windowDaysBefore' | 'windowDaysAfter'>): {
  from: string;
  to: string;
} {
  return { from: shiftDate(c.paidDate, -c.windowDaysBefore), to: shiftDate(c.paidDate, c.windowDaysAfter) };
}

function dayOf(dateTime: string | null): string | null {
  if (!dateTime) return null;
  try {
    return berlinDate(dateTime);
  } catch {
    return null;
  }
}

export function evaluateTransaction(
  t: BankTransaction,
  c: MatchCriteria,
  claimedElsewhere: ReadonlySet<string> = new Set(),
): Evaluation {
  const mismatches: Mismatch[] = [];
  if (t.checkAccountId !== c.checkAccountId) mismatches.push('other_account');
  if (t.deleted) mismatches.push('deleted');
  // Anything but 100 is linked, private or booked already: never a candidate.
  if (t.status !== 100) mismatches.push('not_open');
  if (claimedElsewhere.has(t.id)) mismatches.push('claimed');
  if (!containsToken(t.paymtPurpose, c.key)) mismatches.push('purpose');
  if (t.amount === null || Math.sign(t.amount) !== Math.sign(c.amount)) mismatches.push('sign');
  else if (t.amount !== c.amount) mismatches.push('amount');
  if (t.currency.toUpperCase() !== c.currency.toUpperCase()) mismatches.push('currency');
  const day = dayOf(t.valueDate);
  const window = matchWindow(c);
  if (day === null || day < window.from || day > window.to) mismatches.push('date');
  return { transaction: t, mismatches };
}

export type MatchDecision =
  | { kind: 'unique'; transaction: BankTransaction }
  | { kind: 'none'; nearMisses: Evaluation[] }
  | { kind: 'several'; candidates: BankTransaction[] };

/** At most this many near misses are kept for the operator. */
export const MAX_NEAR_MISSES = 10;

/**
 * Near misses: open, unclaimed transactions on the account whose purpose carries the key but whose amount, sign,
 * currency or date differ — what a person most likely looks for when nothing matched.
 */
function isNearMiss(e: Evaluation): boolean {
  const hard: Mismatch[] = ['other_account', 'deleted', 'not_open', 'claimed', 'purpose'];
  return e.mismatches.length > 0 && !e.mismatches.some((m) => hard.includes(m));
}

export function decideMatch(
  transactions: readonly BankTransaction[],
  criteria: MatchCriteria,
  claimedElsewhere: ReadonlySet<string> = new Set(),
): MatchDecision {
  const evaluations = transactions.map((t) => evaluateTransaction(t, criteria, claimedElsewhere));
  const full = evaluations.filter((e) => e.mismatches.length === 0).map((e) => e.transaction);
  // The same transaction listed twice (overlapping pages) is one candidate.
  const unique = [...new Map(full.map((t) => [t.id, t])).values()];
  if (unique.length === 1) return { kind: 'unique', transaction: unique[0]! };
  if (unique.length > 1) return { kind: 'several', candidates: unique };
  return { kind: 'none', nearMisses: evaluations.filter(isNearMiss).slice(0, MAX_NEAR_MISSES) };
}

/**
 * One transaction can pay one document. When the same transaction is the unique match of several documents in a
 * run, none of them is booked: returns, per transaction id, the documents that claim it (only contested ones).
 */
export function contestedTransactions(uniqueMatches: ReadonlyMap<string, string>): Map<string, string[]> {
  const byTransaction = new Map<string, string[]>();
  for (const [documentId, transactionId] of uniqueMatches) {
    byTransaction.set(transactionId, [...(byTransaction.get(transactionId) ?? []), documentId]);
  }
  for (const [id, docs] of byTransaction) if (docs.length < 2) byTransaction.delete(id);
  return byTransaction;
}

/**
 * The `startDate` of the transaction listing that serves several documents: sevDesk cuts on entryDate, which can
 * lie a few days before the value date (future-dated credits) — so the window is widened by `slackDays`. No end date:
 * imports lag, so a transaction valued in the window may be entered much later.
 */
export function listingStartDate(criteria: readonly MatchCriteria[], slackDays = 7): string | null {
  if (criteria.length === 0) return null;
  const starts = criteria.map((c) => matchWindow(c).from).sort();
  return shiftDate(starts[0]!, -slackDays);
}
