// The rate limiter whose state lives in the database (docs/decisions/0006-distributed-rate-limit.md): every process
// sharing the database paces and serialises its requests to one sevDesk account through one `rate_limits` row.
//
// One statement takes the account: it reserves the next start slot (GCRA, the same rule as the in-process token
// bucket) and marks the account held until the request is done; the process sleeps until its slot, sends, and
// releases the hold in the background. Uncontended, that is one round trip on the request's path. A process that
// finds the account held registers as the waiter and retries around the holder's next slot; the holder does not
// take the account again while a fresh waiter is registered, so two processes with work for one account alternate.
// A hold outlives a crashed process by at most `holdMs` (the request timeout plus a margin).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { epochMsNow, greatest } from '../../db/dialect.js';
import { newId } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import { type RateLimiter, RateLimiterUnavailableError } from '../../ports/rate-limiter.js';

export interface DatabaseRateLimiterOptions {
  /** Requests an idle account may send back to back; 1 = evenly spaced, never a burst (as the token bucket). */
  burst?: number;
  /**
   * How long after its slot a request may hold the account: longer than any request can take (the sevDesk client's
   * timeout plus a margin). A crashed process blocks its account at most this long.
   */
  holdMs?: number;
  /** Shortest wait between two tries while another process holds the account. */
  pollMs?: number;
  /** Longest wait between two tries (a waiter re-registers on every try). */
  maxPollMs?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A waiter's registration outlives its longest sleep by this much; then others stop deferring to it. */
const WAITER_MARGIN_MS = 300;

export class DatabaseRateLimiter implements RateLimiter {
  /** Identifies this instance's holds and waits (one per process). */
  readonly instanceId = newId('rl');
  private readonly burst: number;
  private readonly holdMs: number;
  private readonly pollMs: number;
  private readonly maxPollMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Per account: the local chain (tasks of one process run one after another without asking the database). */
  private readonly tails = new Map<string, Promise<void>>();
  /** Pause writes per account the next local task must see committed. */
  private readonly pauses = new Map<string, Promise<void>>();
  /** Accounts whose row exists. */
  private readonly rows = new Set<string>();
  private readonly background = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly opts: DatabaseRateLimiterOptions = {},
  ) {
    this.burst = Math.max(1, opts.burst ?? 1);
    this.holdMs = Math.max(1_000, opts.holdMs ?? 31_000);
    this.pollMs = Math.max(1, opts.pollMs ?? 10);
    this.maxPollMs = Math.max(this.pollMs, opts.maxPollMs ?? 200);
    this.sleep = opts.sleep ?? defaultSleep;
  }

  run<T>(key: string, ratePerSecond: number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let settle!: () => void;
    const tail = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return previous.then(async () => {
      let held = false;
      try {
        await this.pauses.get(key);
        const waitMs = await this.acquire(key, ratePerSecond);
        held = true;
        if (waitMs > 0) await this.sleep(waitMs);
        return await task();
      } finally {
        // The caller has its answer now; the next local task waits for the release.
        if (held) void this.track(this.release(key)).then(settle);
        else settle();
      }
    });
  }

