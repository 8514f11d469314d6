// Distributed mode (issue 7): `belegfluss worker` processes on one PostgreSQL (pg-boss queue, rate limiter shared
// through the database) against the sevDesk sandbox in its own process (100 ms latency per request).
//
//   1. Throughput with 1, 2 and 4 worker processes for 50 shops, each with its own sevDesk account (4 requests/s):
//      documents transferred per second in a measured window while every shop still has a backlog; from the
//      sandbox's request log, the busiest second of any account (limit + burst = 5). Then a fresh invoice of a 51st
//      shop while the 50 backlogged shops outnumber the 16 job slots (the claims' round-robin).
//   2. Fairness: one shop has a backlog of 50,000 documents (bulk-inserted documents, transfers and pg-boss jobs,
//      not through the API); how long does another shop's fresh invoice take, compared with the same invoice on an
//      idle system (its own rate limit)?
//   3. The cost of the shared limiter: time from run() to the request, uncontended.
//
//   npx tsx bench/distributed.ts [--smoke]
import { sql } from 'kysely';
import type { AppContext } from '../src/app/context.js';
import { enqueueTransfer } from '../src/app/transfer/enqueue-transfer.js';
import { TRANSFER_QUEUE } from '../src/app/transfer/queues.js';
import type { DocumentFilesTable, DocumentsTable, OrdersTable, TransfersTable } from '../src/db/database.js';
import { documentColumns } from '../src/db/repos/documents.repo.js';
import { inTransaction } from '../src/db/transaction.js';
import { markersIn } from '../src/domain/transfer/marker.js';
import { TokenBucketRateLimiter } from '../src/integrations/sevdesk/rate-limiter.js';
import { DatabaseRateLimiter } from '../src/integrations/sevdesk/rate-limiter-db.js';
import { newId } from '../src/lib/ids.js';
import type { RateLimiter } from '../src/ports/rate-limiter.js';
import type { LoggedRequest } from '../src/sandbox/request-log.js';
import {
  connectToSandbox,
  createBenchShop,
  type Deployment,
  newDeployment,
  openInProcess,
  startWorkerProcess,
} from './lib/belegfluss.js';
import { freshDatabase, postgresServer } from './lib/databases.js';
import { documentData } from './lib/documents.js';
import { request } from './lib/http-client.js';
import type { ChildHandle } from './lib/processes.js';
import type { Metric } from './lib/report.js';
import { type BenchContext, type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { type SandboxProcess, startSandboxProcess } from './lib/sandbox-process.js';
import { percentile, round, sleep, waitFor } from './lib/stats.js';

const LATENCY_MS = 100;
const RPS = 4;
const BURST = 1;
const CONCURRENCY = 4;
const FAKE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n% bench\n%%EOF\n', 'latin1');

interface Lane {
  shopId: string;
  token: string;
}

export const distributedBenchmark: BenchmarkDefinition = {
  name: 'distributed',
  title: 'Distributed mode: worker processes, fairness, shared rate limit',
  description:
    `\`belegfluss worker\` processes (concurrency ${CONCURRENCY} each) on one PostgreSQL with the pg-boss queue and the ` +
    `database-backed rate limiter; the sandbox in its own process answers after ${LATENCY_MS} ms. (1) 50 shops, one ` +
    `sevDesk account each at ${RPS} requests/s, a backlog per shop bulk-inserted (one returning customer; every ` +
    "shop's first document, which creates the contact, is done before measuring): documents transferred per second " +
    'with 1, 2 and 4 worker processes, measured over a window after a warm-up, and the busiest second of any ' +
    "account in the sandbox's request log. (2) One shop with a backlog of 50,000 documents (documents, transfers and " +
    "pg-boss jobs bulk-inserted), two workers: delay of another shop's fresh invoice (insert + enqueue → transferred) " +
    'against the same invoice on the idle system. (3) Time from run() to the request for the shared limiter.',
  async run(ctx) {
    const smoke = ctx.smoke;
    const p = {
      shops: smoke ? 4 : 50,
      workerSteps: smoke ? [1, 2] : [1, 2, 4],
      warmupMs: smoke ? 1_500 : 8_000,
      windowMs: smoke ? 3_000 : 30_000,
      backlog: smoke ? 1_000 : 50_000,
      probeTimeoutMs: smoke ? 10_000 : 60_000,
      freshInvoices: smoke ? 2 : 5,
    };
    if (!(await postgresServer(ctx))) {
      // Distributed mode is PostgreSQL: without it only the in-process limiter can be timed.
      return {
        parameters: { ...p, database: 'none' },
        metrics: [
          { label: 'throughput with 1, 2, 4 worker processes', value: null, unit: 'documents/s' },
          {
            label: 'in-process token bucket: run() to request (median)',
            value: await timeLimiter(new TokenBucketRateLimiter(), 200),
            unit: 'ms',
          },
        ],
        notMeasured: ['PostgreSQL is not installed (apt-get install postgresql): distributed mode was not measured'],
      };
    }
    const sandbox = await startSandboxProcess(ctx, { latencyMs: LATENCY_MS });
    const throughput = await measureThroughput(ctx, sandbox, p);
    const fairness = await measureFairness(ctx, sandbox, p);
    const overhead = await measureLimiterOverhead(ctx, smoke ? 100 : 500);

    const metrics: Metric[] = [
      ...throughput.steps.map(
        (s): Metric => ({
          label: `throughput, ${s.workers} worker process${s.workers > 1 ? 'es' : ''} (${p.shops} shops)`,
          value: s.docsPerSecond,
          unit: 'documents/s',
          note: `${s.transferred} transferred in ${p.windowMs / 1000} s; ${s.requestsPerSecond} sevDesk requests/s in total; shops served in the window: ${s.shopsServed}/${p.shops}`,
        }),
      ),
      {
        label: `busiest second of any account (limit ${RPS}/s + burst ${BURST})`,
        value: throughput.peakPerAccount,
        unit: 'requests',
        target: { op: '<=', value: RPS + BURST },
        note: `over every step; ${throughput.overlaps} overlapping requests to one account`,
      },
      {
        label: 'overlapping requests to one account',
        value: throughput.overlaps,
        unit: '',
        target: { op: '==', value: 0 },
      },
      {
        label: 'duplicate vouchers',
        value: throughput.duplicates + fairness.duplicates,
        unit: '',
        target: { op: '==', value: 0 },
      },
      {
        label: 'fresh invoice, idle system (median)',
        value: fairness.baselineMs,
        unit: 'ms',
        note: `${fairness.callsPerInvoice} sevDesk calls at ${RPS}/s and ${LATENCY_MS} ms each`,
      },
      {
        label: `fresh invoice behind another shop's ${p.backlog.toLocaleString('en-US')}-document backlog (median)`,
        value: fairness.behindMs,
        unit: 'ms',
        note: `max ${fairness.behindMaxMs} ms over ${fairness.samples} invoices; the backlog shop transferred ${fairness.backlogTransferred} meanwhile`,
      },
      {
        label: 'extra delay from the backlog (median, beyond its own rate limit)',
        value: fairness.extraMs,
        unit: 'ms',
        target: { op: '<=', value: 3_000 },
      },
      {
        label: `fresh invoice of a new shop: ${p.shops} shops with backlogs, ${throughput.jobSlots} job slots`,
        value: throughput.slotsProbe.ms,
        unit: 'ms',
        note: throughput.slotsProbe.done
          ? 'new customer (contact created first)'
          : `not transferred within ${p.probeTimeoutMs / 1000} s (the claim order starves it; see docs/decisions/0006)`,
      },
      {
        label: 'shared rate limiter: run() to request, uncontended (median, PostgreSQL)',
        value: overhead.databaseMs,
        unit: 'ms',
        note: `in-process token bucket: ${overhead.memoryMs} ms`,
      },
    ];
    return {
      parameters: {
        ...p,
        sandboxLatencyMs: LATENCY_MS,
        requestsPerSecondPerAccount: RPS,
        burst: BURST,
        workerConcurrency: CONCURRENCY,
        database: 'PostgreSQL (pg-boss queue, rate limiter in the database)',
      },
      metrics,
      details: { throughput, fairness, overhead },
    };
  },
};

// ---- 1. throughput -----------------------------------------------------------------------------------------------

async function measureThroughput(
  ctx: BenchContext,
  sandbox: SandboxProcess,
  p: { shops: number; workerSteps: number[]; warmupMs: number; windowMs: number; probeTimeoutMs: number },
) {
  const db = await freshDatabase(ctx, 'postgres', 'distributed');
  if (!db) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const deployment = newDeployment(ctx, db.url);
  const app = await openInProcess(ctx, deployment);
  ctx.log(`connecting ${p.shops} shops to their own sandbox accounts`);
  const all = await createLanes(app.ctx, sandbox, p.shops + 1, 'shop');
  // One more shop without a backlog: its fresh invoice probes the claim order when busy shops outnumber job slots.
  const quiet = all.pop()!;
  const lanes = all;
  // Enough backlog that no shop runs dry in any step: at most RPS/3 documents per second per shop.
  const seconds = (p.workerSteps.length * (p.warmupMs + p.windowMs)) / 1000;
  const perShop = Math.ceil((seconds * RPS) / 3) + 20;
  ctx.log(`bulk-inserting ${perShop} documents per shop`);
  for (const lane of lanes) await bulkQueueDocuments(app.ctx, lane.shopId, perShop, { customers: 1 });
  // Prime: every shop's first document creates its customer's contact (more calls); measure returning customers.
  // (Smoke runs skip it: seconds matter more than clean numbers there.)
  if (!ctx.smoke) {
    const primers = await startWorkers(ctx, deployment, p.workerSteps.at(-1)!);
    await waitFor(
      'every shop to have its contact',
      async () => {
        const done = await transferredByShop(app.ctx);
        return lanes.every((l) => (done.get(l.shopId) ?? 0) >= 2);
      },
      { timeoutMs: 600_000, intervalMs: 250 },
    );
    await Promise.all(primers.map((c) => c.stop(20_000)));
  }

  const steps: {
    workers: number;
    docsPerSecond: number;
    transferred: number;
    requestsPerSecond: number;
    shopsServed: number;
  }[] = [];
  let slotsProbe: { ms: number; done: boolean } = { ms: 0, done: false };
  for (const workers of p.workerSteps) {
    const children = await startWorkers(ctx, deployment, workers);
    await sleep(p.warmupMs);
    const before = await transferredByShop(app.ctx);
    const requestsBefore = await totalRequests(sandbox, lanes);
    const t0 = performance.now();
    await sleep(p.windowMs);
    const after = await transferredByShop(app.ctx);
    const elapsedS = (performance.now() - t0) / 1000;
    const requestsAfter = await totalRequests(sandbox, lanes);
    if (workers === p.workerSteps.at(-1)) slotsProbe = await probeBusySlots(app.ctx, quiet.shopId, p.probeTimeoutMs);
    await Promise.all(children.map((c) => c.stop(20_000)));
    const transferred = sum(after) - sum(before);
    const shopsServed = lanes.filter((l) => (after.get(l.shopId) ?? 0) > (before.get(l.shopId) ?? 0)).length;
    const left = lanes.filter((l) => (after.get(l.shopId) ?? 0) >= perShop).length;
    if (left > 0) ctx.log(`warning: ${left} shops ran out of backlog`);
    steps.push({
      workers,
      docsPerSecond: round(transferred / elapsedS, 1),
      transferred,
      requestsPerSecond: round((requestsAfter - requestsBefore) / elapsedS, 1),
      shopsServed,
    });
    ctx.log(`${workers} workers: ${round(transferred / elapsedS, 1)} documents/s`);
  }

  let peakPerAccount = 0;
  let overlapCount = 0;
  let duplicates = 0;
  for (const lane of lanes) {
    const log = await requestLog(sandbox, lane.token);
    peakPerAccount = Math.max(
      peakPerAccount,
      maxInWindow(
        log.map((r) => r.startedAt),
        1000,
      ),
    );
    overlapCount += overlaps(log);
    duplicates += duplicateVouchers(await sandbox.state(lane.token));
  }
  const jobSlots = (p.workerSteps.at(-1) ?? 1) * CONCURRENCY;
  return { steps, peakPerAccount, overlaps: overlapCount, duplicates, backlogPerShop: perShop, slotsProbe, jobSlots };
}

/**
 * A fresh invoice of a shop without backlog while every job slot is taken by backlogged shops (busy shops outnumber
 * processes × concurrency): the claims' round-robin over shops bounds its wait to about one round.
 */
async function probeBusySlots(app: AppContext, shopId: string, timeoutMs: number) {
  const [documentId] = await insertDocuments(app, shopId, 1, { customers: 1, prefix: 'P' });
  const started = performance.now();
  await inTransaction(app.db, (tx) => enqueueTransfer(tx, app, { shopId, documentId: documentId!, reason: 'auto' }));
  for (;;) {
    const t = await app.db
      .selectFrom('transfers')
      .select('state')
      .where('document_id', '=', documentId!)
      .executeTakeFirst();
    const ms = performance.now() - started;
    if (t?.state === 'transferred') return { ms: round(ms, 0), done: true };
    if (ms > timeoutMs) return { ms: round(ms, 0), done: false };
    await sleep(50);
  }
}

// ---- 2. a fresh invoice behind a 50,000-document backlog -------------------------------------------------------

async function measureFairness(
  ctx: BenchContext,
  sandbox: SandboxProcess,
  p: { backlog: number; freshInvoices: number },
) {
  const db = await freshDatabase(ctx, 'postgres', 'distributed_backlog');
  if (!db) throw new Error('PostgreSQL is not installed');
  const deployment = newDeployment(ctx, db.url);
  const app = await openInProcess(ctx, deployment);
  const [big, quiet] = await createLanes(app.ctx, sandbox, 2, 'fair');
  const workers = await startWorkers(ctx, deployment, 2);

  // The quiet shop's first invoice creates its contact; the measured ones are a returning customer's (3 calls).
  await freshInvoice(app.ctx, quiet!.shopId, 0);
  await sandbox.resetCalls(quiet!.token);
  const baseline: number[] = [];
  for (let i = 1; i <= p.freshInvoices; i++) baseline.push(await freshInvoice(app.ctx, quiet!.shopId, i));
  const calls = await sandbox.calls(quiet!.token);

  ctx.log(`bulk-inserting a backlog of ${p.backlog} documents for one shop`);
  const t0 = performance.now();
  await bulkQueueDocuments(app.ctx, big!.shopId, p.backlog, { customers: 50 });
  ctx.log(`backlog inserted in ${round((performance.now() - t0) / 1000, 1)} s`);
  await waitFor(
    'the backlog to be worked on',
    async () => ((await transferredByShop(app.ctx)).get(big!.shopId) ?? 0) >= 10,
    { timeoutMs: 300_000, intervalMs: 200 },
  );
  const startedBacklog = (await transferredByShop(app.ctx)).get(big!.shopId) ?? 0;
  const behind: number[] = [];
  for (let i = 1; i <= p.freshInvoices; i++) {
    behind.push(await freshInvoice(app.ctx, quiet!.shopId, 100 + i));
    await sleep(500);
  }
  const backlogTransferred = ((await transferredByShop(app.ctx)).get(big!.shopId) ?? 0) - startedBacklog;
  await Promise.all(workers.map((w) => w.stop(20_000)));
  const duplicates =
    duplicateVouchers(await sandbox.state(quiet!.token)) + duplicateVouchers(await sandbox.state(big!.token));
  const baselineMs = round(percentile(baseline, 50), 0);
  const behindMs = round(percentile(behind, 50), 0);
  return {
    baselineMs,
    behindMs,
    behindMaxMs: round(Math.max(...behind), 0),
    extraMs: Math.max(0, behindMs - baselineMs),
    samples: behind.length,
    baseline,
    behind,
    backlogTransferred,
    duplicates,
    callsPerInvoice: round(calls.total / p.freshInvoices, 1),
  };
}

/** A finalized invoice of the shop and its transfer job, as finalizing does it; resolves with ms until transferred. */
async function freshInvoice(app: AppContext, shopId: string, n: number): Promise<number> {
  const [documentId] = await insertDocuments(app, shopId, 1, { customers: 1, prefix: `F${n}-` });
  const started = performance.now();
  await inTransaction(app.db, (tx) => enqueueTransfer(tx, app, { shopId, documentId: documentId!, reason: 'auto' }));
  await waitFor(
    'the fresh invoice',
    async () => {
      const t = await app.db
        .selectFrom('transfers')
        .select('state')
        .where('document_id', '=', documentId!)
        .executeTakeFirst();
      return t?.state === 'transferred';
    },
    { timeoutMs: 120_000, intervalMs: 10 },
  );
  return performance.now() - started;
}

// ---- 3. limiter overhead -----------------------------------------------------------------------------------------

async function measureLimiterOverhead(ctx: BenchContext, n: number) {
  const db = await freshDatabase(ctx, 'postgres', 'distributed_limiter');
  if (!db) throw new Error('PostgreSQL is not installed');
  const app = await openInProcess(ctx, newDeployment(ctx, db.url));
  const shared = new DatabaseRateLimiter(app.ctx.db);
  const databaseMs = await timeLimiter(shared, n);
  await shared.close();
  const memoryMs = await timeLimiter(new TokenBucketRateLimiter(), n);
  return { databaseMs, memoryMs, samples: n };
}

/** Median time from run() to the task, uncontended (no pacing: a huge rate). */
async function timeLimiter(limiter: RateLimiter, n: number): Promise<number> {
  await limiter.run('acct', 1e6, async () => {});
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const called = performance.now();
    await limiter.run('acct', 1e6, async () => {
      samples.push(performance.now() - called);
    });
  }
  return round(percentile(samples, 50), 3);
}

