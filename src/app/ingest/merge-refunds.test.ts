import { describe, expect, it } from 'vitest';
import type { OrderRefund } from '../../domain/orders/order.js';
import { mergeRefunds } from './merge-refunds.js';

const amountOnly = (id: string, amount: number): OrderRefund => ({
  refundId: id,
  reason: null,
  amount,
  date: null,
  lines: null,
});
const detailed = (id: string, amount: number): OrderRefund => ({
  ...amountOnly(id, amount),
  lines: [
    {
      shopLineId: '1',
      kind: 'product',
      name: 'Tasse',
      quantity: '1',
      rateBp: 1900,
      amounts: { net: 100, tax: 19, gross: 119 },
    },
  ],
});

describe('mergeRefunds', () => {
  it('keeps fetched details when a later payload only summarises the refund', () => {
    expect(mergeRefunds([detailed('5', 119)], [amountOnly('5', 119)])).toEqual([detailed('5', 119)]);
  });
  it('takes new details over a known summary, keeps refunds missing from the snapshot, orders by id', () => {
    const merged = mergeRefunds([amountOnly('12', 50), amountOnly('5', 119)], [detailed('5', 119), amountOnly('9', 1)]);
    expect(merged.map((r) => [r.refundId, Boolean(r.lines)])).toEqual([
      ['5', true],
      ['9', false],
      ['12', false],
    ]);
  });
  it('keeps the problems of a refund until details without them arrive', () => {
    const flagged: OrderRefund = { ...amountOnly('7', 200), issues: ['Refund 7, line "Tasse", has a positive total'] };
    // A summary knows nothing about the problems: they stay.
    expect(mergeRefunds([flagged], [amountOnly('7', 200)])).toEqual([flagged]);
    // Corrected details replace them.
    expect(mergeRefunds([flagged], [detailed('7', 119)])).toEqual([detailed('7', 119)]);
  });
});
