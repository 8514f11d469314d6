import { describe, expect, it } from 'vitest';
import type { NormalizedOrder } from '../../domain/orders/order.js';
import { wooFixtures } from './fixtures.js';
import { mapWooOrder } from './map-order.js';
import { mapWooRefund } from './map-refund.js';
import { parseWooOrder, parseWooRefund, type WooRefund } from './schemas.js';

function order(): NormalizedOrder {
  const parsed = parseWooOrder(wooFixtures.orders.domesticCouponInclTax());
  if (!parsed.ok) throw new Error('fixture');
  return mapWooOrder(parsed.value);
}

function refund(json: unknown): WooRefund {
  const parsed = parseWooRefund(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

describe('mapWooRefund', () => {
  it('maps a refund with lines: negative WooCommerce amounts become positive, linked by _refunded_item_id', () => {
    expect(mapWooRefund(refund(wooFixtures.refunds.withLines()), order())).toEqual({
      refund: {
        refundId: '740',
        reason: 'Artikel zurückgesandt',
        amount: 1799,
        date: '2026-03-05T13:01:55Z',
        lines: [
          {
            shopLineId: '101',
            kind: 'product',
            name: 'T-Shirt Bio-Baumwolle – Größe M',
            quantity: '1',
            rateBp: 1900,
            amounts: { net: 1512, tax: 287, gross: 1799 },
          },
        ],
      },
      held: [],
    });
  });

  it('maps an amount-only refund', () => {
    expect(mapWooRefund(refund(wooFixtures.refunds.amountOnly()), order())).toEqual({
      refund: {
        refundId: '741',
        reason: 'Kulanz wegen verspäteter Lieferung',
        amount: 1000,
        date: '2026-03-06T08:30:00Z',
        lines: null,
      },
      held: [],
    });
  });

  it('maps refunded shipping lines', () => {
    const json = wooFixtures.refunds.amountOnly() as Record<string, unknown>;
    json.amount = '4.90';
    json.shipping_lines = [
      {
        id: 750,
        method_title: 'DHL Paket',
        method_id: 'flat_rate',
        total: '-4.12',
        total_tax: '-0.78',
        taxes: [{ id: 1, total: '-0.78', subtotal: '' }],
        meta_data: [{ id: 1, key: '_refunded_item_id', value: '103' }],
      },
    ];
    const mapped = mapWooRefund(refund(json), order());
    expect(mapped.refund.lines).toEqual([
      {
        shopLineId: '103',
        kind: 'shipping',
        name: 'DHL Paket',
        quantity: '1',
        rateBp: 1900,
        amounts: { net: 412, tax: 78, gross: 490 },
      },
    ]);
  });

  it('reports lines it cannot link and positive line totals', () => {
    const json = wooFixtures.refunds.withLines() as { line_items: Record<string, unknown>[] };
    const line = json.line_items[0];
    if (line) {
      line.meta_data = [];
      line.total = '15.12';
    }
    const mapped = mapWooRefund(refund(json), order());
    expect(mapped.refund.issues).toEqual([
      'Refund 740, line "T-Shirt Bio-Baumwolle – Größe M", has a positive total; WooCommerce refunds lines with negative amounts.',
      'Refund 740, line "T-Shirt Bio-Baumwolle – Größe M", does not refer to a line of order 727.',
    ]);
    expect(mapped.refund.lines?.[0]?.rateBp).toBeNull();
  });

  it('holds back a refund whose line quantity is implausible, naming refund, line and quantity', () => {
    for (const [quantity, problem] of [
      [-1e308, '1e+308 is more than 1,000,000 units'],
      [-1e21, '1e+21 is more than 1,000,000 units'],
      [-1e-7, '0.0000001 has more than 4 decimals'],
    ] as const) {
      const json = wooFixtures.refunds.withLines() as { line_items: Record<string, unknown>[] };
      if (json.line_items[0]) json.line_items[0].quantity = quantity;
      const mapped = mapWooRefund(refund(json), order());
      expect(mapped.held).toEqual([
        `Refund 740, line "T-Shirt Bio-Baumwolle – Größe M", has an implausible quantity: ${problem}.`,
      ]);
      expect(mapped.refund.lines?.[0]?.quantity).not.toMatch(/e/i);
    }
  });

  it('keeps plausible quantities in plain notation; an amount-only line refund (quantity 0) is one unit', () => {
    const json = wooFixtures.refunds.withLines() as { line_items: Record<string, unknown>[] };
    if (json.line_items[0]) json.line_items[0].quantity = -0.5;
    expect(mapWooRefund(refund(json), order()).refund.lines?.[0]?.quantity).toBe('0.5');
    if (json.line_items[0]) json.line_items[0].quantity = 0;
    const zero = mapWooRefund(refund(json), order());
    expect(zero.refund.lines?.[0]?.quantity).toBe('1');
    expect(zero.held).toEqual([]);
  });

  it('skips all-zero lines', () => {
    const json = wooFixtures.refunds.withLines() as { line_items: Record<string, unknown>[] };
    json.line_items.push({ ...json.line_items[0], id: 9, quantity: 0, total: '0.00', total_tax: '0.00' });
    expect(mapWooRefund(refund(json), order()).refund.lines).toHaveLength(1);
  });
});
