import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import type { Db } from '../../src/db/database.js';
import { AppError } from '../../src/lib/errors.js';
import { createLogger } from '../../src/lib/logger.js';
import type { LeasedJob } from '../../src/ports/job-queue.js';
import { PgBossJobQueue, type PgBossJobQueueOptions } from '../../src/queue/pgboss/pgboss-job-queue.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { runChild } from '../support/child-process.js';
import { freshDb, pgAvailable } from '../support/databases.js';

// Distributed mode: several workers (each with its own connection pool and pg-boss instance, as separate processes
// would have) on one PostgreSQL database, with the real database clock.

const silent = createLogger({ level: 'silent' });

async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.skipIf(!pgAvailable())('pg-boss queue in distributed mode', () => {
  let main: Awaited<ReturnType<typeof freshDb>>;
  const opened: { handle: DbHandle; queue: PgBossJobQueue }[] = [];

  async function openWorkerQueue(opts: Partial<PgBossJobQueueOptions> = {}): Promise<PgBossJobQueue> {
    const handle = await createDb(main.url, { poolSize: 4 });
    const queue = await PgBossJobQueue.start(handle.db, { connectionString: main.url, maintenance: false, ...opts });
    opened.push({ handle, queue });
    return queue;
  }

  beforeEach(async () => {
    main = await freshDb('postgres');
  });
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.queue.stop();
      await o.handle.close();
    }
    await main.close();
  });

  it('four workers in parallel: never two running jobs of one shop, every job done exactly once', async () => {
    const producer = await openWorkerQueue();
    const shops = Array.from({ length: 8 }, (_, i) => `shop-${i}`);
    const expected = new Set<string>();
    for (let i = 0; i < 160; i++) {
      const id = await producer.enqueue(main.db, { queue: 'work', payload: { i }, shopId: shops[i % shops.length]! });
      expected.add(id!);
    }
    for (let i = 0; i < 20; i++) expected.add((await producer.enqueue(main.db, { queue: 'work', payload: { i } }))!);

    const runningByShop = new Map<string, string>();
    const runs = new Map<string, number>();
    const violations: string[] = [];
    let rateLimited = 0;
    const handler = async (job: LeasedJob) => {
      if (job.shopId) {
        const other = runningByShop.get(job.shopId);
        if (other) violations.push(`${job.shopId}: ${job.id} while ${other}`);
        runningByShop.set(job.shopId, job.id);
      }
      await sleep(Math.random() * 4);
      if (job.shopId) runningByShop.delete(job.shopId);
      // Every 10th job hits a rate limit once: postponed, attempt not consumed.
      const n = Number(job.payload.i);
      if (n % 10 === 0 && !runs.has(`${job.id}:limited`)) {
        runs.set(`${job.id}:limited`, 1);
        rateLimited++;
        throw new AppError('rate_limited', 'rate_limited', 'slow down', { retryAfterMs: 30 });
      }
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    };
    const workers: WorkerRunner[] = [];
    for (let w = 0; w < 4; w++) {
      const q = await openWorkerQueue();
      const runner = new WorkerRunner(
        q,
        { work: handler },
        { concurrency: 3, pollIntervalMs: 20, leaseMs: 30_000, logger: silent },
      );
      runner.start();
      workers.push(runner);
    }
    await waitFor(() => [...expected].every((id) => runs.has(id)), 60_000, 'all jobs to run');
    await Promise.all(workers.map((w) => w.stop(1_000)));

    expect(violations).toEqual([]);
    expect([...expected].filter((id) => runs.get(id) !== 1)).toEqual([]);
    expect(rateLimited).toBeGreaterThan(0);
    const stats = await producer.stats();
    expect(stats.filter((s) => s.status !== 'succeeded')).toEqual([]);
    expect(stats.reduce((a, s) => a + s.count, 0)).toBe(expected.size);
    // A rate-limited job did not use up an attempt.
    const limited = (await producer.list({ status: 'succeeded', limit: 1000 })).filter(
      (j) => Number(j.payload.i) % 10 === 0,
    );
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((j) => j.attempts === 1)).toBe(true);
  });

  it("serves a fresh job of another shop within seconds of one shop's 50,000-job backlog", async () => {
    const queue = await openWorkerQueue();
    const template = await queue.enqueue(main.db, { queue: 'work', payload: { n: 0 }, shopId: 'shop-big' });
    // Clone the adapter-written row 50,000 times (fresh ids): the backlog in exactly the format enqueue writes.
    await sql`insert into pgboss.job (id, name, data, retry_limit, retry_delay, retry_backoff, start_after,
        expire_in, keep_until, policy)
      select gen_random_uuid(), j.name, j.data, j.retry_limit, j.retry_delay, j.retry_backoff,
        j.start_after + g * interval '1 microsecond', j.expire_in, j.keep_until, j.policy
      from pgboss.job j, generate_series(1, 49999) g where j.id = ${template}::uuid`.execute(main.db);
    await sql`analyze pgboss.job`.execute(main.db);

    let bigRuns = 0;
    let freshStartedAt = 0;
    const runners = await Promise.all(
      [0, 1].map(async () => {
        const q = await openWorkerQueue();
        const r = new WorkerRunner(
          q,
          {
            work: async (job) => {
              if (job.shopId === 'shop-big') bigRuns++;
              else freshStartedAt = Date.now();
            },
          },
          { concurrency: 4, pollIntervalMs: 50, leaseMs: 30_000, logger: silent },
        );
        r.start();
        return r;
      }),
    );
    await waitFor(() => bigRuns >= 20, 30_000, 'the backlog to be worked on');
    const enqueuedAt = Date.now();
    await queue.enqueue(main.db, { queue: 'work', payload: { fresh: true }, shopId: 'shop-small' });
    await waitFor(() => freshStartedAt > 0, 10_000, 'the fresh job to start');
    await Promise.all(runners.map((r) => r.stop(1_000)));
    const latencyMs = freshStartedAt - enqueuedAt;
    console.log(`fresh job of a quiet shop started ${latencyMs} ms after enqueue (backlog 50,000 in another shop)`);
    expect(latencyMs).toBeLessThan(2_000);
  });

  it('a dedupe key blocks a concurrent enqueue until the first transaction decides', async () => {
    const queue = await openWorkerQueue();
    await queue.enqueue(main.db, { queue: 'work', payload: {} }); // the queue exists before the race
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => {
      releaseFirst = r;
    });
    let firstEnqueued!: () => void;
    const firstDone = new Promise<void>((r) => {
      firstEnqueued = r;
    });
    const first = main.db.transaction().execute(async (tx) => {
      const id = await queue.enqueue(tx as Db, { queue: 'work', payload: { n: 1 }, dedupeKey: 'doc-1' });
      firstEnqueued();
      await firstHolds;
      return id;
    });
    await firstDone;
    const second = queue.enqueue(main.db, { queue: 'work', payload: { n: 2 }, dedupeKey: 'doc-1' });
    await sleep(100);
    releaseFirst();
    expect(await first).toBeTruthy();
    expect(await second).toBeNull();
    const jobs = await queue.list({ status: 'pending' });
    expect(jobs.filter((j) => j.dedupeKey === 'doc-1').map((j) => j.payload)).toEqual([{ n: 1 }]);
  });

  it('on the database clock: runAt, lease expiry (ours and pg-boss maintenance) and archived jobs', async () => {
    const queue = await openWorkerQueue({ archiveCompletedAfterSeconds: 1 });
    const claim = (leaseMs = 10_000) => queue.claim({ queues: ['work'], limit: 5, leaseMs });

    await queue.enqueue(main.db, { queue: 'work', payload: { later: true }, runAt: Date.now() + 1_500 });
    expect(await claim()).toHaveLength(0);
    await sleep(1_600);
    const [later] = await claim(1_000);
    expect(later!.payload).toEqual({ later: true });

    // Our claim takes over an expired lease and counts the lost attempt.
    await sleep(1_100);
    const [again] = await claim(1_000);
    expect(again).toMatchObject({ id: later!.id, attempt: 2 });

    // pg-boss's maintenance expires a lost lease too; our next claim still counts the attempt.
    await sleep(1_100);
    await queue.runMaintenance();
    expect((await queue.get(later!.id))!.status).toBe('pending');
    const [third] = await claim();
    expect(third).toMatchObject({ id: later!.id, attempt: 3 });
    await queue.complete(third!);
    // The worker that lost its lease cannot change the job any more.
    await queue.fail(again!, 'late failure');
    expect((await queue.get(later!.id))!.status).toBe('succeeded');

    // Archived after 1 s: gone from list, still found by id.
    await sleep(1_100);
    await queue.runMaintenance();
    expect(await queue.list({ status: 'succeeded' })).toEqual([]);
    expect(await queue.get(later!.id)).toMatchObject({ status: 'succeeded', attempts: 3, payload: { later: true } });
  });

  it('extends a lease while the job runs, and returns a postponed job without using an attempt', async () => {
    const queue = await openWorkerQueue();
    await queue.enqueue(main.db, { queue: 'work', payload: {}, shopId: 's1', maxAttempts: 1 });
    const [job] = await queue.claim({ queues: ['work'], limit: 1, leaseMs: 1_000 });
    expect(await queue.extendLease(job!, 5_000)).toBe(true);
    await sleep(1_200);
    expect(await queue.claim({ queues: ['work'], limit: 1, leaseMs: 1_000 })).toHaveLength(0);
    const view = await queue.get(job!.id);
    expect(view!.lockedUntil! - Date.now()).toBeGreaterThan(3_000);
    await queue.postpone(job!, 0, 'paused');
    const [again] = await queue.claim({ queues: ['work'], limit: 1, leaseMs: 1_000 });
    expect(again).toMatchObject({ id: job!.id, attempt: 1, maxAttempts: 1 });
    expect(await queue.extendLease(job!, 5_000)).toBe(false);
  });

  it('fails to start with the database error when pg-boss cannot install its schema', async () => {
    const role = `restricted_${process.pid}_${Date.now()}`;
    await sql`create role ${sql.id(role)} login`.execute(main.db);
    try {
      const url = main.url.replace('postgres://postgres@', `postgres://${role}@`);
      await expect(
        PgBossJobQueue.start(main.db, { connectionString: url, schema: 'pgboss_denied', maintenance: false }),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await sql`drop role ${sql.id(role)}`.execute(main.db);
    }
  });

  it('rejects a malformed keyset cursor and treats malformed ids as unknown', async () => {
    const queue = await openWorkerQueue();
    await expect(queue.list({ before: "x'; drop table x" })).rejects.toMatchObject({ kind: 'validation' });
    expect(await queue.get('job_01ABC')).toBeNull();
    expect(await queue.retry('nope')).toBe(false);
    expect(await queue.cancel('nope')).toBe(false);
  });

  it('pages through jobs newest first with a keyset cursor', async () => {
    const queue = await openWorkerQueue();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await queue.enqueue(main.db, { queue: 'work', payload: { i } }))!);
    const page1 = await queue.list({ limit: 2 });
    const page2 = await queue.list({ limit: 2, before: page1.at(-1)!.id });
    const page3 = await queue.list({ limit: 2, before: page2.at(-1)!.id });
    expect([...page1, ...page2, ...page3].map((j) => j.id)).toEqual([...ids].reverse());
  });
});

