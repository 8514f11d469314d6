// Own overhead: documents per second end-to-end — signed webhook in, order stored, invoice finalized with PDF,
// transfer job, contact check, marker search, upload, saveVoucher, read-back — through `belegfluss serve`, against
// the sandbox at zero latency in its own process; beside a bare HTTP client making the same sevDesk calls against
// the same sandbox in the same run. The ratio says how much of the time is ours.
//
//   npx tsx bench/overhead.ts [--smoke]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToSandbox, createBenchShop, newDeployment, openInProcess, startServe } from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import { deliver } from './lib/http-client.js';
import { spawnTs } from './lib/processes.js';
import { type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { startSandboxProcess } from './lib/sandbox-process.js';
import { distribution, round, waitFor } from './lib/stats.js';
import { signedWebhook, wooOrder } from './lib/woo-orders.js';

const CUSTOMERS_PER_SHOP = 5;

export const overheadBenchmark: BenchmarkDefinition = {
  name: 'overhead',
  title: 'Own overhead',
  description:
    'The sandbox at zero latency in its own process (pinned to CPU 1); `belegfluss serve` with its worker on SQLite ' +
    '(pinned to CPU 0; rate limit raised to 10,000 req/s per account so pacing never waits). After a warm-up that ' +
    'creates the customers’ contacts, N signed `order.created` webhooks for returning customers are posted (one ' +
    'stream per shop) and the clock stops when the last of them is transferred and verified. Then, in the same run, a ' +
    'bare client (Node fetch, pinned to CPU 0) makes the same three sevDesk calls per document — marker search, PDF ' +
    'upload (the same PDF bytes), saveVoucher — with one sequential lane per account. Ratio = ours ÷ bare.',
  async run(ctx) {
    const shops = ctx.smoke ? 2 : 4;
    const documents = ctx.smoke ? 8 : Number(process.env.BELEGFLUSS_BENCH_OVERHEAD_DOCS ?? 400);
    const customersPerShop = ctx.smoke ? 2 : CUSTOMERS_PER_SHOP;
    const sandbox = await startSandboxProcess(ctx, { cpus: '1' });
    const db = (await freshDatabase(ctx, 'sqlite', 'overhead'))!;
    const deployment = newDeployment(ctx, db.url);
    const app = await openInProcess(ctx, deployment);

    const lanes: { shopId: string; secret: string; token: string }[] = [];
    for (let s = 0; s < shops; s++) {
      const account = await sandbox.createAccount({ name: `overhead ${s}` });
      const created = await createBenchShop(app.ctx, `Overhead ${s}`, { sevdesk: { active: true } });
      await connectToSandbox(app.ctx, created.shop.id, sandbox.apiUrl, account.token);
      lanes.push({ shopId: created.shop.id, secret: created.webhookSecret, token: account.token });
    }
    // "A high rate limit": above what the API accepts (100), so the token bucket never paces this run.
    await app.ctx.db.updateTable('sevdesk_connections').set({ requests_per_second: 10_000 }).execute();

    const server = await startServe(ctx, deployment, {
      worker: true,
      cpus: '0',
      env: { BELEGFLUSS_WORKER_CONCURRENCY: String(shops), BELEGFLUSS_WORKER_POLL_MS: '50' },
    });
    let orderId = 1;
    const latencies: number[] = [];
    const post = async (lane: (typeof lanes)[number], customer: number) => {
      const id = orderId++;
      const hook = signedWebhook(
        lane.shopId,
        lane.secret,
        'order.created',
        wooOrder({ id, customerId: customer }),
        `d-${id}`,
      );
      const t = performance.now();
      const res = await deliver(server.url, hook);
      const text = res.text;
      latencies.push(performance.now() - t);
      if (res.status !== 200 || !text.includes('"finalized"'))
        throw new Error(`webhook answered ${res.status}: ${text.slice(0, 300)}`);
    };
    const transferred = async () => {
      const r = await app.ctx.db
        .selectFrom('transfers')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('state')
        .execute();
      const by = Object.fromEntries(r.map((x) => [x.state, Number(x.n)]));
      if ((by.failed ?? 0) + (by.needs_attention ?? 0) > 0) throw new Error(`transfers stopped: ${JSON.stringify(by)}`);
      return by.transferred ?? 0;
    };

    // Warm-up: every customer's contact exists afterwards (the measured documents are returning customers).
    await Promise.all(
      lanes.map(async (lane) => {
        for (let c = 1; c <= customersPerShop; c++) await post(lane, c);
      }),
    );
    const warm = shops * customersPerShop;
    await waitFor('warm-up transfers', async () => (await transferred()) >= warm, {
      timeoutMs: 180_000,
      intervalMs: 50,
    });
    for (const lane of lanes) await sandbox.resetCalls(lane.token);
    latencies.length = 0;
    ctx.log(`warm-up done (${warm} documents); measuring ${documents}`);

    const t0 = performance.now();
    let sent = 0;
    await Promise.all(
      lanes.map(async (lane) => {
        while (sent < documents) {
          sent++;
          await post(lane, 1 + (sent % customersPerShop));
        }
      }),
    );
    const ingestedS = (performance.now() - t0) / 1000;
    await waitFor('all transfers', async () => (await transferred()) >= warm + documents, {
      timeoutMs: 600_000,
      intervalMs: 20,
    });
    const oursS = (performance.now() - t0) / 1000;
    const calls = (await Promise.all(lanes.map((l) => sandbox.calls(l.token)))).reduce((s, c) => s + c.total, 0);
    await server.child.stop();

    // The baseline: the same calls, the same sandbox, a bare client.
    const barelanes = await Promise.all(
      lanes.map(async (lane) => {
        const state = await sandbox.state(lane.token);
        const accounts: Record<string, number> = {};
        for (const v of state.vouchers)
          for (const p of v.positions) if (p.accountDatev !== null) accounts[p.taxRateBp] ??= p.accountDatev;
        return { token: lane.token, contactId: state.contacts[0]!.id, accounts };
      }),
    );
    const pdfRow = await app.ctx.db
      .selectFrom('document_files')
      .select(['content'])
      .where('kind', '=', 'pdf')
      .limit(1)
      .executeTakeFirstOrThrow();
    const dir = mkdtempSync(join(tmpdir(), 'belegfluss-bare-'));
    ctx.cleanup(() => rmSync(dir, { recursive: true, force: true }));
    const inputFile = join(dir, 'input.json');
    writeFileSync(
      inputFile,
      JSON.stringify({
        apiUrl: sandbox.apiUrl,
        lanes: barelanes,
        documents,
        pdfBase64: Buffer.from(pdfRow.content).toString('base64'),
      }),
    );
    const bare = spawnTs('bench/lib/bare-client.ts', [inputFile], { name: 'bare client', cpus: '0' });
    ctx.cleanup(() => bare.stop());
    const m = await bare.waitForOutput(/BARE_RESULT (\{.*\})/, 600_000);
    const bareResult = JSON.parse(m[1]!) as { documents: number; elapsedMs: number };
    const bareS = bareResult.elapsedMs / 1000;

    const ours = documents / oursS;
    const bareRate = documents / bareS;
    const ingest = distribution(latencies);
    return {
      parameters: {
        shops,
        documents,
        customersPerShop,
        database: 'SQLite (synchronous=FULL)',
        sandboxLatencyMs: 0,
        rateLimit: '10,000 req/s per account',
        logLevel: 'warn',
      },
      metrics: [
        {
          label: 'Belegfluss end-to-end (webhook → PDF → sevDesk)',
          value: round(ours, 1),
          unit: 'docs/s',
          note: `${documents} documents in ${round(oursS, 1)} s (${round(calls / documents, 2)} sevDesk calls each; all webhooks answered after ${round(ingestedS, 1)} s, p50 ${round(ingest.p50, 1)} ms, p99 ${round(ingest.p99, 1)} ms per webhook)`,
        },
        {
          label: 'bare client, same sevDesk calls',
          value: round(bareRate, 1),
          unit: 'docs/s',
          note: `${documents} documents in ${round(bareS, 1)} s`,
        },
        { label: 'ratio Belegfluss ÷ bare client', value: round(ours / bareRate, 3), unit: '' },
        {
          label: 'own time per document (1/ours − 1/bare)',
          value: round((1 / ours - 1 / bareRate) * 1000, 1),
          unit: 'ms',
          note: 'wall time per document beyond what the bare client needs, at the same parallelism; the server is one Node process on one core, and rendering the PDF (see PDF rendering) is the largest share',
        },
      ],
      details: { oursS, bareS, calls, ingestLatencyMs: ingest, ingestedS },
    };
  },
};

if (isMain(import.meta.url)) await main(overheadBenchmark);