  pause(key: string, ms: number): void {
    const write = this.track(
      sql`insert into rate_limits (account_key, paused_until) values (${key}, ${this.now()} + ${num(ms)})
        on conflict (account_key) do update
        set paused_until = ${greatest(this.db, sql`rate_limits.paused_until`, sql`excluded.paused_until`)}`
        .execute(this.db)
        .then(
          () => {},
          (err) => this.opts.logger?.warn({ err, accountKey: key }, 'recording a sevDesk 429 pause failed'),
        ),
    );
    const before = this.pauses.get(key);
    const pending = before ? Promise.all([before, write]).then(() => {}) : write;
    this.pauses.set(key, pending);
    void pending.then(() => {
      if (this.pauses.get(key) === pending) this.pauses.delete(key);
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  /** Wait until this instance holds `key`; returns how long to sleep until the reserved start. */
  private async acquire(key: string, ratePerSecond: number): Promise<number> {
    const interval = 1000 / Math.max(0.001, ratePerSecond);
    for (;;) {
      let taken: { wait: number } | undefined;
      let busy: { next_in: number } | undefined;
      try {
        await this.ensureRow(key);
        taken = await this.tryTake(key, interval);
        if (!taken) busy = await this.registerWaiter(key);
      } catch (e) {
        throw new RateLimiterUnavailableError(e);
      }
      if (taken) return Math.max(0, Number(taken.wait));
      if (!busy) {
        // The row is gone (PostgreSQL empties unlogged tables after a crash): create it again.
        this.rows.delete(key);
        continue;
      }
      // The holder's next slot is the earliest this instance could start; check again around then.
      const nextIn = Number(busy.next_in);
      await this.sleep(Math.min(this.maxPollMs, Math.max(this.pollMs, nextIn - this.pollMs)));
    }
  }

  private async tryTake(key: string, interval: number): Promise<{ wait: number } | undefined> {
    const now = this.now();
    const me = this.instanceId;
    const start = greatest(this.db, sql`next_at`, sql`${now} - ${num((this.burst - 1) * interval)}`, sql`paused_until`);
    const { rows } = await sql<{ wait: number }>`update rate_limits set
        next_at = ${start} + ${num(interval)},
        holder = ${me},
        held_until = ${start} + ${num(this.holdMs)},
        waiter = case when waiter = ${me} then null else waiter end,
        updated_at = ${now}
      where account_key = ${key}
        and (holder is null or holder = ${me} or held_until <= ${now})
        and (waiter is null or waiter = ${me} or waiter_until <= ${now})
      returning next_at - ${num(interval)} - updated_at as wait`.execute(this.db);
    return rows[0];
  }

  /** The account is held (or another waiter is first): queue up as the waiter unless one is registered. */
  private async registerWaiter(key: string): Promise<{ next_in: number } | undefined> {
    const now = this.now();
    const me = this.instanceId;
    const mine = sql`(waiter is null or waiter = ${me} or waiter_until <= ${now})`;
    const { rows } = await sql<{ next_in: number }>`update rate_limits set
        waiter = case when ${mine} then ${me} else waiter end,
        waiter_until = case when ${mine} then ${now} + ${num(this.maxPollMs + WAITER_MARGIN_MS)} else waiter_until end,
        updated_at = ${now}
      where account_key = ${key}
      returning next_at - updated_at as next_in`.execute(this.db);
    return rows[0];
  }

  private async release(key: string): Promise<void> {
    try {
      await sql`update rate_limits set holder = null, held_until = 0
        where account_key = ${key} and holder = ${this.instanceId}`.execute(this.db);
    } catch (err) {
      // The hold expires by itself (held_until); until then this account waits.
      this.opts.logger?.warn({ err, accountKey: key }, 'releasing a sevDesk rate-limit hold failed');
    }
  }

  private async ensureRow(key: string): Promise<void> {
    if (this.rows.has(key)) return;
    await this.db
      .insertInto('rate_limits')
      .values({
        account_key: key,
        next_at: 0,
        paused_until: 0,
        holder: null,
        held_until: 0,
        waiter: null,
        waiter_until: 0,
        updated_at: 0,
      })
      .onConflict((oc) => oc.column('account_key').doNothing())
      .execute();
    this.rows.add(key);
  }

  private now() {
    return epochMsNow(this.db);
  }

  private track(p: Promise<void>): Promise<void> {
    this.background.add(p);
    const forget = () => {
      this.background.delete(p);
    };
    p.then(forget, forget);
    return p;
  }
}

/** A number parameter typed for arithmetic with double precision columns (PostgreSQL infers nothing from `$1`). */
function num(value: number) {
  return sql`cast(${value} as double precision)`;
}
