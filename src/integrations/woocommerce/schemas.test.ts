import { describe, expect, it } from 'vitest';
import { wooFixtures } from './fixtures.js';
import { parseWooCustomer, parseWooOrder, parseWooRefund } from './schemas.js';

describe('WooCommerce schemas', () => {
  it('accepts every fixture', () => {
    for (const [name, make] of Object.entries(wooFixtures.orders)) {
      const result = parseWooOrder(make());
      expect(result.ok, name).toBe(true);
    }
    expect(parseWooRefund(wooFixtures.refunds.withLines()).ok).toBe(true);
    expect(parseWooRefund(wooFixtures.refunds.amountOnly()).ok).toBe(true);
    expect(parseWooCustomer(wooFixtures.customer()).ok).toBe(true);
  });

  it('keeps unknown fields (passthrough)', () => {
    const json = wooFixtures.orders.guest() as Record<string, unknown>;
    json.some_plugin_field = { a: 1 };
    const result = parseWooOrder(json);
    expect(result.ok && (result.value as Record<string, unknown>).some_plugin_field).toEqual({ a: 1 });
  });

  it('accepts numeric amounts from plugins and keeps them as decimal text', () => {
    const json = wooFixtures.orders.guest() as Record<string, unknown>;
    json.total = 29.9;
    const result = parseWooOrder(json);
    expect(result.ok && result.value.total).toBe('29.9');
  });

  it('reports wrong types with field paths', () => {
    const json = wooFixtures.orders.domesticCouponInclTax() as Record<string, unknown> & {
      line_items: Record<string, unknown>[];
    };
    json.total = '54,07';
    json.prices_include_tax = 'yes';
    if (json.line_items[1]) json.line_items[1].total_tax = null;
    json.customer_id = -1;
    const result = parseWooOrder(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['total', 'prices_include_tax', 'line_items[1].total_tax', 'customer_id']),
    );
  });

  it('rejects non-objects without throwing', () => {
    for (const junk of [null, 'x', 42, [], { id: 'abc' }]) {
      const result = parseWooOrder(junk);
      expect(result.ok).toBe(false);
    }
  });
});