// ---- helpers -----------------------------------------------------------------------------------------------------

async function createLanes(app: AppContext, sandbox: SandboxProcess, count: number, label: string): Promise<Lane[]> {
  const lanes: Lane[] = [];
  // Connecting costs ~6 paced requests per shop: ten at a time.
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, k) => {
        const account = await sandbox.createAccount({ name: `${label} ${i + k}` });
        const created = await createBenchShop(app, `${label} ${i + k}`, { sevdesk: { active: true } });
        await connectToSandbox(app, created.shop.id, sandbox.apiUrl, account.token, RPS);
        return { shopId: created.shop.id, token: account.token };
      }),
    );
    lanes.push(...batch);
  }
  for (const lane of lanes)
    await request(`${sandbox.url}/__sandbox/accounts/${lane.token}/requests`, { method: 'DELETE' });
  return lanes;
}

async function startWorkers(ctx: BenchContext, d: Deployment, n: number): Promise<ChildHandle[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      startWorkerProcess(ctx, d, {
        name: `worker ${i + 1}/${n}`,
        env: {
          BELEGFLUSS_WORKER_CONCURRENCY: String(CONCURRENCY),
          BELEGFLUSS_SEVDESK_TIMEOUT_MS: '10000',
          // A worker stopped between steps never blocks a shop of the next step for long.
          BELEGFLUSS_WORKER_LEASE_MS: '15000',
        },
      }),
    ),
  );
}

