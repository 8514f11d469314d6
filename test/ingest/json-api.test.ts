import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOrder } from '../../src/app/ingest/ingest-order.js';
import { rotateApiKey } from '../../src/app/shops/rotate-shop-secrets.js';
import { findOrderByExternalId } from '../../src/db/repos/orders.repo.js';
import { parseOrderInput } from '../../src/domain/orders/order-from-input.js';
import type { NormalizedOrder } from '../../src/domain/orders/order.js';
import { orderJson, TAX_CASE_ORDERS } from '../documents/order-fixtures.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { counts } from './woo-helpers.js';

const domestic = TAX_CASE_ORDERS[0]!.order;
type OrderBody = { lines: Record<string, unknown>[]; refunds?: unknown[] };

function normalized(json: Record<string, unknown>): NormalizedOrder {
  const parsed = parseOrderInput(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const customer = {
  email: 'erika@example.com',
  company: 'Beispiel GmbH',
  vatId: 'DE123456789',
  billing: {
    firstName: 'Erika',
    lastName: 'Beispiel',
    street: 'Allee 3',
    zip: '20095',
    city: 'Hamburg',
    country: 'de',
  },
};

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`JSON API ingestion (${engine})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(engine, { config: { bodyLimitBytes: 64 * 1024 } });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('authenticates by the shop API key (Bearer or X-Api-Key); a key opens only its own shop', async () => {
      const a = await app.createShop();
      const b = await app.createShop();
      const path = `/api/v1/shops/${a.shop.id}/orders/1`;
      expect((await app.call('PUT', path, { body: domestic('1') })).status).toBe(401);
      const wrong = await app.call('PUT', path, { body: domestic('1'), apiKey: 'bfk_nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect((await app.call('PUT', path, { body: domestic('1'), apiKey: b.apiKey })).status).toBe(404);
      const viaHeader = await app.call('GET', `/api/v1/shops/${a.shop.id}`, { headers: { 'x-api-key': a.apiKey } });
      expect(viaHeader.status).toBe(200);
      // Secrets never come back.
      const text = JSON.stringify(viaHeader.json);
      expect(text).not.toContain(a.apiKey);
      expect(text).not.toContain(a.webhookSecret);
      expect(viaHeader.json.wooCommerce).toEqual({
        url: null,
        webhookUrl: `/webhooks/woocommerce/${a.shop.id}`,
        hasWebhookSecret: true,
      });
      // A rotated key replaces the old one at once.
      const { apiKey } = await rotateApiKey(app.ctx, a.shop.id);
      expect((await app.call('GET', `/api/v1/shops/${a.shop.id}`, { apiKey: a.apiKey })).status).toBe(401);
      expect((await app.call('GET', `/api/v1/shops/${a.shop.id}`, { apiKey })).status).toBe(200);
    });

    it('rejects malformed orders with 400 and every field path, storing nothing', async () => {
      const { shop, apiKey } = await app.createShop();
      const base = `/api/v1/shops/${shop.id}/orders`;
      const bad = domestic('2') as Record<string, any>;
      bad.lines[0].taxRate = 'nineteen';
      bad.totals.total = '12,00';
      delete bad.customer.billing.country;
      const res = await app.call('PUT', `${base}/2`, { apiKey, body: bad });
      expect(res.status).toBe(400);
      expect(res.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        'customer.billing.country',
        'lines.0.taxRate',
        'totals.total',
      ]);
      const cents = domestic('2') as Record<string, any>;
      cents.lines[0].net = '33.601';
      expect((await app.call('PUT', `${base}/2`, { apiKey, body: cents })).json.error.issues[0].path).toBe(
        'lines.0.net',
      );
      const mismatch = await app.call('PUT', `${base}/3`, { apiKey, body: domestic('2') });
      expect(mismatch.json.error.issues).toEqual([{ path: 'id', message: 'must equal the id in the URL (3)' }]);
      expect((await app.call('PUT', `${base}/2`, { apiKey, body: '{"id":' })).status).toBe(400);
      expect((await app.call('PUT', `${base}/2`, { apiKey, body: '[]' })).status).toBe(400);
      const notUtf8 = await app.call('PUT', `${base}/2`, { apiKey, body: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) });
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.json.error.message).toMatch(/UTF-8/);
      const form = await app.call('PUT', `${base}/2`, {
        apiKey,
        body: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(400);
      const big = { ...domestic('2'), number: 'x'.repeat(70 * 1024) };
      expect((await app.call('PUT', `${base}/2`, { apiKey, body: big })).status).toBe(413);
      expect(await counts(app, shop.id)).toMatchObject({ orders: 0, documents: 0 });
    });

    it('upserts by external id and ignores requests older than the stored modification time', async () => {
      const { shop, apiKey } = await app.createShop();
      const path = `/api/v1/shops/${shop.id}/orders/4`;
      const at = (iso: string) => ({ 'x-shop-modified-at': iso });
      const created = await app.call('PUT', path, { apiKey, body: domestic('4'), headers: at('2026-11-20T10:00:00Z') });
      expect(created.status).toBe(201);
      const same = await app.call('PUT', path, { apiKey, body: domestic('4'), headers: at('2026-11-20T10:00:00Z') });
      expect(same.json).toMatchObject({ outcome: 'unchanged', documents: [] });
      const older = await app.call('PUT', path, {
        apiKey,
        body: { ...domestic('4'), status: 'cancelled' },
        headers: at('2026-11-20T09:00:00+00:00'),
      });
      expect(older.status).toBe(200);
      expect(older.json.outcome).toBe('stale');
      expect((await findOrderByExternalId(app.ctx.db, shop.id, '4'))!.status).toBe('processing');
      const invalid = await app.call('PUT', path, { apiKey, body: domestic('4'), headers: at('yesterday') });
      expect(invalid.status).toBe(400);
      expect(await counts(app, shop.id)).toMatchObject({ orders: 1, documents: 1 });
    });

    it('takes refunds for stored orders only, validated against the order', async () => {
      const { shop, apiKey } = await app.createShop();
      const base = `/api/v1/shops/${shop.id}/orders`;
      expect(
        (await app.call('POST', `${base}/nope/refunds`, { apiKey, body: { id: 'x', amount: '1.00' } })).status,
      ).toBe(404);
      await app.call('PUT', `${base}/5`, { apiKey, body: domestic('5') });
      const bad = await app.call('POST', `${base}/5/refunds`, {
        apiKey,
        body: { id: 'r1', amount: '1.00', lines: [{ lineId: '99', gross: '1.00' }] },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['lines.0.lineId']);
      expect(
        (await app.call('POST', `${base}/5/refunds`, { apiKey, body: { id: 'r1' } })).json.error.issues[0].path,
      ).toBe('amount');
      const ok = await app.call('POST', `${base}/5/refunds`, { apiKey, body: { id: 'r1', amount: '2.50' } });
      expect(ok.status).toBe(201);
      const dup = await app.call('POST', `${base}/5/refunds`, { apiKey, body: { id: 'r1', amount: '2.50' } });
      expect(dup.json).toMatchObject({ outcome: 'unchanged', documents: [] });
      // A later order snapshot without the refund keeps it (its cancellation is issued).
      const update = await app.call('PUT', `${base}/5`, { apiKey, body: { ...domestic('5'), status: 'completed' } });
      expect(update.json.outcome).toBe('updated');
      expect((await findOrderByExternalId(app.ctx.db, shop.id, '5'))!.data.refunds.map((r) => r.refundId)).toEqual([
        'r1',
      ]);
    });

    it('stores customers, deletes them softly, and orders too', async () => {
      const { shop, apiKey } = await app.createShop();
      const path = `/api/v1/shops/${shop.id}/customers/c-1`;
      const created = await app.call('PUT', path, { apiKey, body: customer });
      expect(created.status).toBe(201);
      expect((await app.call('PUT', path, { apiKey, body: customer })).json.outcome).toBe('unchanged');
      const changed = await app.call('PUT', path, { apiKey, body: { ...customer, email: 'neu@example.com' } });
      expect(changed.json.outcome).toBe('updated');
      const row = await app.ctx.db
        .selectFrom('customers')
        .selectAll()
        .where('shop_id', '=', shop.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.data)).toMatchObject({
        customerId: 'c-1',
        email: 'neu@example.com',
        billing: { country: 'DE' },
      });
      const bad = await app.call('PUT', path, { apiKey, body: { ...customer, email: 'not-an-email', id: 'other' } });
      expect(bad.status).toBe(400);
      expect((await app.call('DELETE', path, { apiKey })).json.outcome).toBe('deleted');
      expect((await app.call('DELETE', path, { apiKey })).json.outcome).toBe('unchanged');
      expect((await app.call('DELETE', `/api/v1/shops/${shop.id}/customers/nobody`, { apiKey })).status).toBe(404);

      await app.call('PUT', `/api/v1/shops/${shop.id}/orders/6`, { apiKey, body: domestic('6') });
      expect((await app.call('DELETE', `/api/v1/shops/${shop.id}/orders/6`, { apiKey })).json.outcome).toBe('deleted');
      expect((await app.call('DELETE', `/api/v1/shops/${shop.id}/orders/7`, { apiKey })).status).toBe(404);
      expect(await counts(app, shop.id)).toMatchObject({ orders: 1, documents: 1, customers: 1 });
    });

    it('stores impossible data as received, flagged with reasons, and never finalizes it', async () => {
      const { shop } = await app.createShop();
      const noCurrency = { ...normalized(domestic('8')), currency: '' };
      const r1 = await ingestOrder(app.ctx, shop, { order: noCurrency });
      expect(r1.documents).toEqual([]);
      expect(r1.attention.join(' ')).toMatch(/no currency/);
      expect((await findOrderByExternalId(app.ctx.db, shop.id, '8'))!.attention).toEqual(r1.attention);

      const negative = normalized(domestic('9'));
      negative.lines[0] = { ...negative.lines[0]!, quantity: '-2' };
      const r2 = await ingestOrder(app.ctx, shop, { order: negative });
      expect(r2.attention.join(' ')).toMatch(/negative quantity \(-2\) but the order has no refund/);
      expect(r2.documents).toEqual([expect.objectContaining({ type: 'invoice', action: 'created' })]);

      const foreignRate = normalized(
        orderJson({ id: '10', lines: [{ id: '1', name: 'X', taxRate: '20', net: '10.00', tax: '2.00' }] }),
      );
      const r3 = await ingestOrder(app.ctx, shop, { order: foreignRate });
      expect(r3.attention.join(' ')).toMatch(/VAT rate 20% does not exist in Germany/);
      expect(r3.documents).toEqual([expect.objectContaining({ type: 'invoice', action: 'created' })]);
      const drafts = await app.ctx.db
        .selectFrom('documents')
        .select(['status', 'needs_attention'])
        .where('shop_id', '=', shop.id)
        .execute();
      expect(drafts).toEqual([
        { status: 'draft', needs_attention: 1 },
        { status: 'draft', needs_attention: 1 },
      ]);
    });

    it("answers 400 naming the path for a quantity outside the documents' bounds (those of WooCommerce input)", async () => {
      const { shop, apiKey } = await app.createShop();
      const path = `/api/v1/shops/${shop.id}/orders/20`;
      const cases: [unknown, string][] = [
        [2_000_000, '2000000 is more than 1,000,000 units'],
        [1e9, '1000000000 is more than 1,000,000 units'],
        ['1000000.5', '1000000.5 is more than 1,000,000 units'],
        ['999999999', '999999999 is more than 1,000,000 units'],
        [0.00001, '0.00001 has more than 4 decimals'],
        ['2.123456', '2.123456 has more than 4 decimals'],
        [0.1 + 0.2, '0.30000000000000004 has more than 4 decimals'],
        ['1e3', '1e3 is not a plain decimal number'],
        ['0', 'Expected a positive decimal like "2" or "0.5"'],
      ];
      for (const [quantity, message] of cases) {
        const body = domestic('20') as OrderBody;
        body.lines[0]!.quantity = quantity;
        const res = await app.call('PUT', path, { apiKey, body });
        expect(res.status, String(quantity)).toBe(400);
        expect(res.json.error.issues, String(quantity)).toEqual([{ path: 'lines.0.quantity', message }]);
      }
      const refunded = domestic('20') as OrderBody;
      refunded.refunds = [{ id: 'r1', amount: '1.00', lines: [{ lineId: '1', quantity: 0.12345, gross: '1.00' }] }];
      expect((await app.call('PUT', path, { apiKey, body: refunded })).json.error.issues).toEqual([
        { path: 'refunds.0.lines.0.quantity', message: '0.12345 has more than 4 decimals' },
      ]);
      expect(await counts(app, shop.id)).toMatchObject({ orders: 0 });

      // The bounds themselves pass, and a separate refund is checked alike.
      const atBound = domestic('20') as OrderBody;
      atBound.lines[0]!.quantity = '1000000';
      atBound.lines[1]!.quantity = 0.0001;
      const ok = await app.call('PUT', path, { apiKey, body: atBound });
      expect(ok.status, JSON.stringify(ok.json)).toBe(201);
      const stored = await findOrderByExternalId(app.ctx.db, shop.id, '20');
      expect(stored!.data.lines.map((l) => l.quantity)).toEqual(['1000000', '0.0001', '1']);
      const refund = await app.call('POST', `${path}/refunds`, {
        apiKey,
        body: { id: 'r2', amount: '1.00', lines: [{ lineId: '2', quantity: 1_000_001, gross: '1.00' }] },
      });
      expect(refund.status).toBe(400);
      expect(refund.json.error.issues).toEqual([
        { path: 'lines.0.quantity', message: '1000001 is more than 1,000,000 units' },
      ]);
    });

    it('refuses to finalize a draft whose quantity cannot be printed (stored before quantities were checked)', async () => {
      const { shop, apiKey } = await app.createShop();
      // As an order stored before the checks could hold it: the builder reads exponent notation, a reader does not.
      const old = normalized(domestic('21'));
      old.lines[0] = { ...old.lines[0]!, quantity: '1e+308' };
      const r = await ingestOrder(app.ctx, shop, { order: old });
      const reason = 'Line 1 "Kaffeetasse" has an unusable quantity: 1e+308 is not a plain decimal number.';
      expect(r.documents).toEqual([expect.objectContaining({ type: 'invoice', action: 'created' })]);
      expect(r.attention).toContain(reason);
      const invoice = r.documents[0]!;
      const draft = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${invoice.id}`, { apiKey })).json;
      expect(draft).toMatchObject({ status: 'draft', needsAttention: true });
      expect(draft.attentionReasons).toContain(reason);

      // A person may finalize despite attention reasons, but not this: the PDF would print a quantity it has not.
      const res = await app.call('POST', `/api/v1/shops/${shop.id}/documents/${invoice.id}/finalize`, { apiKey });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('quantity_unusable');
      expect(res.json.error.issues).toEqual([{ path: 'lines.0.quantity', message: reason }]);
      const after = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${invoice.id}`, { apiKey })).json;
      expect(after.status).toBe('draft');
    });

    it('validates settings changes as a whole and names the failing field', async () => {
      const { shop, apiKey } = await app.createShop();
      const path = `/api/v1/shops/${shop.id}/settings`;
      const bad = await app.call('PATCH', path, {
        apiKey,
        body: { documents: { autoFinalize: 'yes' }, numbering: { invoice: 'RE-{YYYY}-{seq}-{seq}' }, typo: 1 },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        '(root)',
        'documents.autoFinalize',
      ]);
      const seq = await app.call('PATCH', path, { apiKey, body: { numbering: { invoice: 'RE-{YYYY}-{seq}-{seq}' } } });
      expect(seq.json.error.issues).toEqual([
        { path: 'numbering.invoice', message: 'The number format must contain {seq} (or {seq:N}) exactly once.' },
      ]);
      const ok = await app.call('PATCH', path, {
        apiKey,
        body: { documents: { autoFinalize: false }, numbering: { invoice: 'R{YY}{MM}-{seq:4}' } },
      });
      expect(ok.status).toBe(200);
      expect(ok.json.settings.documents).toMatchObject({
        invoiceOnStatuses: ['processing', 'completed'],
        autoFinalize: false,
        cancelOnStatuses: ['cancelled', 'refunded'],
      });
      const seller = await app.call('PUT', `/api/v1/shops/${shop.id}/seller`, { apiKey, body: { legalName: '' } });
      expect(seller.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['address', 'legalName']);
    });
  });
}
