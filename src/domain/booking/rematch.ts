// Bank imports lag by hours (sometimes days): a document without a unique match is looked at again with growing
// intervals — 15 min, 1 h, 4 h, 12 h, then daily — until `rematchDays` after the payment date; then it waits for
// a person (the state stays visible).

export const REMATCH_INTERVALS_MS = [15 * 60_000, 60 * 60_000, 4 * 60 * 60_000, 12 * 60 * 60_000] as const;
export const DAILY_MS = 24 * 60 * 60_000;

/** Interval after the n-th check (1-based). */
export function rematchInterval(checksDone: number): number {
  return REMATCH_INTERVALS_MS[checksDone - 1] ?? DAILY_MS;
}

/**
 * When to look again after `checksDone` checks, the last one at `nowMs`; null = stop (left for a person).
 * The last check falls exactly on the deadline (paid date + rematchDays) when the next interval would pass it.
 */
export function nextCheckAt(input: {
  nowMs: number;
  checksDone: number;
  paidAtMs: number;
  rematchDays: number;
}): number | null {
  const deadline = input.paidAtMs + input.rematchDays * DAILY_MS;
  if (input.nowMs >= deadline) return null;
  const next = input.nowMs + rematchInterval(Math.max(1, input.checksDone));
  return Math.min(next, deadline);
}