let orderSeq = 0;

/** Finalized invoices with a PDF (orders, documents, files) — no transfers, no jobs. Returns the document ids. */
async function insertDocuments(
  app: AppContext,
  shopId: string,
  count: number,
  opts: { customers: number; prefix?: string },
): Promise<string[]> {
  const ids: string[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < count; i += 1000) {
    const orders: OrdersTable[] = [];
    const docs: DocumentsTable[] = [];
    const files: DocumentFilesTable[] = [];
    for (let k = i; k < Math.min(count, i + 1000); k++) {
      const seq = ++orderSeq;
      const customer = 1 + (k % opts.customers);
      const orderNumber = `${opts.prefix ?? ''}${seq}`;
      const data = documentData({
        lines: 1 + (k % 3),
        orderNumber,
        customerId: String(customer),
        email: `kunde${customer}@example.de`,
        seed: seq,
      });
      const orderId = newId('ord');
      const id = newId('doc');
      orders.push({
        id: orderId,
        shop_id: shopId,
        external_id: orderNumber,
        number: orderNumber,
        status: 'completed',
        currency: 'EUR',
        data: JSON.stringify({ shopOrderId: orderNumber, number: orderNumber, status: 'completed', currency: 'EUR' }),
        attention: '[]',
        source_modified_at: now,
        deleted_at: null,
        customer_id: null,
        placed_at: null,
        created_at: now,
        updated_at: now,
      });
      docs.push({
        id,
        shop_id: shopId,
        order_id: orderId,
        type: 'invoice',
        status: 'finalized',
        number: `RE-2026-${String(seq).padStart(7, '0')}`,
        issue_date: data.issueDate,
        cancels_document_id: null,
        source_key: `order:${orderNumber}:invoice`,
        created_at: now,
        finalized_at: now,
        ...documentColumns(data),
      });
      files.push({
        document_id: id,
        kind: 'pdf',
        content_type: 'application/pdf',
        content: FAKE_PDF,
        sha256: 'bench',
        created_at: now,
      });
      ids.push(id);
    }
    await inTransaction(app.db, async (tx) => {
      await tx.insertInto('orders').values(orders).execute();
      await tx.insertInto('documents').values(docs).execute();
      await tx.insertInto('document_files').values(files).execute();
    });
  }
  return ids;
}

