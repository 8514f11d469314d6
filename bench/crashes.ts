// Crashes: `belegfluss worker` processes killed with SIGKILL at random moments while documents flow in through
// `belegfluss serve --no-worker`, each restarted at once; afterwards no document may be transferred twice or lost.
//
//   npx tsx bench/crashes.ts [--smoke]
import {
  createBenchShop,
  connectToSandbox,
  newDeployment,
  openInProcess,
  startServe,
  startWorkerProcess,
  transferStates,
} from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import { deliver } from './lib/http-client.js';
import type { ChildHandle } from './lib/processes.js';
import type { Metric } from './lib/report.js';
import { type BenchContext, type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { startSandboxProcess } from './lib/sandbox-process.js';
import { round, seededRandom, sleep, waitFor } from './lib/stats.js';
import { auditTransfers } from './lib/verify-transfers.js';
import { signedWebhook } from './lib/woo-orders.js';
import { mixedWorkload } from './lib/workload.js';

const LEASE_MS = 2_000;

export const crashesBenchmark: BenchmarkDefinition = {
  name: 'crashes',
  title: 'kill -9 of workers',
  description:
    'The sandbox in its own process (5 ms latency); `belegfluss serve --no-worker` ingests a mixed workload of signed ' +
    'webhooks posted by the benchmark; one `belegfluss worker` process (lease 2 s, so a dead worker’s job is taken over ' +
    'quickly) transfers — and is killed with SIGKILL K times, restarted at once each time; the kills are spread over ' +
    'the run (kill k at a random point of the k-th slice of transfer progress, 0.3–1 s after the start at the earliest). ' +
    'After the last restart the worker finishes; every finalized document ' +
    'is then compared with the sandbox dump. Once on SQLite with the embedded queue, once on PostgreSQL with pg-boss.',
  async run(ctx) {
    const runs: EngineRun[] = [];
    for (const engine of ['sqlite', 'postgres'] as const) {
      const r = await crashRun(ctx, engine);
      if (r) runs.push(r);
      else ctx.log(`${engine}: no PostgreSQL server available — skipped`);
    }
    return {
      parameters: { ...runs[0]!.parameters, databases: runs.map((r) => ENGINE_LABEL[r.engine]) },
      metrics: runs.flatMap((r) => r.metrics),
      details: Object.fromEntries(runs.map((r) => [r.engine, r.details])),
    };
  },
};

const ENGINE_LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL + pg-boss' } as const;

interface EngineRun {
  engine: 'sqlite' | 'postgres';
  parameters: Record<string, unknown>;
  metrics: Metric[];
  details: Record<string, unknown>;
}

async function crashRun(ctx: BenchContext, engine: 'sqlite' | 'postgres'): Promise<EngineRun | null> {
  const documents = ctx.smoke ? 30 : 2_000;
  const kills = ctx.smoke ? 2 : 30;
  const shops = ctx.smoke ? 2 : 4;
  const random = seededRandom(9);
  const sandbox = await startSandboxProcess(ctx, { latencyMs: 5 });
  const db = await freshDatabase(ctx, engine, `crashes-${engine}`);
  if (!db) return null;
  const deployment = newDeployment(ctx, db.url);
  const app = await openInProcess(ctx, deployment);
  const lanes: { shopId: string; secret: string; token: string }[] = [];
  for (let s = 0; s < shops; s++) {
    const account = await sandbox.createAccount({ name: `crash ${s}` });
    const created = await createBenchShop(app.ctx, `Crash ${s}`, { sevdesk: { active: true } });
    await connectToSandbox(app.ctx, created.shop.id, sandbox.apiUrl, account.token, 100);
    lanes.push({ shopId: created.shop.id, secret: created.webhookSecret, token: account.token });
  }
  const server = await startServe(ctx, deployment, { worker: false });
  const workerEnv = {
    BELEGFLUSS_WORKER_CONCURRENCY: String(shops),
    BELEGFLUSS_WORKER_POLL_MS: '50',
    BELEGFLUSS_WORKER_LEASE_MS: String(LEASE_MS),
    BELEGFLUSS_SEVDESK_TIMEOUT_MS: '5000',
  };

  // Ingest in the background, streams per shop.
  const deliveries = mixedWorkload(documents, shops, 11);
  let ingestError: Error | null = null;
  let ingestDone: { atS: number; transferred: number } | null = null;
  const t0 = performance.now();
  const elapsed = () => round((performance.now() - t0) / 1000, 1);
  const transferredNow = async () => (await transferStates(app.ctx)).transferred ?? 0;
  const ingest = Promise.all(
    lanes.map(async (lane, s) => {
      for (const d of deliveries.filter((x) => x.shop === s)) {
        const hook = signedWebhook(lane.shopId, lane.secret, d.topic, d.payload, d.deliveryId);
        const res = await deliver(server.url, hook);
        const text = res.text;
        if (res.status !== 200) throw new Error(`webhook ${d.deliveryId}: HTTP ${res.status} ${text.slice(0, 200)}`);
      }
    }),
  ).then(
    async () => {
      ingestDone = { atS: elapsed(), transferred: await transferredNow() };
    },
    (e: Error) => {
      ingestError = e;
    },
  );

  // The kills are spread over the whole transfer run: kill k strikes at a random point of the k-th slice of the
  // documents' progress (at least 0.3–1 s after the worker reported ready, after at most 60 s of waiting).
  let worker: ChildHandle | null = null;
  const killLog: { atS: number; runningJobs: number; transferredSoFar: number }[] = [];
  while (killLog.length < kills) {
    const k = killLog.length;
    const threshold = Math.floor((documents * 0.95 * (k + random())) / kills);
    worker = await startWorkerProcess(ctx, deployment, { env: workerEnv, name: `worker #${k + 1}` });
    await sleep(300 + random() * 700);
    const until = Date.now() + 60_000;
    while (Date.now() < until && (await transferredNow()) < threshold) await sleep(50 + random() * 200);
    const running = (await app.ctx.queue.list({ status: 'running', limit: 1000 })).length;
    await worker.kill9();
    killLog.push({ atS: elapsed(), runningJobs: running, transferredSoFar: await transferredNow() });
    if (ingestError) throw ingestError;
  }
  ctx.log(`${kills} kills done after ${round((performance.now() - t0) / 1000, 0)} s; letting the last worker finish`);
  await ingest;
  if (ingestError) throw ingestError;
  const expected = Number(
    (
      await app.ctx.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'finalized')
        .executeTakeFirstOrThrow()
    ).n,
  );
  worker = await startWorkerProcess(ctx, deployment, { env: workerEnv, name: 'final worker' });
  let operatorRetries = 0;
  await waitFor(
    'all transfers',
    async () => {
      const states = await transferStates(app.ctx);
      const dead = await app.ctx.queue.list({ status: 'dead', limit: 1000 });
      for (const job of dead) if (await app.ctx.queue.retry(job.id)) operatorRetries++;
      return (states.transferred ?? 0) >= expected;
    },
    { timeoutMs: 1_800_000, intervalMs: 250 },
  );
  const elapsedS = (performance.now() - t0) / 1000;
  await worker.stop();
  await server.child.stop();

  const dumps = await Promise.all(lanes.map(async (l) => ({ shopId: l.shopId, dump: await sandbox.state(l.token) })));
  const audit = await auditTransfers(app.ctx, dumps);
  ctx.log(`audit: ${JSON.stringify({ ...audit, sumMismatches: audit.sumMismatches.length })}`);
  // For whoever investigates a duplicate contact: the transfer runs that created or adopted contacts around it.
  const contactRuns =
    audit.duplicateContacts === 0
      ? []
      : (
          await app.ctx.db
            .selectFrom('transfer_attempts')
            .select(['document_id', 'started_at', 'finished_at', 'outcome', 'error', 'detail'])
            .orderBy('id')
            .execute()
        )
          .map((r) => ({ ...r, detail: JSON.parse(r.detail) as { contact?: string; contactId?: string | null } }))
          .filter((r) =>
            audit.duplicateContactDetails.some((d) => d.contacts.some((c) => String(c.id) === r.detail.contactId)),
          );
  const interrupted = killLog.filter((k) => k.runningJobs > 0).length;
  const on = `, ${ENGINE_LABEL[engine]}`;
  return {
    engine,
    parameters: {
      documents,
      kills,
      shops,
      workerLeaseMs: LEASE_MS,
      killSchedule: 'k-th kill at a random point of the k-th 1/K of transfer progress',
      sandboxLatencyMs: 5,
    },
    metrics: [
      { label: 'duplicate vouchers' + on, value: audit.duplicates, unit: '', target: { op: '==', value: 0 } },
      { label: 'lost documents (no voucher)' + on, value: audit.lost, unit: '', target: { op: '==', value: 0 } },
      {
        label: `worker processes killed with SIGKILL (and restarted)${on}`,
        value: killLog.length,
        unit: '',
        target: { op: '>=', value: kills },
        note: `${interrupted} of ${killLog.length} kills hit running jobs; transferred at the kills: ${killLog.map((k) => k.transferredSoFar).join(', ')}; ${audit.transferred} of ${audit.documents} documents transferred in ${round(elapsedS, 0)} s; ${operatorRetries} dead jobs retried by the benchmark`,
      },
      {
        label: 'documents eventually transferred' + on,
        value: round((audit.transferred / audit.documents) * 100, 2),
        unit: '%',
        target: { op: '>=', value: 100 },
      },
      {
        label: 'sums equal to the cent' + on,
        value: round((audit.sumsEqual / audit.documents) * 100, 2),
        unit: '%',
        target: { op: '>=', value: 100 },
      },
      {
        label: 'duplicate contacts (same customer number)' + on,
        value: audit.duplicateContacts,
        unit: '',
        target: { op: '==', value: 0 },
      },
    ],
    details: { audit, killLog, ingestDone, operatorRetries, elapsedS, contactRuns },
  };
}

if (isMain(import.meta.url)) await main(crashesBenchmark);
