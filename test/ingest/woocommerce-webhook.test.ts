import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupWebhookDeliveries } from '../../src/app/ingest/cleanup-webhook-deliveries.js';
import { configureWooCommerce } from '../../src/app/shops/configure-woocommerce.js';
import { CUSTOMER_SYNC_QUEUE } from '../../src/app/transfer/queues.js';
import { findOrderByExternalId } from '../../src/db/repos/orders.repo.js';
import { MAX_STORED_BODY_CHARS } from '../../src/db/repos/webhook-deliveries.repo.js';
import { parseMinor } from '../../src/domain/money/minor.js';
import { wooFixtures } from '../../src/integrations/woocommerce/fixtures.js';
import { newId } from '../../src/lib/ids.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { type FakeWooCommerce, startFakeWooCommerce } from '../support/fake-woocommerce.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { counts, deliver } from './woo-helpers.js';

type WooOrderJson = Record<string, any>;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`WooCommerce webhooks (${engine})`, () => {
    let app: TestApp;
    let fake: FakeWooCommerce;
    beforeAll(async () => {
      app = await createTestApp(engine, { config: { bodyLimitBytes: 256 * 1024 } });
      fake = await startFakeWooCommerce({
        refunds: {
          '727': [
            wooFixtures.refunds.withLines() as Record<string, unknown>,
            wooFixtures.refunds.amountOnly() as Record<string, unknown>,
          ],
        },
      });
    });
    afterAll(async () => {
      await fake?.close();
      await app?.close();
    });

    const fixtureSettings: Record<string, object> = { ossFr: { tax: { ossRegistered: true } } };

    for (const name of Object.keys(wooFixtures.orders) as (keyof typeof wooFixtures.orders)[]) {
      it(`accepts the ${name} order through a correctly signed webhook and rejects it with a wrong signature`, async () => {
        const { shop, webhookSecret, apiKey } = await app.createShop({
          settings: (fixtureSettings[name] ?? {}) as never,
        });
        const order = wooFixtures.orders[name]() as WooOrderJson;
        const wrong = await deliver(app, shop.id, 'not-the-secret', { topic: 'order.created', body: order });
        expect(wrong.status).toBe(401);
        expect(await counts(app, shop.id)).toEqual({ orders: 0, documents: 0, customers: 0, deliveries: 0 });

        const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(res.json).toMatchObject({ topic: 'order.created', outcome: 'created' });
        const stored = await findOrderByExternalId(app.ctx.db, shop.id, String(order.id));
        expect(stored).toMatchObject({ number: String(order.number), status: order.status, currency: order.currency });
        expect(stored!.data.customer.customerId).toBe(order.customer_id ? String(order.customer_id) : null);

        const invoiced = ['processing', 'completed'].includes(order.status);
        const invoice = res.json.documents.find((d: { type: string }) => d.type === 'invoice');
        expect(Boolean(invoice)).toBe(invoiced);
        if (!invoiced) return;
        const doc = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${invoice.id}`, { apiKey })).json;
        if (name === 'roundAtSubtotal') {
          // Rounding at subtotal is a shop setting WooCommerce does not send; until it is configured the cent is flagged.
          expect(doc.status).toBe('draft');
          expect(res.json.attention.join(' ')).toMatch(/differ from the shop's by 0.01/);
          return;
        }
        expect(res.json.attention).toEqual([]);
        expect(doc).toMatchObject({ status: 'finalized', currency: order.currency, attentionReasons: [] });
        expect(doc.totals.gross).toBe(parseMinor(order.total, order.currency));
        expect(doc.totals.tax).toBe(parseMinor(order.total_tax, order.currency));
        expect(doc.files.map((f: { kind: string }) => f.kind)).toContain('pdf');
      });
    }

    it('treats redeliveries as no-ops: same delivery id, or same order and modification date', async () => {
      const { shop, webhookSecret } = await app.createShop();
      const order = wooFixtures.orders.guest() as WooOrderJson;
      const first = await deliver(app, shop.id, webhookSecret, {
        topic: 'order.updated',
        body: order,
        deliveryId: 'same-1',
      });
      expect(first.json.outcome).toBe('created');
      const before = await counts(app, shop.id);
      const again = await deliver(app, shop.id, webhookSecret, {
        topic: 'order.updated',
        body: order,
        deliveryId: 'same-1',
      });
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ duplicate: true, reason: 'delivery' });
      const sameDate = await deliver(app, shop.id, webhookSecret, {
        topic: 'order.updated',
        body: order,
        deliveryId: 'other-2',
      });
      expect(sameDate.json).toEqual({ duplicate: true, reason: 'unchanged' });
      const older = { ...order, status: 'processing', date_modified_gmt: '2020-01-01T00:00:00' };
      const stale = await deliver(app, shop.id, webhookSecret, { topic: 'order.updated', body: older });
      expect(stale.json).toEqual({ duplicate: true, reason: 'stale' });
      const after = await counts(app, shop.id);
      expect({ ...after, deliveries: 0 }).toEqual({ ...before, deliveries: 0 });
      expect((await findOrderByExternalId(app.ctx.db, shop.id, String(order.id)))!.status).toBe('completed');
    });

    it('answers the creation ping with 200, signed or not', async () => {
      const { shop, webhookSecret } = await app.createShop();
      const ping = { body: 'webhook_id=17', contentType: 'application/x-www-form-urlencoded' };
      expect((await deliver(app, shop.id, webhookSecret, { ...ping, signature: null })).json).toEqual({ ping: true });
      expect((await deliver(app, shop.id, webhookSecret, ping)).status).toBe(200);
      expect((await deliver(app, shop.id, webhookSecret, { ...ping, signature: 'bogus' })).status).toBe(200);
    });

    it('rejects bad input with 400 and field paths, storing nothing but the delivery log', async () => {
      const { shop, webhookSecret } = await app.createShop();
      const order = wooFixtures.orders.guest() as WooOrderJson;
      delete order.line_items;
      order.currency = 'euro';
      const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order });
      expect(res.status).toBe(400);
      expect(res.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['currency', 'line_items']);
      const badLine = wooFixtures.orders.guest() as WooOrderJson;
      badLine.line_items[0].quantity = 'two';
      const res2 = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: badLine });
      expect(res2.json.error.issues[0].path).toBe('line_items.0.quantity');
      expect((await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: '{"id": 1,' })).status).toBe(
        400,
      );
      const notUtf8 = new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0xff, 0xfe, 0x7d]);
      const utf = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: notUtf8 });
      expect(utf.status).toBe(400);
      expect(utf.json.error.message).toMatch(/UTF-8/);
      const topic = await deliver(app, shop.id, webhookSecret, { topic: 'product.updated', body: { id: 1 } });
      expect(topic.status).toBe(400);
      expect(topic.json.error.issues[0].path).toMatch(/X-WC-Webhook-Topic/);
      expect(await counts(app, shop.id)).toMatchObject({ orders: 0, documents: 0, customers: 0, deliveries: 5 });
      const logged = await app.ctx.db
        .selectFrom('webhook_deliveries')
        .select(['outcome', 'error'])
        .where('shop_id', '=', shop.id)
        .execute();
      expect(new Set(logged.map((l) => l.outcome))).toEqual(new Set(['invalid']));
    });

    it('answers 401 without a signature, 404 for an unknown shop, 413 for an oversized body', async () => {
      const { shop, webhookSecret } = await app.createShop();
      const order = wooFixtures.orders.guest();
      const unsigned = await deliver(app, shop.id, webhookSecret, {
        topic: 'order.created',
        body: order,
        signature: null,
      });
      expect(unsigned.status).toBe(401);
      expect(unsigned.json.error.code).toBe('signature_missing');
      expect((await deliver(app, newId('shop'), webhookSecret, { topic: 'order.created', body: order })).status).toBe(
        404,
      );
      const huge = { ...(order as WooOrderJson), customer_note: 'x'.repeat(300 * 1024) };
      const big = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: huge });
      expect(big.status).toBe(413);
      expect(await counts(app, shop.id)).toMatchObject({ orders: 0 });
    });

    it('keeps a capped copy of each delivery and deletes deliveries past the retention period', async () => {
      const { shop, webhookSecret } = await app.createShop();
      const order = { ...(wooFixtures.orders.guest() as WooOrderJson), customer_note: 'n'.repeat(100 * 1024) };
      expect((await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order })).status).toBe(200);
      const row = await app.ctx.db
        .selectFrom('webhook_deliveries')
        .select('body')
        .where('shop_id', '=', shop.id)
        .executeTakeFirstOrThrow();
      expect(row.body!.length).toBe(MAX_STORED_BODY_CHARS);
      const old = new Date(Date.now() - (app.ctx.config.webhookRetentionDays + 1) * 86_400_000).toISOString();
      await app.ctx.db
        .insertInto('webhook_deliveries')
        .values({
          id: newId('whd'),
          shop_id: shop.id,
          source: 'woocommerce',
          delivery_id: 'old',
          topic: 'order.updated',
          resource_key: null,
          outcome: 'processed',
          error: null,
          body: '{}',
          received_at: old,
        })
        .execute();
      expect((await counts(app, shop.id)).deliveries).toBe(2);
      expect(await cleanupWebhookDeliveries(app.ctx)).toBeGreaterThanOrEqual(1);
      const left = await app.ctx.db
        .selectFrom('webhook_deliveries')
        .select('delivery_id')
        .where('shop_id', '=', shop.id)
        .execute();
      expect(left.map((l) => l.delivery_id)).not.toContain('old');
      expect(left).toHaveLength(1);
    });

    it('stores customers, soft-deletes them and tells the sevDesk sync in the same transaction', async () => {
      const { shop, webhookSecret } = await app.createShop({ settings: { sevdesk: { active: true } } });
      const customer = wooFixtures.customer() as WooOrderJson;
      const created = await deliver(app, shop.id, webhookSecret, { topic: 'customer.created', body: customer });
      expect(created.json).toMatchObject({ topic: 'customer.created', outcome: 'created' });
      const again = await deliver(app, shop.id, webhookSecret, { topic: 'customer.updated', body: customer });
      expect(again.json).toEqual({ duplicate: true, reason: 'unchanged' });
      const renamed = {
        ...customer,
        billing: { ...customer.billing, first_name: 'Erika' },
        date_modified_gmt: '2030-01-01T00:00:00',
      };
      expect(
        (await deliver(app, shop.id, webhookSecret, { topic: 'customer.updated', body: renamed })).json.outcome,
      ).toBe('updated');
      const deleted = await deliver(app, shop.id, webhookSecret, {
        topic: 'customer.deleted',
        body: { id: customer.id },
      });
      expect(deleted.json).toMatchObject({ outcome: 'deleted' });
      const row = await app.ctx.db
        .selectFrom('customers')
        .selectAll()
        .where('shop_id', '=', shop.id)
        .executeTakeFirstOrThrow();
      expect(row.deleted_at).not.toBeNull();
      const jobs = await app.ctx.queue.list({ queue: CUSTOMER_SYNC_QUEUE, shopId: shop.id });
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      expect(jobs[0]!.payload).toEqual({ customerId: row.id });
    });

    it('soft-deletes orders on order.deleted; issued documents stay', async () => {
      const { shop, webhookSecret } = await app.createShop();
      const order = wooFixtures.orders.guest() as WooOrderJson;
      await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order });
      const del = await deliver(app, shop.id, webhookSecret, { topic: 'order.deleted', body: { id: order.id } });
      expect(del.json).toMatchObject({ topic: 'order.deleted', outcome: 'deleted' });
      expect((await findOrderByExternalId(app.ctx.db, shop.id, String(order.id)))!.deletedAt).not.toBeNull();
      expect((await counts(app, shop.id)).documents).toBe(1);
    });

    it('fetches refund details through the REST API when configured, else splits refunds by proportion', async () => {
      const order = wooFixtures.orders.domesticCouponInclTax() as WooOrderJson;
      // Without REST credentials: amount-only, split across the rates, marked.
      const plain = await app.createShop();
      const r1 = await deliver(app, plain.shop.id, plain.webhookSecret, { topic: 'order.updated', body: order });
      const cancellations = r1.json.documents.filter(
        (d: { type: string; action: string }) => d.type === 'cancellation' && d.action === 'finalized',
      );
      expect(cancellations).toHaveLength(2);
      for (const c of cancellations) {
        const doc = await app.ctx.db
          .selectFrom('documents')
          .select('data')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow();
        expect(JSON.parse(doc.data).splitByProportion).toBe(true);
      }

      // With REST credentials: refund 740 has its line (T-Shirt, line 101), refund 741 is amount-only in WooCommerce too.
      const rest = await app.createShop();
      await configureWooCommerce(app.ctx, rest.shop.id, {
        url: fake.url,
        consumerKey: fake.consumerKey,
        consumerSecret: fake.consumerSecret,
      });
      fake.failNext(503);
      const failed = await deliver(app, rest.shop.id, rest.webhookSecret, { topic: 'order.updated', body: order });
      expect(failed.status).toBe(200);
      expect(failed.json.documents.filter((d: { type: string }) => d.type === 'cancellation')).toEqual([]);
      expect(failed.json.attention.join(' ')).toMatch(/could not be fetched from WooCommerce/);

      const retried = await deliver(app, rest.shop.id, rest.webhookSecret, { topic: 'order.updated', body: order });
      expect(retried.json.outcome).toBe('updated');
      const byKey = new Map<string, { id: string }>(
        retried.json.documents
          .filter((d: { action: string }) => d.action === 'finalized')
          .map((d: { sourceKey: string }) => [d.sourceKey, d]),
      );
      const withLines = await app.ctx.db
        .selectFrom('documents')
        .select('data')
        .where('id', '=', byKey.get('refund:740')!.id)
        .executeTakeFirstOrThrow();
      const data = JSON.parse(withLines.data);
      expect(data.splitByProportion).toBe(false);
      expect(data.lines).toEqual([
        expect.objectContaining({ sourceLineId: '101', quantity: '-1', gross: -1799, rateBp: 1900 }),
      ]);
      const amountOnly = await app.ctx.db
        .selectFrom('documents')
        .select('data')
        .where('id', '=', byKey.get('refund:741')!.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(amountOnly.data).splitByProportion).toBe(true);
      expect(fake.requests.filter((r) => r.path === '/wp-json/wc/v3/orders/727/refunds')).toHaveLength(2);

      // Known details are not fetched again.
      const n = fake.requests.length;
      await deliver(app, rest.shop.id, rest.webhookSecret, {
        topic: 'order.updated',
        body: { ...order, date_modified_gmt: '2030-01-01T00:00:00' },
      });
      expect(fake.requests.length).toBe(n + 1); // 741 is still amount-only in WooCommerce, so it is asked once more
    });

    it("flags the cancellation of a refund with problems (not another refund's) and finalizes it once corrected", async () => {
      const bad = wooFixtures.refunds.withLines() as WooOrderJson;
      bad.line_items[0].total = '15.12'; // WooCommerce refunds lines with negative amounts
      const odd = await startFakeWooCommerce({
        refunds: { '9300': [bad, wooFixtures.refunds.amountOnly() as Record<string, unknown>] },
      });
      try {
        const { shop, webhookSecret, apiKey } = await app.createShop();
        await configureWooCommerce(app.ctx, shop.id, {
          url: odd.url,
          consumerKey: odd.consumerKey,
          consumerSecret: odd.consumerSecret,
        });
        const order = wooFixtures.orders.domesticCouponInclTax() as WooOrderJson;
        Object.assign(order, { id: 9300, number: '9300' });
        const actions = (json: { documents: { sourceKey: string; action: string }[] }, key: string) =>
          json.documents.filter((d) => d.sourceKey === key).map((d) => d.action);
        const document = async (id: string) =>
          (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${id}`, { apiKey })).json;
        const reason =
          'Refund 740, line "T-Shirt Bio-Baumwolle – Größe M", has a positive total; WooCommerce refunds lines with negative amounts.';

        const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.updated', body: order });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(actions(res.json, 'refund:740')).toEqual(['created']);
        expect(actions(res.json, 'refund:741')).toEqual(['created', 'finalized']);
        const id = res.json.documents.find((d: { sourceKey: string }) => d.sourceKey === 'refund:740').id;
        const draft = await document(id);
        expect(draft).toMatchObject({ status: 'draft', needsAttention: true });
        expect(draft.attentionReasons).toEqual([reason]);
        expect(res.json.attention).toContain(reason);
        const other = res.json.documents.find((d: { sourceKey: string }) => d.sourceKey === 'refund:741').id;
        expect(await document(other)).toMatchObject({ status: 'finalized', attentionReasons: [] });
        expect((await findOrderByExternalId(app.ctx.db, shop.id, '9300'))!.attention).toContain(reason);

        // An update without a change in WooCommerce fetches the refund again and leaves the flag as it is.
        const later = { ...order, date_modified_gmt: '2030-01-01T00:00:00' };
        const same = await deliver(app, shop.id, webhookSecret, { topic: 'order.updated', body: later });
        expect(same.json.documents ?? []).toEqual([]);
        expect((await document(id)).status).toBe('draft');

        // The corrected refund replaces it: the draft is rebuilt from its lines and finalized as usual.
        odd.refunds.set('9300', [
          wooFixtures.refunds.withLines() as Record<string, unknown>,
          wooFixtures.refunds.amountOnly() as Record<string, unknown>,
        ]);
        const fixed = await deliver(app, shop.id, webhookSecret, {
          topic: 'order.updated',
          body: { ...order, date_modified_gmt: '2030-01-02T00:00:00' },
        });
        expect(fixed.json.outcome).toBe('updated');
        expect(actions(fixed.json, 'refund:740')).toEqual(['updated', 'finalized']);
        expect(actions(fixed.json, 'refund:741')).toEqual([]);
        const issued = await document(id);
        expect(issued).toMatchObject({ status: 'finalized', attentionReasons: [] });
        expect(issued.lines).toEqual([
          expect.objectContaining({ sourceLineId: '101', quantity: '-1', gross: -1799, rateBp: 1900 }),
        ]);
        expect(fixed.json.attention).not.toContain(reason);
        expect((await findOrderByExternalId(app.ctx.db, shop.id, '9300'))!.attention).toEqual([]);
      } finally {
        await odd.close();
      }
    });

    it('holds back a fetched refund whose line quantity is implausible: no cancellation, a reason on the order', async () => {
      const refund = wooFixtures.refunds.withLines() as WooOrderJson;
      refund.line_items[0].quantity = -1e-7;
      const odd = await startFakeWooCommerce({ refunds: { '9200': [refund] } });
      try {
        const { shop, webhookSecret } = await app.createShop();
        await configureWooCommerce(app.ctx, shop.id, {
          url: odd.url,
          consumerKey: odd.consumerKey,
          consumerSecret: odd.consumerSecret,
        });
        const order = wooFixtures.orders.domesticCouponInclTax() as WooOrderJson;
        Object.assign(order, { id: 9200, number: '9200', refunds: [{ id: 740, reason: null, total: '-17.99' }] });
        const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.updated', body: order });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(res.json.documents.map((d: { type: string; action: string }) => `${d.action}:${d.type}`)).toEqual([
          'created:invoice',
          'finalized:invoice',
        ]);
        expect(res.json.attention).toEqual(
          expect.arrayContaining([
            'Refund 740, line "T-Shirt Bio-Baumwolle – Größe M", has an implausible quantity: 0.0000001 has more than 4 decimals.',
            'Refund 740 is held back; no cancellation is issued for it.',
          ]),
        );
        const stored = await findOrderByExternalId(app.ctx.db, shop.id, '9200');
        expect(stored!.data.refunds).toEqual([]);
      } finally {
        await odd.close();
      }
    });
  });
}