/**
 * A shop's backlog as the database holds it after finalizing: documents with their queued transfer records and one
 * pg-boss job each. The first job goes through the queue adapter; the rest are cloned from its row in one statement
 * (the format the adapter writes), oldest document first.
 */
async function bulkQueueDocuments(
  app: AppContext,
  shopId: string,
  count: number,
  opts: { customers: number },
): Promise<void> {
  const ids = await insertDocuments(app, shopId, count, opts);
  const now = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 1000) {
    const transfers: TransfersTable[] = ids.slice(i, i + 1000).map((documentId) => ({
      id: newId('trf'),
      shop_id: shopId,
      document_id: documentId,
      target: 'sevdesk',
      state: 'queued',
      checkpoint: '{}',
      sevdesk_voucher_id: null,
      sevdesk_contact_id: null,
      booking_state: null,
      last_error: null,
      attempts: 0,
      created_at: now,
      updated_at: now,
    }));
    await app.db.insertInto('transfers').values(transfers).execute();
  }
  const first = await app.db
    .selectFrom('transfers')
    .select('id')
    .where('document_id', '=', ids[0]!)
    .executeTakeFirstOrThrow();
  const template = await app.queue.enqueue(app.db, {
    queue: TRANSFER_QUEUE,
    payload: { transferId: first.id, reason: 'auto' },
    shopId,
    dedupeKey: `transfer:${first.id}`,
  });
  await sql`insert into pgboss.job (id, name, data, singleton_key, retry_limit, retry_delay, retry_backoff,
      start_after, expire_in, keep_until, policy)
    select gen_random_uuid(), j.name,
      jsonb_build_object('shopId', t.shop_id, 'payload', jsonb_build_object('transferId', t.id, 'reason', 'auto')),
      'transfer:' || t.id, j.retry_limit, j.retry_delay, j.retry_backoff,
      j.start_after + (row_number() over (order by t.id)) * interval '1 microsecond', j.expire_in, j.keep_until, j.policy
    from pgboss.job j, transfers t
    where j.id = ${template}::uuid and t.shop_id = ${shopId} and t.state = 'queued' and t.id <> ${first.id}
      and not exists (select 1 from pgboss.job x where x.singleton_key = 'transfer:' || t.id)`.execute(app.db);
  await sql`analyze pgboss.job`.execute(app.db);
}

