import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import { DatabaseRateLimiter } from '../../src/integrations/sevdesk/rate-limiter-db.js';
import { RateLimiterUnavailableError } from '../../src/ports/rate-limiter.js';
import { enginesUnderTest, freshDatabaseUrl, freshDb } from '../support/databases.js';

// The database-backed rate limiter on a real SQLite file and a real PostgreSQL. Each limiter gets its own
// connection (pool), as separate processes would: what one instance reserves, the others must respect.

const wall = () => performance.timeOrigin + performance.now();

interface Run {
  who: string;
  start: number;
  end: number;
}

/** Largest number of starts inside any window [t, t + windowMs). */
function maxInWindow(starts: number[], windowMs: number): number {
  const s = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[j]! < s[i]! - windowMs + 1e-9) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function overlaps(runs: Run[]): string[] {
  const sorted = [...runs].sort((a, b) => a.start - b.start);
  const found: string[] = [];
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.start < sorted[i - 1]!.end)
      found.push(`${sorted[i]!.who} started ${(sorted[i - 1]!.end - sorted[i]!.start).toFixed(1)} ms early`);
  return found;
}

describe.each(enginesUnderTest())('database rate limiter on %s', (engine) => {
  let main: Awaited<ReturnType<typeof freshDb>>;
  const handles: DbHandle[] = [];
  const limiters: DatabaseRateLimiter[] = [];

  async function instance(opts: ConstructorParameters<typeof DatabaseRateLimiter>[1] = {}) {
    const handle = await createDb(main.url, { poolSize: 4 });
    handles.push(handle);
    const limiter = new DatabaseRateLimiter(handle.db, opts);
    limiters.push(limiter);
    return { handle, limiter };
  }

  beforeEach(async () => {
    main = await freshDb(engine);
  });
  afterEach(async () => {
    for (const l of limiters.splice(0)) await l.close();
    for (const h of handles.splice(0)) await h.close().catch(() => {});
    await main.close();
  });

  it('paces and serialises one account across three instances, and lets them take turns', async () => {
    const rps = 20;
    const perInstance = 8;
    const runs: Run[] = [];
    const all = await Promise.all([instance(), instance(), instance()]);
    await Promise.all(
      all.flatMap(({ limiter }, n) =>
        Array.from({ length: perInstance }, () =>
          limiter.run('acct', rps, async () => {
            const start = wall();
            await sleep(3);
            runs.push({ who: `#${n}`, start, end: wall() });
          }),
        ),
      ),
    );
    const starts = runs.map((r) => r.start).sort((a, b) => a - b);
    expect(overlaps(runs)).toEqual([]);
    // GCRA, burst 1: at most rate × window + 1 starts in any window (a late start is never followed by two early ones).
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(rps + 1);
    expect(maxInWindow(starts, 250)).toBeLessThanOrEqual(250 / (1000 / rps) + 1);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual((starts.length - 1) * (1000 / rps) - 15);
    // Fairness: no instance ran all its tasks before the others began.
    const order = [...runs].sort((a, b) => a.start - b.start).map((r) => r.who);
    for (const who of ['#0', '#1', '#2']) expect(order.slice(0, perInstance * 2)).toContain(who);
  });

  it('accounts are independent', async () => {
    const a = await instance();
    const b = await instance();
    const t0 = wall();
    const started: number[] = [];
    await Promise.all([
      a.limiter.run('one', 1, async () => {
        started.push(wall() - t0);
        await sleep(200);
      }),
      b.limiter.run('two', 1, async () => {
        started.push(wall() - t0);
        await sleep(200);
      }),
    ]);
    expect(Math.max(...started)).toBeLessThan(150);
  });

  it("a 429 pause recorded by one instance holds the others' requests", async () => {
    const a = await instance();
    const b = await instance();
    await a.limiter.run('acct', 100, async () => {});
    const paused = wall();
    a.limiter.pause('acct', 400);
    await a.limiter.close(); // the pause is written in the background; wait for it
    let startedAfter = 0;
    await b.limiter.run('acct', 100, async () => {
      startedAfter = wall() - paused;
    });
    expect(startedAfter).toBeGreaterThanOrEqual(380);
    expect(startedAfter).toBeLessThan(1_500);
  });

  it('a crashed holder blocks its account for at most holdMs', async () => {
    const a = await instance({ holdMs: 1_000 });
    const b = await instance();
    let release!: () => void;
    const hanging = new Promise<void>((r) => {
      release = r;
    });
    let heldAt = 0;
    // The task never finishes while b wants the account: like a process killed in the middle of a request.
    const stuck = a.limiter.run('acct', 100, async () => {
      heldAt = wall();
      await hanging;
    });
    while (!heldAt) await sleep(5);
    let waited = 0;
    await b.limiter.run('acct', 100, async () => {
      waited = wall() - heldAt;
    });
    release();
    await stuck;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2_500);
  });

  it('fails with RateLimiterUnavailableError, without running the task, when its table cannot be used', async () => {
    // A database without our migrations stands in for one that is unreachable: every statement fails.
    const { url, cleanup } = await freshDatabaseUrl(engine);
    const bare = await createDb(url);
    const limiter = new DatabaseRateLimiter(bare.db);
    let ran = false;
    try {
      await expect(
        limiter.run('acct', 10, async () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(RateLimiterUnavailableError);
      expect(ran).toBe(false);
    } finally {
      await bare.close();
      await cleanup();
    }
  });

  it('recreates a vanished row (PostgreSQL empties unlogged tables after a crash)', async () => {
    const { limiter } = await instance();
    await limiter.run('acct', 100, async () => {});
    await limiter.close();
    await main.db.deleteFrom('rate_limits').execute();
    await expect(limiter.run('acct', 100, async () => 'ran')).resolves.toBe('ran');
  });

  it('costs one statement on the request path when the account is free', async () => {
    const { limiter } = await instance();
    await limiter.run('acct', 1e6, async () => {}); // creates the row
    const n = 200;
    const toStart: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const called = performance.now();
      await limiter.run('acct', 1e6, async () => {
        toStart.push(performance.now() - called);
      });
    }
    const perCall = (performance.now() - t0) / n;
    toStart.sort((a, b) => a - b);
    const p50 = toStart[Math.floor(n / 2)]!;
    console.log(
      `database rate limiter on ${engine}: ${p50.toFixed(2)} ms from run() to the request (median), ` +
        `${perCall.toFixed(2)} ms per request back to back (take + release)`,
    );
    expect(perCall).toBeLessThan(25);
  });
});
