// Hostile input: at least 10,000 malformed or hostile webhook and API requests against `belegfluss serve`; counts
// of 4xx and 5xx answers (5xx must be 0) and of half-written records (must be 0): rows that appeared without an
// accepted request, and documents in an inconsistent state.
//
//   npx tsx bench/hostile-input.ts [--smoke]
import http from 'node:http';
import type { AppContext } from '../src/app/context.js';
import { createBenchShop, newDeployment, openInProcess, startServe } from './lib/belegfluss.js';
import { freshDatabase } from './lib/databases.js';
import { deliver } from './lib/http-client.js';
import { type HostileRequest, hostileRequest, TEMPLATES } from './lib/hostile-requests.js';
import { type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { round } from './lib/stats.js';
import { signedWebhook, wooOrder } from './lib/woo-orders.js';

const TABLES = [
  'orders',
  'documents',
  'customers',
  'document_files',
  'document_search_terms',
  'transfers',
  'jobs',
  'shops',
  'webhook_deliveries',
] as const;

interface Answer {
  status: number | null;
  body: string;
  error?: string;
}

const guarded = new WeakSet<object>();

function send(agent: http.Agent, origin: URL, req: HostileRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const headers = { ...req.headers };
    if (req.body && !req.chunked) headers['content-length'] = String(req.body.length);
    const r = http.request(
      // Bodies the server may refuse before reading them go on their own connection (no pooled half-written socket).
      {
        agent: req.chunked || (req.body?.length ?? 0) > 512_000 ? false : agent,
        hostname: origin.hostname,
        port: origin.port,
        method: req.method,
        path: req.path,
        headers,
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }),
        );
        res.on('error', (e) => resolve({ status: res.statusCode ?? null, body: '', error: e.message }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    // The server may answer (413, 431) and close while we are still writing: EPIPE/ECONNRESET on the socket.
    r.on('socket', (socket) => {
      if (guarded.has(socket)) return;
      guarded.add(socket);
      socket.on('error', () => {});
    });
    r.on('error', (e) => resolve({ status: null, body: '', error: (e as NodeJS.ErrnoException).code ?? e.message }));
    if (req.body) {
      if (req.chunked) for (let o = 0; o < req.body.length; o += 65_536) r.write(req.body.subarray(o, o + 65_536));
      else r.write(req.body);
    }
    r.end();
  });
}

async function counts(app: AppContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await app.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Documents whose state contradicts itself; an empty list is the goal. */
async function inconsistentDocuments(app: AppContext): Promise<string[]> {
  const problems: string[] = [];
  const docs = await app.db
    .selectFrom('documents')
    .select(['id', 'type', 'status', 'number', 'issue_date', 'cancels_document_id', 'order_id'])
    .execute();
  const files = new Set(
    (await app.db.selectFrom('document_files').select('document_id').where('kind', '=', 'pdf').execute()).map(
      (f) => f.document_id,
    ),
  );
  const terms = new Set(
    (await app.db.selectFrom('document_search_terms').select('document_id').distinct().execute()).map(
      (t) => t.document_id,
    ),
  );
  const transfers = new Set(
    (await app.db.selectFrom('transfers').select('document_id').execute()).map((t) => t.document_id),
  );
  const orders = new Set((await app.db.selectFrom('orders').select('id').execute()).map((o) => o.id));
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const d of docs) {
    if (!orders.has(d.order_id)) problems.push(`${d.id}: order missing`);
    if (d.status === 'finalized') {
      if (!d.number || !d.issue_date) problems.push(`${d.id}: finalized without number/date`);
      if (!files.has(d.id)) problems.push(`${d.id}: finalized without PDF`);
      if (!terms.has(d.id)) problems.push(`${d.id}: finalized without search terms`);
      if (!transfers.has(d.id)) problems.push(`${d.id}: finalized without transfer (interface active)`);
    } else if (d.number || files.has(d.id)) problems.push(`${d.id}: draft with number or file`);
    if (d.type === 'cancellation') {
      const inv = d.cancels_document_id ? byId.get(d.cancels_document_id) : undefined;
      if (inv?.type !== 'invoice' || inv.status !== 'finalized')
        problems.push(`${d.id}: cancellation without finalized invoice`);
    }
  }
  return problems;
}

