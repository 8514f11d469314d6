import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportProgress, importWooCommerceOrders } from '../../src/app/ingest/import-woocommerce-orders.js';
import { configureWooCommerce } from '../../src/app/shops/configure-woocommerce.js';
import { wooFixtures } from '../../src/integrations/woocommerce/fixtures.js';
import { WooCommerceClient } from '../../src/integrations/woocommerce-rest/woocommerce-client.js';
import { AppError } from '../../src/lib/errors.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { type FakeWooCommerce, startFakeWooCommerce } from '../support/fake-woocommerce.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const allOrders = () => Object.values(wooFixtures.orders).map((f) => f() as Record<string, unknown>);
const refunds = () => ({
  '727': [wooFixtures.refunds.withLines(), wooFixtures.refunds.amountOnly()] as Record<string, unknown>[],
});

describe('WooCommerce REST client against a local imitation', () => {
  let fake: FakeWooCommerce;
  let client: WooCommerceClient;
  beforeAll(async () => {
    fake = await startFakeWooCommerce({ orders: allOrders(), refunds: refunds() });
    client = new WooCommerceClient({
      url: `${fake.url}/`,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
    });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('pages through orders with X-WP-TotalPages, filtered by creation date, oldest first', async () => {
    const first = await client.listOrders({ after: '2026-03-01T00:00:00', page: 1, perPage: 3 });
    expect(first).toMatchObject({ page: 1, totalPages: 3, total: 8 });
    expect(first.items.map((o) => (o as { id: number }).id)).toEqual([727, 812, 901]);
    const last = await client.listOrders({ after: '2026-03-01T00:00:00', page: 3, perPage: 3 });
    expect(last.items.map((o) => (o as { id: number }).id)).toEqual([975, 990]);
    expect(fake.requests.at(-1)!.query).toContain('orderby=date');
  });

  it('reads all refunds of an order', async () => {
    expect((await client.listRefunds(727)).map((r) => (r as { id: number }).id)).toEqual([740, 741]);
    expect(await client.listRefunds(845)).toEqual([]);
  });

  it('maps failures onto the error taxonomy without leaking credentials', async () => {
    const bad = new WooCommerceClient({ url: fake.url, consumerKey: 'ck_wrong', consumerSecret: 'cs_very_secret' });
    const auth = await bad.listRefunds(727).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AppError);
    expect(auth).toMatchObject({ kind: 'connection', code: 'woocommerce_auth' });
    expect(JSON.stringify({ message: (auth as Error).message })).not.toMatch(/cs_very_secret|ck_wrong/);
    fake.failNext(502);
    await expect(client.getOrder(727)).rejects.toMatchObject({ kind: 'retryable' });
    fake.failNext(429);
    await expect(client.getOrder(727)).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(client.getOrder(1)).rejects.toMatchObject({ kind: 'not_found' });
    const down = new WooCommerceClient({ url: 'http://127.0.0.1:1', consumerKey: 'a', consumerSecret: 'b' });
    await expect(down.getOrder(1)).rejects.toMatchObject({ kind: 'retryable', code: 'woocommerce_unreachable' });
  });
});

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`import woocommerce (${engine})`, () => {
    let app: TestApp;
    let fake: FakeWooCommerce;
    beforeAll(async () => {
      app = await createTestApp(engine);
      fake = await startFakeWooCommerce({ orders: allOrders(), refunds: refunds() });
    });
    afterAll(async () => {
      await fake?.close();
      await app?.close();
    });

    it('imports historical orders page by page with refund details; a second run changes nothing', async () => {
      const { shop } = await app.createShop({ settings: { tax: { ossRegistered: true } } });
      await expect(importWooCommerceOrders(app.ctx, shop.id, { since: '2026-01-01' })).rejects.toMatchObject({
        code: 'woocommerce_not_configured',
      });
      await configureWooCommerce(app.ctx, shop.id, {
        url: fake.url,
        consumerKey: fake.consumerKey,
        consumerSecret: fake.consumerSecret,
      });
      const progress: ImportProgress[] = [];
      const result = await importWooCommerceOrders(app.ctx, shop.id, {
        since: '2026-02-01',
        perPage: 3,
        onProgress: (p) => progress.push(p),
      });
      // The guest order (31 January) is older than --since.
      expect(result).toMatchObject({
        orders: 8,
        outcomes: { created: 8, updated: 0, unchanged: 0, stale: 0 },
        failed: [],
      });
      expect(progress.map((p) => `${p.page}/${p.totalPages}:${p.done}`)).toEqual(['1/3:3', '2/3:6', '3/3:8']);
      const refund = await app.ctx.db
        .selectFrom('documents')
        .select('data')
        .where('shop_id', '=', shop.id)
        .where('source_key', '=', 'refund:740')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(refund.data).lines[0]).toMatchObject({ sourceLineId: '101', gross: -1799 });
      // Invoices: every processing/completed order except the one whose shop rounds at subtotal (flagged, draft).
      const finalizedInvoices = await app.ctx.db
        .selectFrom('documents')
        .select('number')
        .where('shop_id', '=', shop.id)
        .where('type', '=', 'invoice')
        .where('status', '=', 'finalized')
        .execute();
      expect(finalizedInvoices).toHaveLength(6);

      const again = await importWooCommerceOrders(app.ctx, shop.id, { since: '2026-02-01', perPage: 50 });
      expect(again.outcomes).toEqual({ created: 0, updated: 0, unchanged: 8, stale: 0 });
      expect(again.documentsFinalized).toBe(0);
    });

    it('stops on refused credentials instead of skipping every order', async () => {
      const { shop } = await app.createShop();
      await configureWooCommerce(app.ctx, shop.id, { url: fake.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' });
      await expect(importWooCommerceOrders(app.ctx, shop.id, { since: '2026-01-01' })).rejects.toMatchObject({
        kind: 'connection',
      });
    });
  });
}
