import type { AppContext } from '../context.js';
import { type RateLimiter, TokenBucketRateLimiter } from '../../integrations/sevdesk/rate-limiter.js';
import type { FetchFn } from '../../integrations/sevdesk/sevdesk-http.js';

// How the sevDesk use cases reach sevDesk: the fetch function (global fetch; a test passes the sandbox's in-process
// `app.fetch`), the rate limiter shared by every job of the process (one token bucket per sevDesk account), and
// tuning knobs. Registered per AppContext so HTTP routes, jobs and CLI commands of one process share them.

export interface SevdeskDeps {
  fetch: FetchFn;
  rateLimiter: RateLimiter;
  sleep?: (ms: number) => Promise<void>;
  /** Overrides config.sevdesk.requestTimeoutMs (tests use short timeouts). */
  timeoutMs?: number;
  readRetryBaseMs?: number;
  /** Static data (countries, categories, receipt guidance) is cached per connection for this long. */
  cacheTtlMs?: number;
  /** Overrides config.sevdesk.requestsPerSecond for connections without their own value. */
  requestsPerSecond?: number;
}

const processDeps: SevdeskDeps = {
  fetch: (input, init) => fetch(input, init),
  rateLimiter: new TokenBucketRateLimiter(),
};

const byContext = new WeakMap<AppContext, SevdeskDeps>();

export function sevdeskDepsFor(ctx: AppContext): SevdeskDeps {
  return byContext.get(ctx) ?? (ctx.rateLimiter ? { ...processDeps, rateLimiter: ctx.rateLimiter } : processDeps);
}

/** Use other dependencies for everything running with this context (tests: the sandbox's in-process fetch). */
export function setSevdeskDeps(ctx: AppContext, deps: Partial<SevdeskDeps>): SevdeskDeps {
  // The context's limiter (shared through the database in distributed mode) unless the caller brings one.
  const merged: SevdeskDeps = {
    ...processDeps,
    ...(ctx.rateLimiter ? { rateLimiter: ctx.rateLimiter } : {}),
    ...deps,
  };
  byContext.set(ctx, merged);
  return merged;
}
