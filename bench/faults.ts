// Faults: documents transferred while 20 % of all sevDesk calls fail in every way the sandbox can fail — 5xx
// before and after the effect was committed, 429, connection resets, timeouts (before and after), slow bodies and
// latency spikes. Afterwards every document is compared with the sandbox's state: duplicates, lost documents,
// documents transferred, sums equal to the cent.
//
//   npx tsx bench/faults.ts [--smoke]
import { handleWooCommerceWebhook } from '../src/app/ingest/handle-woocommerce-webhook.js';
import { startWorker } from '../src/worker/start-worker.js';
import { connectToSandbox, createBenchShop, newDeployment, openInProcess } from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import { drain } from './lib/queue-drain.js';
import { type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { startSandboxProcess } from './lib/sandbox-process.js';
import { round } from './lib/stats.js';
import { auditTransfers } from './lib/verify-transfers.js';
import { signedWebhook } from './lib/woo-orders.js';
import { mixedWorkload } from './lib/workload.js';

/** Every failure the sandbox offers (revoke aside: a revoked token pauses the shop until a person reconnects). */
export const FAULT_RULES: [string, number][] = [
  ['*:500', 0.04],
  ['*:502', 0.01],
  ['*:503', 0.025],
  ['*:429=1', 0.035],
  ['*:reset', 0.02],
  ['*:timeout=1500', 0.01],
  ['*:500-after', 0.03],
  ['*:504-after', 0.01],
  ['*:reset-after', 0.02],
  ['*:timeout-after=1500', 0.025],
];
/** Not failures, but part of a bad day: slow bodies and latency spikes. */
const NUISANCES = ['*:slow-body=400@0.02', '*:latency=50-250@0.05'];

export const faultSpec = () => [...FAULT_RULES.map(([rule, p]) => `${rule}@${p}`), ...NUISANCES].join(',');
/** The chance that a call fails: the first rule that fires wins, each rolls independently. */
export const failureProbability = () => 1 - FAULT_RULES.reduce((q, [, p]) => q * (1 - p), 1);

export const faultsBenchmark: BenchmarkDefinition = {
  name: 'faults',
  title: 'Transfers under injected faults',
  description:
    'The sandbox in its own process fails ≈20 % of all sevDesk calls (`' +
    FAULT_RULES.map(([r, p]) => `${r}@${p}`).join(',') +
    '`, plus slow bodies and latency spikes; a timeout hangs 1.5 s, the client gives up after 1 s). Belegfluss ' +
    'in-process on SQLite ingests a mixed workload of signed webhooks (new, returning and guest customers, changed ' +
    'addresses, cancellations, customer edits) across several shops while the real worker transfers. The queue retries ' +
    'with a short backoff (0.25 s doubling to 4 s instead of 2 s to 1 h, so the run ends in minutes); a job that uses ' +
    'up its 10 attempts is retried by the benchmark like an operator would. Then every finalized document is checked ' +
    'against the sandbox dump.',
  async run(ctx) {
    const documents = ctx.smoke ? 30 : 2_000;
    const shops = ctx.smoke ? 2 : 8;
    const sandbox = await startSandboxProcess(ctx, { seed: 20_261_127 });
    const db = (await freshDatabase(ctx, 'sqlite', 'faults'))!;
    const app = await openInProcess(ctx, newDeployment(ctx, db.url), {
      config: { worker: { concurrency: shops, pollIntervalMs: 50 } },
      sevdesk: { timeoutMs: 1_000, readRetryBaseMs: 20, requestsPerSecond: 1000 },
      backoff: { baseMs: 250, maxMs: 4_000 },
    });
    const lanes: { shopId: string; secret: string; token: string }[] = [];
    for (let s = 0; s < shops; s++) {
      const account = await sandbox.createAccount({ name: `faults ${s}` });
      const created = await createBenchShop(app.ctx, `Faults ${s}`, { sevdesk: { active: true } });
      await connectToSandbox(app.ctx, created.shop.id, sandbox.apiUrl, account.token);
      lanes.push({ shopId: created.shop.id, secret: created.webhookSecret, token: account.token });
    }
    await sandbox.setFaults(faultSpec(), { seed: 20_261_127 });
    const worker = startWorker(app.ctx);
    ctx.cleanup(() => worker.stop(2_000));

    const t0 = performance.now();
    const deliveries = mixedWorkload(documents, shops);
    for (const d of deliveries) {
      const lane = lanes[d.shop]!;
      const hook = signedWebhook(lane.shopId, lane.secret, d.topic, d.payload, d.deliveryId);
      await handleWooCommerceWebhook(app.ctx, {
        shopId: lane.shopId,
        topic: d.topic,
        deliveryId: d.deliveryId,
        signature: hook.headers['x-wc-webhook-signature'],
        rawBody: Buffer.from(hook.body),
      });
    }
    ctx.log(`${deliveries.length} webhooks ingested in ${round((performance.now() - t0) / 1000, 1)} s; transferring`);

    let operatorRetries = 0;
    for (let round_ = 0; ; round_++) {
      await drain(app.ctx, { timeoutMs: 1_800_000, settleMs: 500 });
      // Customer syncs are planned 5 s ahead (coalescing); let them run too.
      const later = await app.ctx.queue.list({ status: 'pending', limit: 10_000 });
      if (later.length > 0) {
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(...later.map((j) => j.runAt)) - Date.now()) + 100));
        continue;
      }
      const dead = await app.ctx.queue.list({ status: 'dead', limit: 10_000 });
      if (dead.length === 0 || round_ >= 20) break;
      for (const job of dead) if (await app.ctx.queue.retry(job.id)) operatorRetries++;
    }
    const elapsedS = (performance.now() - t0) / 1000;
    await worker.stop(2_000);
    await sandbox.setFaults('');

    const dumps = await Promise.all(lanes.map(async (l) => ({ shopId: l.shopId, dump: await sandbox.state(l.token) })));
    const audit = await auditTransfers(app.ctx, dumps);
    const calls = (await Promise.all(lanes.map((l) => sandbox.calls(l.token)))).reduce((s, c) => s + c.total, 0);
    const retried = await app.ctx.db
      .selectFrom('transfer_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('outcome', '=', 'retry')
      .executeTakeFirstOrThrow();
    // What the transfer runs saw: every call they made is in their log, with its status.
    let seen = 0;
    let failedSeen = 0;
    for (const row of await app.ctx.db.selectFrom('transfer_attempts').select('detail').execute()) {
      const calls = (JSON.parse(row.detail) as { calls?: { status: number | null }[] }).calls ?? [];
      seen += calls.length;
      failedSeen += calls.filter((c) => c.status === null || c.status === 429 || c.status >= 500).length;
    }
    ctx.log(`audit: ${JSON.stringify({ ...audit, sumMismatches: audit.sumMismatches.length })}`);
    const pct = (n: number) => round((n / audit.documents) * 100, 2);
    return {
      parameters: {
        documents,
        shops,
        failureProbabilityPerCall: round(failureProbability(), 3),
        faults: faultSpec(),
        clientTimeoutMs: 1000,
        backoff: '250 ms doubling, max 4 s',
        database: 'SQLite',
      },
      metrics: [
        { label: 'duplicate vouchers', value: audit.duplicates, unit: '', target: { op: '==', value: 0 } },
        { label: 'lost documents (no voucher)', value: audit.lost, unit: '', target: { op: '==', value: 0 } },
        {
          label: 'documents eventually transferred',
          value: pct(audit.transferred),
          unit: '%',
          target: { op: '>=', value: 100 },
          note: `${audit.transferred} of ${audit.documents} in ${round(elapsedS, 0)} s; ${calls.toLocaleString('en')} sevDesk calls (${round((failedSeen / Math.max(1, seen)) * 100, 1)} % of the ${seen.toLocaleString('en')} calls logged by transfer runs failed), ${retried.n} transfer runs retried, ${operatorRetries} dead jobs retried by the benchmark; states ${JSON.stringify(audit.transferStates)}`,
        },
        {
          label: 'sums equal to the cent (total, VAT, net, per rate)',
          value: pct(audit.sumsEqual),
          unit: '%',
          target: { op: '>=', value: 100 },
          ...(audit.sumMismatches.length ? { note: audit.sumMismatches.slice(0, 5).join('; ') } : {}),
        },
        {
          label: 'duplicate contacts (same customer number)',
          value: audit.duplicateContacts,
          unit: '',
          target: { op: '==', value: 0 },
        },
      ],
      details: {
        audit,
        calls,
        callsLoggedByTransfers: seen,
        failedCallsLogged: failedSeen,
        retriedRuns: Number(retried.n),
        operatorRetries,
        elapsedS,
      },
    };
  },
};

if (isMain(import.meta.url)) await main(faultsBenchmark);
