import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/http/openapi/openapi-document.js';
import { signWooBody } from '../../src/integrations/woocommerce/signature.js';
import { orderJson, TAX_CASE_ORDERS } from '../documents/order-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testSeller } from '../support/factories.js';
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
