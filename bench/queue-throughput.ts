// Queue throughput on PostgreSQL: the embedded SQL queue and the pg-boss adapter, same workload.
//
//   npx tsx bench/queue-throughput.ts                  (starts a throwaway PostgreSQL cluster)
//   BELEGFLUSS_BENCH_PG_URL=postgres://… npx tsx bench/queue-throughput.ts
//
// Measures: enqueue (one producer, autocommit; 8 producers in parallel), claim+complete with 4 workers over
// 100 shops (limit 8 per claim), draining one shop's backlog (strictly one job at a time), and the latency of
// one claim with a 50,000-job backlog in one shop.
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type DbHandle } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { InspectableJobQueue } from '../src/ports/job-queue.js';
import { PgBossJobQueue } from '../src/queue/pgboss/pgboss-job-queue.js';
import { SqlJobQueue } from '../src/queue/sql/sql-job-queue.js';
import { startPgCluster } from '../test/support/postgres-cluster.js';

const N = Number(process.env.BENCH_JOBS ?? 4000);
const WORKERS = 4;

interface Adapter {
  name: string;
  open(url: string, db: DbHandle): Promise<{ queue: InspectableJobQueue; close(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'embedded SQL queue (PostgreSQL)',
    open: async (_url, h) => ({ queue: new SqlJobQueue(h.db), close: async () => {} }),
  },
  {
    name: 'pg-boss adapter',
    open: async (url, h) => {
      const queue = await PgBossJobQueue.start(h.db, { connectionString: url, maintenance: false });
      return { queue, close: () => queue.stop() };
    },
  },
];

async function freshDatabase(base: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return base.replace(/\/[^/]*$/, `/${name}`);
}

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} jobs/s`;

async function measure(adapter: Adapter, base: string, tag: string) {
  const url = await freshDatabase(base, `bench_${tag}`);
  const main = await createDb(url, { poolSize: 10 });
  await migrateToLatest(main.db);
  const { queue, close } = await adapter.open(url, main);
  const result: Record<string, string> = {};
  try {
    // 1. enqueue, one producer
    let t = performance.now();
    for (let i = 0; i < N; i++)
      await queue.enqueue(main.db, { queue: 'work', payload: { i }, shopId: `shop-${i % 100}` });
    result['enqueue, 1 producer'] = rate(N, performance.now() - t);

    // 2. enqueue, 8 producers in parallel
    t = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async (_, p) => {
        for (let i = 0; i < N / 8; i++)
          await queue.enqueue(main.db, { queue: 'work', payload: { p, i }, shopId: `shop-${(p * 13 + i) % 100}` });
      }),
    );
    result['enqueue, 8 producers'] = rate(N, performance.now() - t);

    // 3. claim + complete, 4 workers (own pools), 100 shops, until the 2N jobs are done
    const workers = await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        const h = await createDb(url, { poolSize: 4 });
        const w = await adapter.open(url, h);
        return { h, ...w };
      }),
    );
    let done = 0;
    t = performance.now();
    await Promise.all(
      workers.map(async (w) => {
        for (;;) {
          const jobs = await w.queue.claim({ queues: ['work'], limit: 8, leaseMs: 60_000 });
          if (jobs.length === 0) {
            if (done >= 2 * N) return;
            await new Promise((r) => setTimeout(r, 2));
            continue;
          }
          await Promise.all(jobs.map((j) => w.queue.complete(j)));
          done += jobs.length;
        }
      }),
    );
    result[`claim+complete, ${WORKERS} workers, 100 shops`] = rate(done, performance.now() - t);

    // 4. one shop's backlog: strictly serial
    const serial = 500;
    for (let i = 0; i < serial; i++)
      await queue.enqueue(main.db, { queue: 'work', payload: { i }, shopId: 'one-shop' });
    done = 0;
    t = performance.now();
    await Promise.all(
      workers.map(async (w) => {
        while (done < serial) {
          const jobs = await w.queue.claim({ queues: ['work'], limit: 8, leaseMs: 60_000 });
          for (const j of jobs) {
            await w.queue.complete(j);
            done++;
          }
          if (jobs.length === 0) await new Promise((r) => setTimeout(r, 1));
        }
      }),
    );
    result['one shop, serial, 4 workers competing'] = rate(serial, performance.now() - t);

    // 5. claim latency with a 50,000-job backlog in one shop (+ 100 other shops with delayed jobs)
    const template = await queue.enqueue(main.db, { queue: 'work', payload: {}, shopId: 'big-shop' });
    if (queue instanceof PgBossJobQueue) {
      await sql`insert into pgboss.job (id, name, data, retry_limit, retry_delay, retry_backoff, start_after, expire_in, keep_until, policy)
        select gen_random_uuid(), j.name, j.data, j.retry_limit, j.retry_delay, j.retry_backoff,
          j.start_after + g * interval '1 microsecond', j.expire_in, j.keep_until, j.policy
        from pgboss.job j, generate_series(1, 49999) g where j.id = ${template}::uuid`.execute(main.db);
      await sql`analyze pgboss.job`.execute(main.db);
    } else {
      await sql`insert into jobs (id, queue, shop_id, payload, status, attempts, max_attempts, run_at, locked_until,
          lease_token, dedupe_key, last_error, created_at, updated_at)
        select id || '-' || g, queue, shop_id, payload, status, attempts, max_attempts, run_at + g, locked_until,
          lease_token, dedupe_key, last_error, created_at, updated_at
        from jobs j, generate_series(1, 49999) g where j.id = ${template}`.execute(main.db);
      await sql`analyze jobs`.execute(main.db);
    }
    for (let s = 0; s < 100; s++)
      await queue.enqueue(main.db, { queue: 'work', payload: {}, shopId: `idle-${s}`, runAt: Date.now() + 3_600_000 });
    const first = await workers[0]!.queue.claim({ queues: ['work'], limit: 4, leaseMs: 60_000 });
    await queue.enqueue(main.db, { queue: 'work', payload: { fresh: true }, shopId: 'fresh-shop' });
    const latencies: number[] = [];
    let freshAfter = -1;
    for (let i = 0; i < 20; i++) {
      const c0 = performance.now();
      const got = await workers[1]!.queue.claim({ queues: ['work'], limit: 4, leaseMs: 60_000 });
      latencies.push(performance.now() - c0);
      if (freshAfter < 0 && got.some((j) => j.shopId === 'fresh-shop')) freshAfter = i + 1;
      for (const j of got) await workers[1]!.queue.complete(j);
      if (i === 0) for (const j of first) await workers[0]!.queue.complete(j);
    }
    latencies.sort((a, b) => a - b);
    result['claim latency, 50k backlog (median / max)'] =
      `${latencies[10]!.toFixed(1)} ms / ${latencies.at(-1)!.toFixed(1)} ms`;
    result['fresh job of another shop claimed by claim #'] = String(freshAfter);

    for (const w of workers) {
      await w.close();
      await w.h.close();
    }
  } finally {
    await close();
    await main.close();
  }
  return result;
}

const cluster = process.env.BELEGFLUSS_BENCH_PG_URL ? null : await startPgCluster();
const base = process.env.BELEGFLUSS_BENCH_PG_URL ?? cluster?.url;
if (!base) throw new Error('No PostgreSQL: install postgresql or set BELEGFLUSS_BENCH_PG_URL');
try {
  console.log(`Queue throughput on PostgreSQL, ${N} jobs per step, ${WORKERS} workers\n`);
  for (const [i, adapter] of adapters.entries()) {
    const result = await measure(adapter, base, String(i));
    console.log(adapter.name);
    for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(46)} ${v}`);
    console.log();
  }
} finally {
  cluster?.stop();
}
