import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { buildOpenApiDocument } from '../../src/http/openapi/openapi-document.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { signWooBody } from '../../src/integrations/woocommerce/signature.js';
import { createSandbox, type ListeningSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { orderJson, TAX_CASE_ORDERS } from '../documents/order-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testSeller } from '../support/factories.js';
import { insertFinalizedDocument, sampleDocumentData } from '../transfer/harness.js';
import { openApiValidator } from './openapi-validator.js';

// The OpenAPI document is generated from the zod schemas; spec/api.openapi.json is its committed snapshot.
// Run with UPDATE_OPENAPI_SNAPSHOT=1 to rewrite the snapshot after an intended API change.
const SNAPSHOT = 'spec/api.openapi.json';

describe('OpenAPI document', () => {
  it('equals the committed snapshot', () => {
    const current = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI_SNAPSHOT) writeFileSync(SNAPSHOT, current);
    expect(JSON.parse(readFileSync(SNAPSHOT, 'utf8'))).toEqual(JSON.parse(current));
  });
});

// Routes that are not part of the JSON API: the admin UI (HTML, session login) and the docs themselves.
const NOT_API = [/^\/$/, /^\/admin(\/|$)/, /^\/api\/docs(\/|$)/];

/** "METHOD /path/{param}" of every registered route that the document does not describe. */
function undocumentedRoutes(routes: { method: string; path: string }[], doc: ReturnType<typeof documented>) {
  return routes
    .filter((r) => r.method !== 'ALL' && !NOT_API.some((re) => re.test(r.path)))
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    .filter((op) => !doc.has(op));
}

/** "METHOD /path" of every operation in the document. */
function documented(doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> }) {
  return new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
  );
}

describe('OpenAPI document covers the registered routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('describes every registered API route, and nothing that is not registered', () => {
    const routes = app.http.routes.map((r) => ({ method: r.method, path: r.path }));
    const doc = documented();
    expect(undocumentedRoutes(routes, doc)).toEqual([]);
    const registered = new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    expect([...doc].filter((op) => !registered.has(op))).toEqual([]);
    // Sanity: the API really is in hono's list, and a route missing from the document is reported.
    expect(registered.has('PUT /api/v1/shops/{shopId}/sevdesk/connection')).toBe(true);
    expect(
      undocumentedRoutes([...routes, { method: 'POST', path: '/api/v1/shops/:shopId/sevdesk/undocumented' }], doc),
    ).toEqual(['POST /api/v1/shops/{shopId}/sevdesk/undocumented']);
  });

  it('documents a request body for every write that reads one, and the error shape for every failure', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: unknown; responses: Record<string, { content: Record<string, { schema: unknown }> }> }
        >
      >;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400 && !path.startsWith('/readyz'))
            expect(response.content['application/json']?.schema, `${method} ${path} ${status}`).toEqual({
              $ref: '#/components/schemas/Error',
            });
        }
        const bodyless =
          method === 'get' || method === 'delete' || path.endsWith('/finalize') || path.endsWith('/booking/recheck');
        if (!bodyless) expect(op.requestBody, `${method} ${path}`).toBeDefined();
      }
    }
  });
});

