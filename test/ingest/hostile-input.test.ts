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