export const hostileInputBenchmark: BenchmarkDefinition = {
  name: 'hostile-input',
  title: 'Hostile input',
  description:
    `${TEMPLATES.length} kinds of malformed or hostile requests, varied per request, sent round-robin by 8 keep-alive ` +
    'connections to `belegfluss serve --no-worker` (SQLite; one shop with an active interface and a few real ' +
    'documents): webhooks without, with wrong, foreign, malformed or stale signatures, to unknown or odd shop ids, ' +
    'with invalid JSON, invalid UTF-8, wrong types, huge numbers, 50,000-deep nesting, bodies of 1–8 MB (also chunked), ' +
    'wrong content types, `__proto__` / `constructor.prototype` keys, unknown topics, wrong methods, 40 KB headers; API ' +
    'requests without or with wrong keys, for other shops, with invalid list queries, invalid orders, refunds, ' +
    'settings, seller profiles and customers, unknown documents and files. Row counts of every table are compared ' +
    'before and after; new rows must come from accepted (2xx) requests; every document must be consistent ' +
    '(finalized ⇒ number, date, PDF, search terms, transfer; drafts without number; cancellations of finalized ' +
    'invoices). Finally a valid webhook must still be processed normally.',
  async run(ctx) {
    const total = ctx.smoke ? 400 : 10_400;
    const db = (await freshDatabase(ctx, 'sqlite', 'hostile'))!;
    const deployment = newDeployment(ctx, db.url);
    const app = await openInProcess(ctx, deployment);
    const { shop, webhookSecret, apiKey } = await createBenchShop(app.ctx, 'Hostile', { sevdesk: { active: true } });
    const server = await startServe(ctx, deployment, { worker: false });
    const origin = new URL(server.url);

    const post = async (id: number) => {
      const hook = signedWebhook(
        shop.id,
        webhookSecret,
        'order.created',
        wooOrder({ id, customerId: id % 3 }),
        `seed-${id}`,
      );
      const res = await deliver(server.url, hook);
      const text = res.text;
      if (res.status !== 200 || !text.includes('"finalized"'))
        throw new Error(`valid webhook answered ${res.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as { documents: { id: string }[] };
    };
    let documentId = '';
    for (let i = 1; i <= 5; i++) documentId = (await post(i)).documents[0]!.id;

    const before = await counts(app.ctx);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const target = { shopId: shop.id, secret: webhookSecret, apiKey, documentId, orderExternalId: '1' };
    const byCategory = new Map<
      string,
      { total: number; s2xx: number; s4xx: number; s5xx: number; network: number; statuses: Record<string, number> }
    >();
    const accepted = new Set<string>();
    const samples5xx: string[] = [];
    let next = 0;
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const req = hostileRequest(next++, target);
          const answer = await send(agent, origin, req);
          const c = byCategory.get(req.category) ?? { total: 0, s2xx: 0, s4xx: 0, s5xx: 0, network: 0, statuses: {} };
          c.total++;
          const key = answer.status === null ? `error:${answer.error}` : String(answer.status);
          c.statuses[key] = (c.statuses[key] ?? 0) + 1;
          if (answer.status === null) c.network++;
          else if (answer.status >= 500) {
            c.s5xx++;
            if (samples5xx.length < 10)
              samples5xx.push(
                `${req.category} ${req.method} ${req.path.slice(0, 80)} → ${answer.status} ${answer.body.slice(0, 200)}`,
              );
          } else if (answer.status >= 400) c.s4xx++;
          else {
            c.s2xx++;
            for (const m of answer.body.matchAll(/"(?:orderId|customerId|id)":"((?:ord|cus|doc)_[0-9A-Z]+)"/g))
              accepted.add(m[1]!);
          }
          byCategory.set(req.category, c);
        }
      }),
    );
    const elapsedS = (performance.now() - t0) / 1000;
    agent.destroy();

    const after = await counts(app.ctx);
    const newRows = async (table: 'orders' | 'documents' | 'customers') =>
      (await app.ctx.db.selectFrom(table).select('id').where('created_at', '>=', startedAt).execute()).map((r) => r.id);
    const unaccounted = [...(await newRows('orders')), ...(await newRows('customers'))].filter(
      (id) => !accepted.has(id),
    );
    const newDocs = await app.ctx.db
      .selectFrom('documents')
      .select(['id', 'order_id'])
      .where('created_at', '>=', startedAt)
      .execute();
    const strayDocs = newDocs.filter((d) => !accepted.has(d.order_id) && !accepted.has(d.id)).map((d) => d.id);
    const inconsistent = await inconsistentDocuments(app.ctx);
    const halfWritten = unaccounted.length + strayDocs.length + inconsistent.length;

    // Still healthy afterwards: a valid delivery is processed as usual.
    const control = await post(9_999_999);
    const totals = [...byCategory.values()].reduce(
      (s, c) => ({
        s2xx: s.s2xx + c.s2xx,
        s4xx: s.s4xx + c.s4xx,
        s5xx: s.s5xx + c.s5xx,
        network: s.network + c.network,
      }),
      { s2xx: 0, s4xx: 0, s5xx: 0, network: 0 },
    );
    // What the server logged about each 5xx (found by the request id in the answer).
    const serverErrors = samples5xx.map((sample) => {
      const id = sample.match(/"requestId":"([^"]+)"/)?.[1];
      const line = id
        ? server.child
            .stdout()
            .split('\n')
            .find((l) => l.includes(id))
        : undefined;
      return line ? line.slice(0, 2000) : `(no log line for ${id ?? 'an answer without request id'})`;
    });
    await server.child.stop();
    const sent = [...byCategory.values()].reduce((s, c) => s + c.total, 0);
    const deltas = Object.fromEntries(TABLES.map((t) => [t, after[t]! - before[t]!]));
    return {
      parameters: {
        requests: total,
        kinds: TEMPLATES.length,
        connections: 8,
        database: 'SQLite',
        bodyLimit: '1 MiB (default)',
      },
      metrics: [
        {
          label: 'hostile requests sent',
          value: sent,
          unit: '',
          target: { op: '>=', value: ctx.smoke ? 400 : 10_000 },
          note: `in ${round(elapsedS, 1)} s`,
        },
        {
          label: 'answered 4xx',
          value: totals.s4xx,
          unit: '',
          note: `${totals.s2xx} accepted with 2xx (hostile but valid, e.g. extra keys the WooCommerce schema ignores); ${totals.network} connections closed without an answer`,
        },
        {
          label: 'answered 5xx',
          value: totals.s5xx,
          unit: '',
          target: { op: '==', value: 0 },
          ...(samples5xx.length ? { note: samples5xx.slice(0, 3).join(' | ') } : {}),
        },
        {
          label: 'half-written records',
          value: halfWritten,
          unit: '',
          target: { op: '==', value: 0 },
          note: `row deltas ${JSON.stringify(deltas)}; ${unaccounted.length} orders/customers without an accepted request, ${strayDocs.length} stray documents, ${inconsistent.length} inconsistent documents${inconsistent.length ? `: ${inconsistent.slice(0, 3).join('; ')}` : ''}`,
        },
        {
          label: 'valid webhook afterwards processed',
          value: control.documents.length > 0 ? 1 : 0,
          unit: '',
          target: { op: '==', value: 1 },
        },
      ],
      details: {
        byCategory: Object.fromEntries(byCategory),
        deltas,
        samples5xx,
        serverErrors,
        unaccounted,
        strayDocs,
        inconsistent: inconsistent.slice(0, 50),
      },
    };
  },
};

if (isMain(import.meta.url)) await main(hostileInputBenchmark);