async function transferredByShop(app: AppContext): Promise<Map<string, number>> {
  const rows = await app.db
    .selectFrom('transfers')
    .select(['shop_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('state', '=', 'transferred')
    .groupBy('shop_id')
    .execute();
  return new Map(rows.map((r) => [r.shop_id, Number(r.n)]));
}

async function requestLog(sandbox: SandboxProcess, token: string): Promise<LoggedRequest[]> {
  const res = await request(`${sandbox.url}/__sandbox/accounts/${encodeURIComponent(token)}/requests`);
  if (res.status !== 200) throw new Error(`request log: HTTP ${res.status}`);
  return (JSON.parse(res.text) as { requests: LoggedRequest[] }).requests;
}

async function totalRequests(sandbox: SandboxProcess, lanes: Lane[]): Promise<number> {
  let n = 0;
  for (const lane of lanes) n += (await sandbox.calls(lane.token)).total;
  return n;
}

/** Largest number of request arrivals inside any window [t, t + windowMs). */
function maxInWindow(starts: number[], windowMs: number): number {
  const s = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[j]! <= s[i]! - windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Requests of one account that arrived before the previous one had been answered. */
function overlaps(requests: LoggedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
  let n = 0;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (prev.endedAt === null || sorted[i]!.startedAt < prev.endedAt) n++;
  }
  return n;
}

function duplicateVouchers(dump: { vouchers: { description: string | null }[] }): number {
  const seen = new Map<string, number>();
  for (const v of dump.vouchers) for (const id of markersIn(v.description)) seen.set(id, (seen.get(id) ?? 0) + 1);
  return [...seen.values()].reduce((n, c) => n + c - 1, 0);
}

function sum(m: Map<string, number>): number {
  return [...m.values()].reduce((a, b) => a + b, 0);
}

if (isMain(import.meta.url)) await main(distributedBenchmark);
