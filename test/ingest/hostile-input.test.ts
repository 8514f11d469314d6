import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wooFixtures } from '../../src/integrations/woocommerce/fixtures.js';
import { TAX_CASE_ORDERS } from '../documents/order-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { deliver } from './woo-helpers.js';

// "Zero 5xx on malformed or hostile input": every field of an order replaced by junk of every type, through the
// signed webhook and the JSON API. Each answer is a 2xx or a 4xx, never a 5xx.

const JUNK: unknown[] = [
  null,
  -1,
  1e308,
  '',
  'x'.repeat(2000),
  [],
  {},
  true,
  '99999999999999999999999.99',
  '-0.001',
  '\u0000',
  '2026-02-30T25:61:00',
];

function mutations(base: Record<string, unknown>, nested: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const key of Object.keys(base)) {
    for (const junk of JUNK) out.push({ ...structuredClone(base), [key]: junk });
  }
  for (const path of nested) {
    const [list, field] = path.split('.') as [string, string];
    for (const junk of JUNK) {
      const copy = structuredClone(base) as Record<string, Record<string, unknown>[]>;
      const first = copy[list]?.[0];
      if (first) first[field] = junk;
      out.push(copy);
    }
  }
  return out;
}

describe('hostile input never causes a 5xx', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('WooCommerce webhook', { timeout: 300_000 }, async () => {
    const { shop, webhookSecret } = await app.createShop({ settings: { documents: { autoFinalize: false } } });
    const order = wooFixtures.orders.domesticCouponInclTax() as Record<string, unknown>;
    const statuses = new Map<number, number>();
    for (const body of mutations(order, [
      'line_items.quantity',
      'line_items.total',
      'line_items.taxes',
      'tax_lines.rate_percent',
      'refunds.total',
      'coupon_lines.discount',
    ])) {
      const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.updated', body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
    }
    expect([...statuses.keys()].every((s) => s === 200 || s === 400)).toBe(true);
  });

  it('WooCommerce webhook: an implausible line quantity is stored as a draft needing attention, never finalized', async () => {
    const { shop, webhookSecret, apiKey } = await app.createShop({ settings: { documents: { autoFinalize: true } } });
    const cases: [number, string][] = [
      [1e308, '1e+308 is more than 1,000,000 units'],
      [1e21, '1e+21 is more than 1,000,000 units'],
      [1e-7, '0.0000001 has more than 4 decimals'],
      // 20 pieces at 15.12 cannot make a line of 30.24.
      [20, 'quantity 20 × unit price 15.12 = 302.40 EUR does not match its total of 30.24 EUR'],
      [2, ''],
    ];
    for (const [i, [quantity, problem]] of cases.entries()) {
      const order = wooFixtures.orders.domesticCouponInclTax() as { line_items: Record<string, unknown>[] };
      Object.assign(order, { id: 9100 + i, number: String(9100 + i), refunds: [] });
      Object.assign(order.line_items[0] ?? {}, { quantity });
      const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body: order });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const invoice = res.json.documents.find((d: { type: string }) => d.type === 'invoice');
      const doc = (await app.call('GET', `/api/v1/shops/${shop.id}/documents/${invoice.id}`, { apiKey })).json;
      const line = doc.lines.find((l: { sourceLineId: string }) => l.sourceLineId === '101');
      expect(line.quantity, String(quantity)).not.toMatch(/e/i);
      expect(Number(line.quantity)).toBe(quantity);
      if (!problem) {
        // The same order with its real quantity is finalized: the flag above is what holds the others back.
        expect(doc).toMatchObject({ status: 'finalized', attentionReasons: [] });
        continue;
      }
      expect(doc.status, String(quantity)).toBe('draft');
      expect(doc.needsAttention).toBe(true);
      const named = doc.attentionReasons.filter((r: string) => r.includes('Line item 101') && r.includes(problem));
      expect(named, JSON.stringify(doc.attentionReasons)).toHaveLength(1);
      expect(res.json.attention).toContain(named[0]);
    }
  });

  it('WooCommerce webhook: a quantity that is no finite number is a 400 naming the field', async () => {
    const { shop, webhookSecret } = await app.createShop();
    const order = wooFixtures.orders.domesticCouponInclTax();
    // JSON has no Infinity, but 1e400 parses to it.
    const body = JSON.stringify(order).replace('"quantity":2', '"quantity":1e400');
    expect(body).toContain('1e400');
    const res = await deliver(app, shop.id, webhookSecret, { topic: 'order.created', body });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('line_items.0.quantity');
  });

  it('JSON API', { timeout: 300_000 }, async () => {
    const { shop, apiKey } = await app.createShop({ settings: { documents: { autoFinalize: false } } });
    const order = TAX_CASE_ORDERS[0]!.order('1');
    for (const body of mutations(order, ['lines.quantity', 'lines.net', 'lines.taxRate', 'lines.kind'])) {
      const res = await app.call('PUT', `/api/v1/shops/${shop.id}/orders/1`, { apiKey, body });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
    }
    for (const body of mutations({ id: 'r', amount: '1.00', lines: [{ lineId: '1', gross: '1.00' }] }, [
      'lines.gross',
    ])) {
      const res = await app.call('POST', `/api/v1/shops/${shop.id}/orders/1/refunds`, { apiKey, body });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
    }
  });
});