describe('API responses match the OpenAPI document', () => {
  let app: TestApp;
  const v = openApiValidator();
  beforeAll(async () => {
    app = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the document and a docs page', async () => {
    const json = await app.call('GET', '/api/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(json.json).toEqual(buildOpenApiDocument());
    const page = await app.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    const html = await page.res.text();
    expect(html).toContain('/api/v1/shops/{shopId}/orders/{externalId}');
    expect(html).toContain('openapi.json');
  });

  it('holds for every endpoint, success and error', async () => {
    const { shop, apiKey, webhookSecret } = await app.createShop({ settings: { documents: { autoFinalize: false } } });
    const s = `/api/v1/shops/${shop.id}`;
    const P = '/api/v1/shops/{shopId}';
    const check = async (method: string, url: string, template: string, opts: Parameters<TestApp['call']>[2] = {}) => {
      const res = await app.call(method, url, { apiKey, ...opts });
      v.check(method, template, res.status, res.json);
      return res;
    };

    // The validator bites: an undocumented shape fails.
    expect(() => v.check('GET', P, 200, { id: 1 })).toThrow(/does not match/);
    expect(() => v.check('GET', `${P}/documents`, 200, { items: [{ id: 'x' }], nextCursor: null })).toThrow(
      /does not match/,
    );
    await check('GET', s, P);
    await check('GET', s, P, { apiKey: 'wrong' });
    await check('PATCH', `${s}/settings`, `${P}/settings`, { body: { tax: { ossRegistered: true } } });
    await check('PATCH', `${s}/settings`, `${P}/settings`, { body: { tax: { ossRegistered: 'yes' } } });
    await check('PUT', `${s}/seller`, `${P}/seller`, { body: testSeller });

    const order = TAX_CASE_ORDERS[0]!.order('1');
    const created = await check('PUT', `${s}/orders/1`, `${P}/orders/{externalId}`, { body: order });
    expect(created.status).toBe(201);
    await check('PUT', `${s}/orders/1`, `${P}/orders/{externalId}`, { body: order });
    await check('PUT', `${s}/orders/2`, `${P}/orders/{externalId}`, { body: { id: '2' } });
    await check('POST', `${s}/orders/1/refunds`, `${P}/orders/{externalId}/refunds`, {
      body: { id: 'r', amount: '1.00' },
    });
    await check('POST', `${s}/orders/9/refunds`, `${P}/orders/{externalId}/refunds`, {
      body: { id: 'r', amount: '1.00' },
    });
    const customer = { billing: { firstName: 'A', lastName: 'B', street: 'S 1', zip: '1', city: 'C', country: 'DE' } };
    await check('PUT', `${s}/customers/c1`, `${P}/customers/{externalId}`, { body: customer });
    await check('DELETE', `${s}/customers/c1`, `${P}/customers/{externalId}`);
    await check('PUT', `${s}/orders/3`, `${P}/orders/{externalId}`, {
      body: orderJson({ id: '3', lines: [{ id: '1', name: 'X', taxRate: '19', net: '1.00', tax: '0.19' }] }),
    });
    await check('DELETE', `${s}/orders/3`, `${P}/orders/{externalId}`);
    await check('DELETE', `${s}/orders/404`, `${P}/orders/{externalId}`);

    const list = await check('GET', `${s}/documents?limit=1`, `${P}/documents`);
    await check('GET', `${s}/documents?limit=1&cursor=${list.json.nextCursor}`, `${P}/documents`);
    await check('GET', `${s}/documents?limit=500`, `${P}/documents`);
    const id = list.json.items[0].id;
    await check('GET', `${s}/documents/${id}`, `${P}/documents/{documentId}`);
    await check('GET', `${s}/documents/doc_nope`, `${P}/documents/{documentId}`);
    const fin = await check('POST', `${s}/documents/${id}/finalize`, `${P}/documents/{documentId}/finalize`);
    expect(fin.status).toBe(200);
    await check('POST', `${s}/documents/${id}/finalize`, `${P}/documents/{documentId}/finalize`);
    const pdf = await app.call('GET', `${s}/documents/${id}/pdf`, { apiKey });
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
    await check('GET', `${s}/documents/${id}/xml`, `${P}/documents/{documentId}/xml`);

    // The webhook is not part of the shop API, but its errors use the same body.
    const body = '{"id":1}';
    const hook = await app.call('POST', `/webhooks/woocommerce/${shop.id}`, {
      body,
      headers: { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-signature': signWooBody(body, webhookSecret) },
    });
    expect(hook.status).toBe(400);
    v.check('GET', P, 401, { error: { code: hook.json.error.code, message: hook.json.error.message } });
  });
});

describe('sevDesk, transfer, booking and accounting responses match the OpenAPI document', () => {
  let app: TestApp;
  let sandbox: Sandbox;
  let server: ListeningSandbox;
  const v = openApiValidator();
  beforeAll(async () => {
    app = await createTestApp('sqlite');
    setSevdeskDeps(app.ctx, { rateLimiter: new TokenBucketRateLimiter(), timeoutMs: 3_000, readRetryBaseMs: 5 });
    sandbox = createSandbox();
    server = await sandbox.listen(0);
  });
  afterAll(async () => {
    await sandbox?.close();
    await app?.close();
  });

  it('holds for every endpoint, success and error', async () => {
    const { shop, apiKey } = await app.createShop({ settings: { booking: { enabled: true } } });
    const s = `/api/v1/shops/${shop.id}`;
    const P = '/api/v1/shops/{shopId}';
    const D = `${P}/documents/{documentId}`;
    const check = async (
      method: string,
      url: string,
      template: string,
      status: number,
      opts: Parameters<TestApp['call']>[2] = {},
    ) => {
      const res = await app.call(method, url, { apiKey, ...opts });
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.json)}`).toBe(status);
      v.check(method, template, res.status, res.json);
      return res;
    };
    const conn = `${P}/sevdesk/connection`;

    // Not connected yet: status, accounts and dry run still answer.
    await check('GET', `${s}/sevdesk/connection`, conn, 200);
    await check('GET', `${s}/accounting/accounts`, `${P}/accounting/accounts`, 200);
    await check('PUT', `${s}/sevdesk/connection`, conn, 400, { body: { token: '' } });
    await check('PUT', `${s}/sevdesk/connection`, conn, 401, { apiKey: 'wrong', body: {} });

    const { token } = sandbox.createAccount();
    const connected = await check('PUT', `${s}/sevdesk/connection`, conn, 200, {
      body: { token, baseUrl: server.apiUrl },
    });
    expect(connected.json.checkAccounts.length).toBeGreaterThan(0);
    await check('GET', `${s}/sevdesk/connection?check=true`, conn, 200);
    await check('PUT', `${s}/sevdesk/activation`, `${P}/sevdesk/activation`, 400, { body: { active: 'ja' } });

    const doc = await insertFinalizedDocument(
      { db: app.db },
      shop.id,
      sampleDocumentData({ issueDate: '2026-03-02', deliveryDate: '2026-03-02' }),
    );
    await check('POST', `${s}/transfers`, `${P}/transfers`, 409, { body: { documentIds: [doc.id] } });
    await check('PUT', `${s}/sevdesk/activation`, `${P}/sevdesk/activation`, 200, { body: { active: true } });
    await check('POST', `${s}/transfers`, `${P}/transfers`, 400, { body: { since: '2026-01-01' } });
    await check('GET', `${s}/documents/${doc.id}/booking`, `${D}/booking`, 200);
    await check('POST', `${s}/documents/${doc.id}/booking/recheck`, `${D}/booking/recheck`, 409);
    await check('POST', `${s}/transfers`, `${P}/transfers`, 202, { body: { documentIds: [doc.id, 'doc_missing'] } });
    await check('GET', `${s}/documents/${doc.id}/dry-run`, `${D}/dry-run`, 200);

    const [job] = await app.ctx.queue.list({ queue: TRANSFER_QUEUE, shopId: shop.id });
    expect((await runTransfer(app.ctx, String(job!.payload.transferId), { reason: 'manual' }))?.state).toBe(
      'transferred',
    );
    const list = await check('GET', `${s}/transfers?state=transferred&limit=5`, `${P}/transfers`, 200);
    expect(list.json.transfers).toHaveLength(1);
    await check('GET', `${s}/transfers?state=bogus`, `${P}/transfers`, 400);
    const log = await check('GET', `${s}/documents/${doc.id}/transfer-log`, `${D}/transfer-log`, 200);
    expect(log.json.attempts.length).toBeGreaterThan(0);
    await check('GET', `${s}/documents/${doc.id}/transfer-log?limit=0`, `${D}/transfer-log`, 400);
    await check('GET', `${s}/documents/doc_nope/transfer-log`, `${D}/transfer-log`, 404);
    await check('GET', `${s}/documents/${doc.id}/dry-run`, `${D}/dry-run`, 200);

    await check('GET', `${s}/documents/${doc.id}/booking`, `${D}/booking`, 200);
    const bookings = await check('GET', `${s}/bookings?limit=10`, `${P}/bookings`, 200);
    expect(bookings.json.items.map((b: { documentId: string }) => b.documentId)).toEqual([doc.id]);
    await check('GET', `${s}/bookings?state=bogus`, `${P}/bookings`, 400);
    await check('POST', `${s}/documents/${doc.id}/booking/recheck`, `${D}/booking/recheck`, 202);
    await check('GET', `${s}/booking/payment-methods`, `${P}/booking/payment-methods`, 200);
    await check('POST', `${s}/documents/${doc.id}/booking/link`, `${D}/booking/link`, 400, {
      body: { transactionId: 'abc' },
    });
    await check('POST', `${s}/documents/${doc.id}/booking/manual`, `${D}/booking/manual`, 400, {
      body: { date: '01.03.2026' },
    });
    await check('POST', `${s}/documents/${doc.id}/booking/manual`, `${D}/booking/manual`, 409);

    await check('GET', `${s}/accounting`, `${P}/accounting`, 200);
    await check('GET', `${s}/accounting/accounts`, `${P}/accounting/accounts`, 200);
    const put = await check('PUT', `${s}/accounting`, `${P}/accounting`, 200, {
      body: { dryRun: true, contacts: { guests: 'collective' } },
    });
    expect(put.json.settings).toMatchObject({ dryRun: true, contacts: { guests: 'collective' } });
    await check('PUT', `${s}/accounting`, `${P}/accounting`, 400, { body: { dryRun: 'yes' } });

    await check('DELETE', `${s}/sevdesk/connection`, conn, 200);
    await check('GET', `${s}/sevdesk/connection`, conn, 200);

    // Operations endpoints carry no API key and are documented too.
    for (const [path, status] of [
      ['/healthz', 200],
      ['/readyz', 200],
    ] as const) {
      const res = await app.call('GET', path);
      v.check('GET', path, status, res.json);
    }
  });
});
