// Ingest: signed WooCommerce webhooks per second and their latency, on SQLite and on PostgreSQL. `belegfluss serve`
// (no worker) pinned to CPU 0; a load generator in its own process pinned to CPU 1 with keep-alive connections.
//
//   npx tsx bench/ingest.ts [--smoke]
import type { Engine } from '../src/db/dialect.js';
import { countRows, createBenchShop, newDeployment, openInProcess, startServe } from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import type { Metric } from './lib/report.js';
import { type BenchContext, type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { round } from './lib/stats.js';
import { runLoadChild } from './sandbox.js';

const CONNECTIONS = 8;

const VARIANTS = [
  {
    key: 'finalize',
    status: 'processing',
    label: 'paid order → invoice finalized with PDF + transfer job',
  },
  { key: 'store', status: 'pending', label: 'unpaid order → order stored, no document' },
] as const;

async function measureEngine(ctx: BenchContext, engine: Engine) {
  const db = await freshDatabase(ctx, engine, 'ingest');
  if (!db) return null;
  const deployment = newDeployment(ctx, db.url);
  const app = await openInProcess(ctx, deployment);
  // Active interface, no connection needed: finalization enqueues the transfer job as in production.
  const { shop, webhookSecret } = await createBenchShop(app.ctx, 'Ingest', { sevdesk: { active: true } });
  const server = await startServe(ctx, deployment, { worker: false, cpus: '0', name: `serve (${engine})` });
  const durationMs = ctx.smoke ? 1_000 : 20_000;
  const warmup = ctx.smoke ? 2 : 40;
  const results = [];
  let firstOrderId = 1;
  // Smoke: the full path only (paid order → PDF → transfer job); the store-only variant adds nothing new to check.
  for (const variant of ctx.smoke ? VARIANTS.slice(0, 1) : VARIANTS) {
    const documentsBefore = await countRows(app.ctx, 'documents');
    const r = await runLoadChild(
      ctx,
      {
        kind: 'woo-orders',
        url: server.url,
        concurrency: CONNECTIONS,
        durationMs,
        warmup,
        shopId: shop.id,
        secret: webhookSecret,
        firstOrderId,
        customers: 200,
        status: variant.status,
      },
      '1',
    );
    firstOrderId += warmup + r.completed + r.errors + 1000;
    const created = (await countRows(app.ctx, 'documents')) - documentsBefore;
    const ok = r.statuses['200'] ?? 0;
    if (r.errors > 0 || ok !== r.completed)
      throw new Error(
        `${engine} ${variant.key}: ${JSON.stringify(r.statuses)}, ${r.errors} errors ${r.errorSamples.join('; ')}`,
      );
    if (variant.key === 'finalize' && created !== ok + warmup)
      throw new Error(`${engine}: ${created} documents for ${ok + warmup} accepted webhooks`);
    ctx.log(
      `${engine} ${variant.key}: ${Math.round(r.requestsPerSecond)} webhooks/s, p99 ${round(r.latencyMs.p99, 1)} ms`,
    );
    results.push({ variant, result: r });
  }
  await server.child.stop();
  await app.close();
  return results;
}

export const ingestBenchmark: BenchmarkDefinition = {
  name: 'ingest',
  title: 'Webhook ingest',
  description:
    '`belegfluss serve --no-worker` pinned to CPU 0; a load generator process pinned to CPU 1 keeps ' +
    `${CONNECTIONS} keep-alive connections busy with signed \`order.created\` webhooks (a new order each, 200 returning ` +
    'customers, 1–3 items at 19/7 % plus shipping): HMAC check, redelivery check, schema validation, order stored and — ' +
    'for a paid order — the invoice created, numbered, rendered as PDF and finalized with its transfer job, all in one ' +
    'transaction. Once on SQLite (WAL, synchronous=FULL) and once on a throwaway PostgreSQL cluster ' +
    '(test/support/postgres-cluster.ts: fsync=off, synchronous_commit=off — an upper bound for PostgreSQL). No target set.',
  async run(ctx) {
    const metrics: Metric[] = [];
    const notMeasured: string[] = [];
    const details: Record<string, unknown> = {};
    for (const engine of ['sqlite', 'postgres'] as const) {
      const results = await measureEngine(ctx, engine);
      const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      if (!results) {
        notMeasured.push(`${name}: PostgreSQL binaries not found (apt-get install postgresql).`);
        continue;
      }
      details[engine] = results.map((r) => ({ variant: r.variant.key, ...r.result }));
      for (const { variant, result } of results) {
        metrics.push({
          label: `${name}: ${variant.label}`,
          value: round(result.requestsPerSecond, 1),
          unit: 'webhooks/s',
          note: `${result.completed} webhooks; latency p50 ${round(result.latencyMs.p50, 1)} ms, p99 ${round(result.latencyMs.p99, 1)} ms`,
        });
        metrics.push({
          label: `${name}: ${variant.key === 'finalize' ? 'paid order' : 'unpaid order'}, p99 latency`,
          value: round(result.latencyMs.p99, 1),
          unit: 'ms',
        });
      }
    }
    return {
      parameters: {
        connections: CONNECTIONS,
        durationMs: ctx.smoke ? 1_000 : 20_000,
        serverCpu: 0,
        loadGeneratorCpu: 1,
        logLevel: 'warn',
      },
      metrics,
      notMeasured,
      details,
    };
  },
};

if (isMain(import.meta.url)) await main(ingestBenchmark);
