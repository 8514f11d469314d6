import { AppError } from '../lib/errors.js';

// Pacing and serialisation of requests to one external account (a sevDesk token). Two adapters: the in-process
// token bucket (src/integrations/sevdesk/rate-limiter.ts, one process) and the database-backed limiter
// (src/integrations/sevdesk/rate-limiter-db.ts) whose state every process sharing the database sees.

export interface RateLimiter {
  /**
   * Run `task` when the account `key` has a token: at most `ratePerSecond` task starts per second, and one task
   * at a time per account (requests to one account never overlap).
   */
  run<T>(key: string, ratePerSecond: number, task: () => Promise<T>): Promise<T>;
  /** sevDesk answered 429: no request to `key` starts before `ms` have passed. */
  pause(key: string, ms: number): void;
  /** Wait for background bookkeeping (releases, pauses) before the database closes. */
  close?(): Promise<void>;
}

/**
 * The limiter could not decide (its database is unreachable). Thrown before the task ran: nothing was sent, so a
 * write is not ambiguous. Retryable: the job is tried again with backoff.
 */
export class RateLimiterUnavailableError extends AppError {
  constructor(cause: unknown) {
    super('retryable', 'rate_limiter_unavailable', 'The shared rate limiter (database) is not reachable.', { cause });
  }
}
