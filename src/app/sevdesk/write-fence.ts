import { AppError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { sevdeskDepsFor } from './sevdesk-deps.js';

// A create sent to sevDesk by another run (a worker that crashed, or that lost its lease and still runs) may
// land after this run's search for it. Such a write is recorded as "requested" before it is sent; until the
// request's timeout (plus a margin) has passed, a search cannot prove its absence, so the next run waits rather
// than search and create a second contact or voucher. sevdesk-api.md does not say how long sevDesk keeps
// working on a request whose client gave up; the margin is a conservative guess.

const SETTLE_MARGIN_MS = 2_000;

/** How long after sending a write another run must assume it may still land. */
export function writeSettleMs(ctx: AppContext): number {
  return (sevdeskDepsFor(ctx).timeoutMs ?? ctx.config.sevdesk.requestTimeoutMs) + SETTLE_MARGIN_MS;
}

/** Throws (retry later, no attempt used) while a write requested at `requestedAt` may still be in flight. */
export function assertWriteSettled(ctx: AppContext, requestedAt: string | null | undefined, what: string): void {
  if (!requestedAt) return;
  const at = Date.parse(requestedAt);
  if (!Number.isFinite(at)) return;
  const remaining = at + writeSettleMs(ctx) - ctx.now().getTime();
  if (remaining > 0) throw writeInFlight(what, remaining);
}

export function writeInFlight(what: string, retryAfterMs: number): AppError {
  return new AppError(
    'rate_limited',
    'sevdesk_write_in_flight',
    `Another run sent the ${what} to sevDesk moments ago and its outcome is not known yet; checking again in ${Math.ceil(retryAfterMs / 1000)} s.`,
    { retryAfterMs },
  );
}
