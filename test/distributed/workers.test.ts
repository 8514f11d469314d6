import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { inTransaction } from '../../src/db/transaction.js';
import { DatabaseRateLimiter } from '../../src/integrations/sevdesk/rate-limiter-db.js';
import { markersIn } from '../../src/domain/transfer/marker.js';
import { createSandbox, type ListeningSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import type { LoggedRequest } from '../../src/sandbox/request-log.js';
import { freshDatabaseUrl, pgAvailable } from '../support/databases.js';
import { documentWith, insertFinalizedDocument, insertShop, sampleDocumentData } from '../transfer/harness.js';
import { type Deployment, openDeployment, startWorker, type WorkerProcess } from './worker-processes.js';

// Issue 7, done when: three `belegfluss worker` processes against a real PostgreSQL and the sevDesk sandbox on a
// loopback port. Every document is transferred once (one voucher per document in the sandbox), the per-account
// rate limit and the serialisation of requests hold across processes (the sandbox's own request log), and the job
// of a worker killed with SIGKILL in the middle of a transfer is finished by another worker without a duplicate.

const SAVE_VOUCHER = 'POST /Voucher/Factory/saveVoucher';

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

/** Requests of one account that started before the previous one had been answered. */
function overlaps(requests: LoggedRequest[]): string[] {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
  const found: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.endedAt === null || cur.startedAt < prev.endedAt)
      found.push(`${cur.method} ${cur.path} began while ${prev.method} ${prev.path} was running`);
  }
  return found;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!pgAvailable())('distributed mode: three `belegfluss worker` processes on PostgreSQL', () => {
  let d: Deployment;
  let dropDatabase: () => Promise<void>;
  let sandbox: Sandbox;
  let server: ListeningSandbox;
  let workers: WorkerProcess[] = [];

  beforeEach(async () => {
    const db = await freshDatabaseUrl('postgres');
    dropDatabase = db.cleanup;
    d = await openDeployment(db.url);
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    await sandbox?.close();
    await d.close();
    await dropDatabase();
  });

  async function startSandbox(opts: Parameters<typeof createSandbox>[0] = {}) {
    sandbox = createSandbox({ seed: 7, ...opts });
    server = await sandbox.listen(0, '127.0.0.1');
  }

  async function requestLog(token: string): Promise<LoggedRequest[]> {
    const res = await fetch(`${server.url}/__sandbox/accounts/${encodeURIComponent(token)}/requests`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { requests: LoggedRequest[] }).requests;
  }

  async function shopOn(token: string, requestsPerSecond: number): Promise<string> {
    const shopId = await insertShop({ db: d.runtime.dbHandle });
    await connectSevdesk(d.ctx, shopId, { token, baseUrl: server.apiUrl, requestsPerSecond });
    return shopId;
  }

  /** Finalized documents with PDFs, each with its transfer job (as finalizing does it). */
  async function queueDocuments(shopId: string, count: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const customerId = `${tag}-${i % 2}`;
      const data = documentWith([{ name: `Artikel ${tag}/${i}`, gross: 1190 + i * 13, rateBp: 1900 }], {
        orderNumber: `${tag}-${i}`,
        customer: { ...sampleDocumentData().customer, customerId, email: `${customerId}@example.com` },
      });
      const { id } = await insertFinalizedDocument({ db: d.runtime.dbHandle }, shopId, data);
      await inTransaction(d.ctx.db, (tx) => enqueueTransfer(tx, d.ctx, { shopId, documentId: id, reason: 'auto' }));
      ids.push(id);
    }
    return ids;
  }

  async function transferStates(): Promise<Record<string, number>> {
    const rows = await d.ctx.db
      .selectFrom('transfers')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async function startWorkers(n: number, env: Record<string, string> = {}): Promise<void> {
    // The first worker also serves its process metrics, as a Prometheus target would scrape them.
    workers = Array.from({ length: n }, (_, i) =>
      startWorker(d, `worker ${i + 1}`, env, i === 0 ? ['--metrics-port', '0'] : []),
    );
    await Promise.all(workers.map((w) => w.ready));
  }

  /** Each document's vouchers in the sandbox, by the document marker. */
  function vouchersByDocument(token: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const v of sandbox.dump(token).vouchers)
      for (const id of markersIn(v.description)) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  it('every document once; the per-account rate limit and serialisation hold across the processes', async () => {
    expect(d.ctx.rateLimiter).toBeInstanceOf(DatabaseRateLimiter);
    await startSandbox({ latencyMs: 15 });
    const rps = 8;
    // Eight shops on four sevDesk accounts: two shops share each account, so two processes often send to one
    // account at the same time; and a shop's jobs move between processes, each with its own limiter instance.
    const accounts = Array.from({ length: 4 }, (_, a) => sandbox.createAccount({ name: `Konto ${a}` }).token);
    const shops: { id: string; token: string; docs: string[] }[] = [];
    for (let s = 0; s < 8; s++) {
      const token = accounts[Math.floor(s / 2)]!;
      shops.push({ id: await shopOn(token, rps), token, docs: [] });
    }
    for (const token of accounts)
      await fetch(`${server.url}/__sandbox/accounts/${token}/requests`, { method: 'DELETE' });

    // Two jobs per worker at a time, eight shops: a freed slot takes the shop with the oldest due job, so shops
    // rotate between the processes.
    await startWorkers(3, { BELEGFLUSS_WORKER_CONCURRENCY: '2' });
    for (const [s, shop] of shops.entries()) shop.docs = await queueDocuments(shop.id, 5, `s${s}`);
    const total = shops.reduce((n, s) => n + s.docs.length, 0);
    await waitFor('every transfer', async () => ((await transferStates()).transferred ?? 0) === total, 120_000);

    // Exactly one voucher per document, no voucher of an unknown document.
    for (const token of accounts) {
      const counts = vouchersByDocument(token);
      const expected = shops.filter((s) => s.token === token).flatMap((s) => s.docs);
      expect([...counts.keys()].sort()).toEqual([...expected].sort());
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    }
    // From sevDesk's side: never more than limit + burst (1) requests per second, never two at once, per account.
    const report: string[] = [];
    for (const token of accounts) {
      const log = await requestLog(token);
      expect(log.length).toBeGreaterThan(20);
      expect(overlaps(log)).toEqual([]);
      const peak = maxInWindow(
        log.map((r) => r.startedAt),
        1000,
      );
      expect(peak).toBeLessThanOrEqual(rps + 1);
      report.push(`${log.length} requests, peak ${peak}/s`);
    }
    // The three processes all transferred documents.
    const byWorker = workers.map((w) => w.lines().filter((l) => l.msg === 'transfer run finished').length);
    expect(byWorker.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(total);
    expect(byWorker.filter((n) => n > 0)).toHaveLength(3);
    console.log(`per account (limit ${rps}/s): ${report.join('; ')}; transfers per worker: ${byWorker.join(', ')}`);

    // The worker's /metrics: its own transfers, sevDesk requests and jobs, plus the cluster-wide gauges.
    const metrics = await (await fetch(workers[0]!.metricsUrl()!)).text();
    expect(metrics).toContain(`belegfluss_transfer_results_total{result="transferred"} ${byWorker[0]}`);
    expect(metrics).toMatch(
      /belegfluss_sevdesk_requests_total\{method="POST",route="\/Voucher\/Factory\/saveVoucher",status="2xx"\} \d+/,
    );
    expect(metrics).toMatch(
      /belegfluss_sevdesk_request_duration_seconds_count\{method="GET",outcome="ok",route="\/Voucher"\} \d+/,
    );
    expect(metrics).toMatch(/belegfluss_jobs_processed_total\{outcome="succeeded",queue="sevdesk.transfer"\} \d+/);
    expect(metrics).toContain(`belegfluss_transfers{state="transferred"} ${total}`);
  }, 240_000);

  it('a worker killed with SIGKILL in the middle of saveVoucher: another worker finishes, no duplicate', async () => {
    // Every account's first saveVoucher takes 3 s at the sandbox: long enough to kill its sender mid-request.
    // The sandbox completes it anyway (the voucher exists; the killed worker never learnt its id).
    await startSandbox({ latencyMs: 5, faults: 'saveVoucher:latency=3000#1' });
    const victimToken = sandbox.createAccount({ name: 'Opfer' }).token;
    const otherTokens = [0, 1].map((i) => sandbox.createAccount({ name: `Konto ${i}` }).token);
    const victim = await shopOn(victimToken, 10);
    const others = await Promise.all(otherTokens.map((t) => shopOn(t, 10)));
    await startWorkers(3);

    const [victimDoc] = await queueDocuments(victim, 1, 'victim');
    const otherDocs = (await Promise.all(others.map((id, i) => queueDocuments(id, 4, `o${i}`)))).flat();

    // The saveVoucher of the victim's document is in flight: find the process that sends it, and kill it.
    await waitFor(
      'the victim saveVoucher in flight',
      async () =>
        (await requestLog(victimToken)).some((r) => `${r.method} ${r.path}` === SAVE_VOUCHER && r.endedAt === null),
      60_000,
    );
    const holder = workers.find((w) => w.lines().some((l) => l.msg === 'job started' && l.shopId === victim));
    expect(holder, 'the worker running the victim job').toBeDefined();
    await holder!.kill9();
    const killedAt = Date.now();

    const total = otherDocs.length + 1;
    await waitFor('every transfer', async () => ((await transferStates()).transferred ?? 0) === total, 120_000);
    const tookOverAfterMs = Date.now() - killedAt;

    // One voucher for the victim document, made by the killed worker's request and found by the marker search.
    expect(vouchersByDocument(victimToken)).toEqual(new Map([[victimDoc!, 1]]));
    const victimLog = await requestLog(victimToken);
    expect(victimLog.filter((r) => `${r.method} ${r.path}` === SAVE_VOUCHER)).toHaveLength(1);
    // The survivor's requests waited for the killed request to end at the sandbox (serialisation across the crash).
    expect(overlaps(victimLog)).toEqual([]);
    for (const [i, token] of otherTokens.entries()) {
      const counts = vouchersByDocument(token);
      expect(counts.size).toBe(4);
      expect(
        [...counts.values()].every((n) => n === 1),
        `account ${i}`,
      ).toBe(true);
    }
    // A surviving process finished the victim's transfer.
    const transfer = await d.ctx.db
      .selectFrom('transfers')
      .select(['id', 'state', 'sevdesk_voucher_id'])
      .where('document_id', '=', victimDoc!)
      .executeTakeFirstOrThrow();
    expect(transfer.state).toBe('transferred');
    const finishers = workers
      .filter((w) => w !== holder)
      .filter((w) => w.lines().some((l) => l.msg === 'transfer run finished' && l.transferId === transfer.id));
    expect(finishers).toHaveLength(1);
    console.log(`killed ${holder!.name} mid-saveVoucher; ${finishers[0]!.name} finished ${tookOverAfterMs} ms later`);
  }, 240_000);

  it('SIGKILL at random moments, each worker restarted: no document lost, none transferred twice', async () => {
    await startSandbox({ latencyMs: 20 });
    const lanes = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const token = sandbox.createAccount({ name: `Konto ${i}` }).token;
        return { token, shopId: await shopOn(token, 20) };
      }),
    );
    await startWorkers(3);
    const docs = new Map<string, string[]>();
    for (const [i, lane] of lanes.entries()) docs.set(lane.token, await queueDocuments(lane.shopId, 8, `r${i}`));
    const total = [...docs.values()].reduce((n, ids) => n + ids.length, 0);

    // Deterministic "random" moments: a different worker every time, 0.3–1.5 s apart, while transfers run.
    const kills: string[] = [];
    for (let k = 0; k < 4; k++) {
      await sleep(300 + ((k * 577) % 1200));
      const i = k % workers.length;
      const started = workers[i]!.lines().filter((l) => l.msg === 'job started').length;
      await workers[i]!.kill9();
      kills.push(`${workers[i]!.name} after ${started} jobs`);
      workers[i] = startWorker(d, `${workers[i]!.name}′`);
      await workers[i]!.ready;
    }
    await waitFor('every transfer', async () => ((await transferStates()).transferred ?? 0) === total, 180_000);

    for (const [token, ids] of docs) {
      const counts = vouchersByDocument(token);
      expect([...counts.keys()].sort()).toEqual([...ids].sort());
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(overlaps(await requestLog(token))).toEqual([]);
    }
    const jobs = await d.ctx.queue.stats();
    expect(jobs.filter((j) => j.queue === 'sevdesk.transfer' && j.status !== 'succeeded')).toEqual([]);
    console.log(`killed: ${kills.join('; ')}; ${total} documents, each one voucher`);
  }, 300_000);
});
