// Throughput against the rate limit: every shop's sevDesk account is limited to 4 requests/s and the sandbox
// answers after 100 ms; with a backlog of documents per shop, how close does the worker get to the limit?
// Several shops (one account each) run in parallel, as the queue's one-job-per-shop rule allows.
//
//   npx tsx bench/rate-limit-throughput.ts [--smoke]
import { handleWooCommerceWebhook } from '../src/app/ingest/handle-woocommerce-webhook.js';
import { startWorker } from '../src/worker/start-worker.js';
import { connectToSandbox, createBenchShop, newDeployment, openInProcess } from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import { type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { startSandboxProcess } from './lib/sandbox-process.js';
import { round, sleep } from './lib/stats.js';
import { signedWebhook, wooOrder } from './lib/woo-orders.js';

const LIMIT = 4;
const LATENCY_MS = 100;

export const rateLimitThroughputBenchmark: BenchmarkDefinition = {
  name: 'rate-limit-throughput',
  title: 'Throughput against the rate limit',
  description:
    `The sandbox in its own process answers every request after ${LATENCY_MS} ms; each shop's sevDesk connection is ` +
    `limited to ${LIMIT} requests/s (the connection's own setting, paced by the token bucket). Documents are ingested ` +
    'and finalized first (a backlog per shop), then the real worker (one job per shop at a time, concurrency = shops) ' +
    'transfers them. After a warm-up, the sandbox call counters of every account are read twice; achieved requests/s ' +
    'per account ÷ limit is the measure (every shop must still have a backlog at the end of the window).',
  async run(ctx) {
    const shops = ctx.smoke ? 2 : 4;
    const windowMs = ctx.smoke ? 2_500 : 40_000;
    const warmupMs = ctx.smoke ? 1_000 : 5_000;
    // ~3–8 calls per document: enough documents that no shop runs dry inside the window.
    const docsPerShop = Math.ceil((((warmupMs + windowMs) / 1000) * LIMIT) / 3) + 4;
    const sandbox = await startSandboxProcess(ctx, { latencyMs: LATENCY_MS });
    const db = (await freshDatabase(ctx, 'sqlite', 'ratelimit'))!;
    const app = await openInProcess(ctx, newDeployment(ctx, db.url), {
      config: { worker: { concurrency: shops, pollIntervalMs: 250 } },
      sevdesk: { timeoutMs: 10_000 },
    });

    const accounts: { shopId: string; token: string }[] = [];
    let orderId = 1;
    for (let s = 0; s < shops; s++) {
      const account = await sandbox.createAccount({ name: `shop ${s}` });
      const created = await createBenchShop(app.ctx, `Rate ${s}`, { sevdesk: { active: true } });
      await connectToSandbox(app.ctx, created.shop.id, sandbox.apiUrl, account.token, LIMIT);
      accounts.push({ shopId: created.shop.id, token: account.token });
      for (let i = 0; i < docsPerShop; i++) {
        const id = orderId++;
        const hook = signedWebhook(
          created.shop.id,
          created.webhookSecret,
          'order.created',
          wooOrder({ id, customerId: 1 + (i % 10) }),
          `d-${id}`,
        );
        await handleWooCommerceWebhook(app.ctx, {
          shopId: created.shop.id,
          topic: 'order.created',
          deliveryId: hook.headers['x-wc-webhook-delivery-id'],
          signature: hook.headers['x-wc-webhook-signature'],
          rawBody: Buffer.from(hook.body),
        });
      }
      await sandbox.resetCalls(account.token);
    }
    ctx.log(`${shops} shops × ${docsPerShop} documents ready; starting the worker`);

    const worker = startWorker(app.ctx);
    ctx.cleanup(() => worker.stop(1_000));
    await sleep(warmupMs);
    const read = async () => Promise.all(accounts.map(async (a) => (await sandbox.calls(a.token)).total));
    const t0 = performance.now();
    const c0 = await read();
    await sleep(windowMs);
    const c1 = await read();
    const elapsed = (performance.now() - t0) / 1000;
    const backlog = await Promise.all(
      accounts.map(async (a) => {
        const r = await app.ctx.db
          .selectFrom('transfers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('shop_id', '=', a.shopId)
          .where('state', '!=', 'transferred')
          .executeTakeFirstOrThrow();
        return Number(r.n);
      }),
    );
    await worker.stop(1_000);
    if (backlog.some((b) => b === 0)) throw new Error(`a shop ran out of work inside the window: backlog ${backlog}`);

    const rates = c0.map((start, i) => (c1[i]! - start) / elapsed);
    const ratios = rates.map((r) => r / LIMIT);
    const transfers = await app.ctx.db
      .selectFrom('transfers')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return {
      parameters: {
        shops,
        limitPerAccount: `${LIMIT} req/s`,
        sandboxLatencyMs: LATENCY_MS,
        windowMs,
        warmupMs,
        docsPerShop,
      },
      metrics: [
        {
          label: `achieved ÷ limit, worst of ${shops} shops`,
          value: round(Math.min(...ratios), 3),
          unit: '',
          target: { op: '>=', value: 0.95 },
          note: `per shop: ${rates.map((r) => `${round(r, 2)} req/s`).join(', ')} (limit ${LIMIT} req/s each)`,
        },
        {
          label: `achieved ÷ limit, mean of ${shops} shops`,
          value: round(ratios.reduce((a, b) => a + b, 0) / shops, 3),
          unit: '',
        },
        {
          label: `all ${shops} accounts together`,
          value: round(
            rates.reduce((a, b) => a + b, 0),
            2,
          ),
          unit: 'req/s',
        },
      ],
      details: { rates, ratios, elapsedS: elapsed, backlogAtEnd: backlog, transfers },
    };
  },
};

if (isMain(import.meta.url)) await main(rateLimitThroughputBenchmark);
