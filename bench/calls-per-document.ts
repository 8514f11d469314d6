// Calls per document: sevDesk HTTP calls per transferred document, counted by the sandbox, for each kind of
// document a shop produces — new customer, returning customer (unchanged / changed address), cancellation, guest,
// and with booking: paid and booked on an offline account, paid and matched + linked on the bank account.
//
//   npx tsx bench/calls-per-document.ts [--smoke]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { handleWooCommerceWebhook } from '../src/app/ingest/handle-woocommerce-webhook.js';
import { createSandbox, type Sandbox } from '../src/sandbox/create-sandbox.js';
import { startWorker } from '../src/worker/start-worker.js';
import { connectToSandbox, createBenchShop, type InProcess, newDeployment, openInProcess } from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import { drain, runPlannedNow } from './lib/queue-drain.js';
import { REPO_ROOT } from './lib/report.js';
import { type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { round } from './lib/stats.js';
import { signedWebhook, wooOrder } from './lib/woo-orders.js';

const SANDBOX_API = 'http://sandbox.bench/api/v1';
const MATCH_QUEUE = 'sevdesk.match-transactions';

interface Scenario {
  label: string;
  documents: number;
  calls: number;
  perDocument: number;
  routes: Record<string, number>;
  verified: string;
}

interface ShopUnderTest {
  id: string;
  secret: string;
  token: string;
}

async function deliver(app: InProcess, shop: ShopUnderTest, topic: string, payload: unknown, delivery: string) {
  const hook = signedWebhook(shop.id, shop.secret, topic, payload, delivery);
  const res = await handleWooCommerceWebhook(app.ctx, {
    shopId: shop.id,
    topic,
    deliveryId: hook.headers['x-wc-webhook-delivery-id'],
    signature: hook.headers['x-wc-webhook-signature'],
    rawBody: Buffer.from(hook.body),
  });
  if ('documents' in res && res.documents?.some((d) => d.action === 'finalize_refused'))
    throw new Error(`finalization refused: ${JSON.stringify(res.documents)}`);
  return res;
}

async function transferred(app: InProcess, shopId: string): Promise<number> {
  const r = await app.ctx.db
    .selectFrom('transfers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId)
    .where('state', '=', 'transferred')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function measure(
  app: InProcess,
  sandbox: Sandbox,
  shop: ShopUnderTest,
  label: string,
  act: () => Promise<number>,
  after?: () => Promise<string>,
): Promise<Scenario> {
  await drain(app.ctx);
  const before = await transferred(app, shop.id);
  sandbox.resetCalls(shop.token);
  const expected = await act();
  await drain(app.ctx);
  const verified = after ? await after() : 'transferred';
  const documents = (await transferred(app, shop.id)) - before;
  if (documents !== expected) throw new Error(`${label}: ${documents} of ${expected} documents transferred`);
  const calls = sandbox.calls(shop.token);
  return { label, documents, calls: calls.total, perDocument: calls.total / documents, routes: calls.routes, verified };
}

export const callsPerDocumentBenchmark: BenchmarkDefinition = {
  name: 'calls-per-document',
  title: 'sevDesk calls per document',
  description:
    'Belegfluss in-process (SQLite, the real worker) against the in-process sandbox; orders arrive as signed ' +
    'WooCommerce webhooks, are finalized with PDF and transferred. The sandbox counts every sevDesk HTTP call per ' +
    'account (retries included, the one-time connect excluded); each scenario is N documents in a row, so static ' +
    'data read once is amortized. Booking scenarios use a second and third shop with booking on: the offline ' +
    'clearing account ("Verrechnungskonto"), and the bank account with one imported bank transaction per order ' +
    '(purpose = order number, exact amount) that the match job must find and link.',
  async run(ctx) {
    const n = ctx.smoke ? 3 : 20;
    const db = (await freshDatabase(ctx, 'sqlite', 'calls'))!;
    const sandbox = createSandbox({ seed: 1 });
    ctx.cleanup(() => sandbox.close());
    const app = await openInProcess(ctx, newDeployment(ctx, db.url), {
      config: { worker: { pollIntervalMs: 20, concurrency: 4 } },
      sevdesk: { fetch: sandbox.fetch, requestsPerSecond: 1000, readRetryBaseMs: 5 },
    });
    const worker = startWorker(app.ctx);
    ctx.cleanup(() => worker.stop(2_000));

    const newShop = async (
      name: string,
      booking?: (accounts: { id: number; name: string; type: string }[]) => object,
    ) => {
      const account = sandbox.createAccount({ name, chart: 'SKR04', bookkeepingVersion: '2.0' });
      const settings = { sevdesk: { active: true }, ...(booking ? { booking: booking(account.checkAccounts) } : {}) };
      const created = await createBenchShop(app.ctx, name, settings);
      await connectToSandbox(app.ctx, created.shop.id, SANDBOX_API, account.token);
      return {
        id: created.shop.id,
        secret: created.webhookSecret,
        token: account.token,
        accounts: account.checkAccounts,
      };
    };

    const scenarios: Scenario[] = [];
    const notMeasured: string[] = [];
    let orderId = 10_000;
    const shop = await newShop('Calls');
    const customers = Array.from({ length: n }, (_, i) => 100 + i);
    const orders = (customerIds: number[], opts: { addressVersion?: number } = {}) =>
      customerIds.map((customerId) => wooOrder({ id: ++orderId, customerId, ...opts }));
    const ingestAll = async (list: Record<string, unknown>[], topic = 'order.created') => {
      for (const o of list) await deliver(app, shop, topic, o, `d-${o.id}-${o.status}-${topic}`);
      return list.length;
    };

    scenarios.push(await measure(app, sandbox, shop, 'new customer', () => ingestAll(orders(customers))));
    const returning = orders(customers);
    scenarios.push(await measure(app, sandbox, shop, 'returning customer, unchanged', () => ingestAll(returning)));
    const changed = orders(customers, { addressVersion: 1 });
    scenarios.push(await measure(app, sandbox, shop, 'returning customer, changed address', () => ingestAll(changed)));
    scenarios.push(
      await measure(app, sandbox, shop, 'cancellation (full, of a returning customer’s invoice)', () =>
        ingestAll(
          // The latest orders: an older document would carry an older address (and update the contact again).
          changed.map((o) => ({ ...o, status: 'cancelled', date_modified_gmt: '2026-12-01T10:00:00' })),
          'order.updated',
        ),
      ),
    );
    scenarios.push(
      await measure(app, sandbox, shop, 'guest order (one contact per order)', () =>
        ingestAll(orders(Array.from({ length: n }, () => 0))),
      ),
    );

    // Booking: only where the booking code has landed, and only counted when sevDesk really shows the payment.
    const bookingLanded = existsSync(join(REPO_ROOT, 'src/app/booking/book-document.ts'));
    const paidVouchers = (token: string) => sandbox.dump(token).vouchers.filter((v) => v.status === 1000).length;
    const linkedTransactions = (token: string) =>
      sandbox.dump(token).transactions.filter((t) => t.status === 400 || t.status === 200).length;
    const bookingScenario = async (
      label: string,
      accountOf: (accounts: { id: number; name: string; type: string }[]) => number,
      bank: boolean,
    ) => {
      if (!bookingLanded) {
        notMeasured.push(`${label}: the booking use cases (src/app/booking) are not in the tree yet.`);
        return;
      }
      const s = await newShop(`Calls ${label}`, (accounts) => ({
        enabled: true,
        defaultCheckAccountId: String(accountOf(accounts)),
        linkTransactions: bank,
        searchKey: '{orderNumber}',
      }));
      const accountId = accountOf(s.accounts);
      // Warm up the shop's static data and contacts, then measure returning customers.
      const warm = Array.from({ length: n }, (_, i) => 500 + i);
      const list = (ids: number[]) => ids.map((customerId) => wooOrder({ id: ++orderId, customerId }));
      const send = async (os: Record<string, unknown>[]) => {
        for (const o of os) {
          if (bank)
            sandbox.importTransaction(s.token, {
              checkAccountId: accountId,
              amountMinor: Math.round(Number(o.total) * 100),
              paymtPurpose: `Bestellung ${o.number} Papeterie Beispiel`,
              payeePayerName: `${(o.billing as { first_name: string }).first_name} ${(o.billing as { last_name: string }).last_name}`,
              valueDate: `${String(o.date_paid_gmt)}Z`,
            });
          await deliver(app, s, 'order.created', o, `d-${o.id}`);
        }
        await drain(app.ctx);
        // The match job runs debounced (a burst shares one listing); run the planned run now instead of waiting.
        for (let round = 0; round < 3; round++) {
          if ((await runPlannedNow(app.ctx, MATCH_QUEUE)) === 0) break;
          await drain(app.ctx);
        }
        return os.length;
      };
      await send(list(warm));
      const paidBefore = paidVouchers(s.token);
      const linkedBefore = linkedTransactions(s.token);
      const result = await measure(app, sandbox, s, label, () => send(list(warm)));
      const paid = paidVouchers(s.token) - paidBefore;
      const linked = linkedTransactions(s.token) - linkedBefore;
      if (paid < result.documents) {
        notMeasured.push(
          `${label}: only ${paid} of ${result.documents} vouchers were paid in sevDesk — booking is not wired into ` +
            `the transfer/worker yet (${result.calls} calls counted, ${round(result.perDocument, 2)} per document without booking).`,
        );
        return;
      }
      if (bank && linked < result.documents) {
        notMeasured.push(`${label}: only ${linked} of ${result.documents} bank transactions were linked.`);
        return;
      }
      scenarios.push({ ...result, verified: bank ? `${paid} paid, ${linked} transactions linked` : `${paid} paid` });
    };
    await bookingScenario(
      'paid, booked on an offline account',
      (accounts) =>
        accounts.find((a) => a.type === 'offline' && /verrechnung/i.test(a.name))?.id ??
        accounts.find((a) => a.type === 'offline')!.id,
      false,
    );
    await bookingScenario(
      'paid, matched and linked on the bank account',
      (accounts) => accounts.find((a) => /gesch/i.test(a.name))?.id ?? accounts.find((a) => a.type === 'online')!.id,
      true,
    );

    const targets: Record<string, number> = {
      'returning customer, unchanged': 3,
      'paid, booked on an offline account': 4,
      'paid, matched and linked on the bank account': 4,
    };
    return {
      parameters: { documentsPerScenario: n, database: 'SQLite', sandbox: 'in-process', bookkeeping: '2.0, SKR04' },
      metrics: scenarios.map((s) => ({
        label: s.label,
        value: round(s.perDocument, 2),
        unit: 'calls/doc',
        ...(targets[s.label] !== undefined ? { target: { op: '<=' as const, value: targets[s.label]! } } : {}),
        note: `${s.calls} calls for ${s.documents} documents (${s.verified}): ${Object.entries(s.routes)
          .map(([route, count]) => `${route} ×${count}`)
          .join(', ')}`,
      })),
      notMeasured,
      details: scenarios,
    };
  },
};

if (isMain(import.meta.url)) await main(callsPerDocumentBenchmark);