describe.skipIf(!pgAvailable())('pg-boss queue across processes', () => {
  it('three worker processes: one running job per shop at any moment, every job once', async () => {
    const main = await freshDb('postgres');
    const queue = await PgBossJobQueue.start(main.db, { connectionString: main.url, maintenance: false });
    try {
      await sql`create table runs (job_id text, shop text, pid int, started timestamptz, ended timestamptz)`.execute(
        main.db,
      );
      const total = 150;
      for (let i = 0; i < total; i++)
        await queue.enqueue(main.db, { queue: 'work', payload: { i }, shopId: `shop-${i % 5}` });
      const child = new URL('./claim-child.ts', import.meta.url).pathname;
      const outputs = await Promise.all([0, 1, 2].map(() => runChild([child, main.url, String(total)])));
      const perProcess = outputs.map((o) => JSON.parse(o) as { pid: number; done: number });
      expect(perProcess.reduce((a, p) => a + p.done, 0)).toBe(total);

      const overlaps = await sql<{ n: number }>`
        select count(*)::int as n from runs a join runs b
          on a.shop = b.shop and a.job_id <> b.job_id and a.started < b.ended and b.started < a.ended`.execute(main.db);
      expect(overlaps.rows[0]!.n).toBe(0);
      const once = await sql<{ n: number }>`select count(distinct job_id)::int as n from runs`.execute(main.db);
      expect(once.rows[0]!.n).toBe(total);
      const stats = await queue.stats();
      expect(stats.every((s) => s.status === 'succeeded')).toBe(true);
      // More than one process actually did work.
      expect(perProcess.filter((p) => p.done > 0).length).toBeGreaterThan(1);
    } finally {
      await queue.stop();
      await main.close();
    }
  });
});
