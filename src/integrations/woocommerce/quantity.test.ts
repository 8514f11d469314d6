import { describe, expect, it } from 'vitest';
import { wooFixtures } from './fixtures.js';
import { lineItemQuantityIssues, wooQuantity } from './quantity.js';
import { parseWooOrder, type WooLineItem } from './schemas.js';

function firstItem(over: Record<string, unknown> = {}): WooLineItem {
  const json = wooFixtures.orders.domesticCouponInclTax() as { line_items: Record<string, unknown>[] };
  json.line_items[0] = { ...json.line_items[0], ...over };
  const parsed = parseWooOrder(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value.line_items[0]!;
}

describe('wooQuantity', () => {
  it('accepts whole and up to 4 decimal quantities up to 1,000,000', () => {
    for (const q of [1, 2, 0.5, 2.125, 0.0001, 1_000_000, -3]) expect(wooQuantity(q).problem, String(q)).toBeNull();
  });

  it('names what is wrong, in readable notation', () => {
    expect(wooQuantity(1e308).problem).toBe('1e+308 is more than 1,000,000 units');
    expect(wooQuantity(1e21).problem).toBe('1e+21 is more than 1,000,000 units');
    expect(wooQuantity(1_000_000.5).problem).toBe('1000000.5 is more than 1,000,000 units');
    expect(wooQuantity(1e-7).problem).toBe('0.0000001 has more than 4 decimals');
    expect(wooQuantity(0.1 + 0.2).problem).toBe('0.30000000000000004 has more than 4 decimals');
    expect(wooQuantity(Number.POSITIVE_INFINITY).problem).toBe('Infinity is not a finite number');
    expect(wooQuantity(1e21).text).not.toMatch(/e/i);
  });
});

describe('lineItemQuantityIssues', () => {
  const label = 'Line item 101 "T-Shirt Bio-Baumwolle – Größe M"';

  it('finds nothing wrong in any fixture (WooCommerce price is total ÷ quantity, unrounded)', () => {
    for (const [name, make] of Object.entries(wooFixtures.orders)) {
      const parsed = parseWooOrder(make());
      if (!parsed.ok) throw new Error(name);
      for (const item of parsed.value.line_items)
        expect(lineItemQuantityIssues(item, parsed.value.currency), name).toEqual([]);
    }
  });

  it('flags an out-of-bounds quantity', () => {
    expect(lineItemQuantityIssues(firstItem({ quantity: 1e308 }), 'EUR')).toEqual([
      `${label} has an implausible quantity: 1e+308 is more than 1,000,000 units.`,
    ]);
    expect(lineItemQuantityIssues(firstItem({ quantity: 1e-7 }), 'EUR')).toEqual([
      `${label} has an implausible quantity: 0.0000001 has more than 4 decimals.`,
    ]);
  });

  it('flags a quantity that does not fit unit price and total by far', () => {
    // 20 × 15.12 = 302.40, but the line is 30.24 net (33.60 before the coupon).
    expect(lineItemQuantityIssues(firstItem({ quantity: 20 }), 'EUR')).toEqual([
      `${label}: quantity 20 × unit price 15.12 = 302.40 EUR does not match its total of 30.24 EUR.`,
    ]);
    expect(lineItemQuantityIssues(firstItem({ quantity: 3 }), 'EUR')).toHaveLength(1);
  });

  it('tolerates float prices, prices before the coupon, and gross prices', () => {
    expect(lineItemQuantityIssues(firstItem({ price: 15.120000000000001 }), 'EUR')).toEqual([]);
    expect(lineItemQuantityIssues(firstItem({ price: 16.8 }), 'EUR')).toEqual([]); // subtotal 33.60 / 2
    expect(lineItemQuantityIssues(firstItem({ price: '17.995' }), 'EUR')).toEqual([]); // gross 35.99 / 2
    expect(lineItemQuantityIssues(firstItem({ price: null }), 'EUR')).toEqual([]);
    expect(lineItemQuantityIssues(firstItem({ price: 'n/a' }), 'EUR')).toEqual([]);
  });

  it('flags quantity 0 on a line with an amount, but not on an empty line', () => {
    expect(lineItemQuantityIssues(firstItem({ quantity: 0 }), 'EUR')).toEqual([
      `${label} has quantity 0 but a total of 30.24 EUR.`,
    ]);
    const empty = { quantity: 0, price: 0, total: '0.00', subtotal: '0.00', total_tax: '0.00', subtotal_tax: '0.00' };
    expect(lineItemQuantityIssues(firstItem(empty), 'EUR')).toEqual([]);
  });
});
