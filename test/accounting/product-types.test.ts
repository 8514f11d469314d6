import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wooFixtures } from '../../src/integrations/woocommerce/fixtures.js';
import { deliver } from '../ingest/woo-helpers.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Product types from WooCommerce: the webhook's order payload carries no virtual/downloadable flags, so product meta
// decides when present, else the shop's mapping by tax class (or category, from the catalogue), else its default.
// The type lands on the document's lines (and from there on accounts, cost centres and OSS rules).

// biome-ignore lint/suspicious/noExplicitAny: WooCommerce payloads, tampered with field by field
type WooOrderJson = Record<string, any>;
type Line = { name: string; productType: string | null };

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`product types from WooCommerce (${engine})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(engine);
    });
    afterAll(async () => app?.close());

    it('maps tax classes to product types, with product meta taking precedence', async () => {
      const { shop, webhookSecret, apiKey } = await app.createShop();
      const put = await app.call('PUT', `/api/v1/shops/${shop.id}/accounting`, {
        apiKey,
        body: { productTypes: { byTaxClass: { 'ermaessigter-steuersatz': 'digital', standard: 'service' } } },
      });
      expect(put.status).toBe(200);

      const order = wooFixtures.orders.domesticCouponInclTax() as WooOrderJson;
      // The T-Shirt pins its type in its meta (as a product field exported to the order would).
      order.line_items[0].meta_data.push({ id: 9001, key: '_belegfluss_product_type', value: 'goods' });
      const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const invoice = res.json.documents.find((d: { type: string }) => d.type === 'invoice');
      const doc = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${invoice.id}`, { apiKey })).json;
      const products = (doc.data?.lines ?? doc.lines).filter((l: { kind: string }) => l.kind === 'product') as Line[];
      expect(products.map((l) => [l.name.slice(0, 8), l.productType])).toEqual([
        ['T-Shirt ', 'goods'],
        ['Kochbuch', 'digital'],
      ]);

      const stickers = wooFixtures.orders.roundAtSubtotal() as WooOrderJson;
      stickers.line_items[2].meta_data.push({ id: 9002, key: '_downloadable', value: 'yes' });
      const res2 = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: stickers });
      expect(res2.status, JSON.stringify(res2.json)).toBe(200);
      const inv2 = res2.json.documents.find((d: { type: string }) => d.type === 'invoice');
      const doc2 = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${inv2.id}`, { apiKey })).json;
      const lines2 = (doc2.data?.lines ?? doc2.lines).filter((l: { kind: string }) => l.kind === 'product') as Line[];
      expect(lines2.map((l) => l.productType)).toEqual(['service', 'service', 'digital']);
    });

    it('keeps goods as the type without a mapping (as before)', async () => {
      const { shop, webhookSecret, apiKey } = await app.createShop();
      const order = wooFixtures.orders.domesticCouponInclTax() as WooOrderJson;
      order.id = 4711;
      const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order });
      const invoice = res.json.documents.find((d: { type: string }) => d.type === 'invoice');
      const doc = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${invoice.id}`, { apiKey })).json;
      const products = (doc.data?.lines ?? doc.lines).filter((l: { kind: string }) => l.kind === 'product') as Line[];
      expect(products.map((l) => l.productType)).toEqual(['goods', 'goods']);
    });
  });
}
