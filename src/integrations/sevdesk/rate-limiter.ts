// Requests to one sevDesk account are serialised and paced (sevdesk-api.md §1.4: no published quota, careful
// clients run ~4 req/s, honour 429). The port lives in src/ports/rate-limiter.ts; the in-memory token bucket below
// serves one process, the database-backed limiter (rate-limiter-db.ts) every process sharing the database.
import type { RateLimiter } from '../../ports/rate-limiter.js';

export type { RateLimiter } from '../../ports/rate-limiter.js';

interface Bucket {
  /** Earliest start of the next task (ms on the limiter's clock): the bucket's "theoretical arrival time". */
  nextAt: number;
  pausedUntil: number;
  /** Tail of the per-account chain: the next task starts after it settles. */
  tail: Promise<void>;
}

export interface TokenBucketOptions {
  /** Tokens a bucket holds when idle; 1 = evenly spaced requests, never a burst. */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket in its scheduling form (GCRA): each start is planned one interval after the previous planned
 * start, so timer overshoot never accumulates and a saturated account runs at its full rate.
 */
export class TokenBucketRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: TokenBucketOptions = {}) {
    this.burst = Math.max(1, opts.burst ?? 1);
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? defaultSleep;
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { nextAt: Number.NEGATIVE_INFINITY, pausedUntil: 0, tail: Promise.resolve() };
      this.buckets.set(key, b);
    }
    return b;
  }

  run<T>(key: string, ratePerSecond: number, task: () => Promise<T>): Promise<T> {
    const b = this.bucket(key);
    const result = b.tail.then(async () => {
      await this.take(b, ratePerSecond);
      return task();
    });
    b.tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  pause(key: string, ms: number): void {
    const b = this.bucket(key);
    b.pausedUntil = Math.max(b.pausedUntil, this.now() + ms);
  }

  private async take(b: Bucket, ratePerSecond: number): Promise<void> {
    const interval = 1000 / Math.max(0.001, ratePerSecond);
    const now = this.now();
    // An idle bucket holds up to `burst` tokens: the plan may lag behind now by burst − 1 intervals.
    const start = Math.max(b.nextAt, now - (this.burst - 1) * interval, b.pausedUntil);
    b.nextAt = start + interval;
    if (start > now) await this.sleep(start - now);
  }
}
