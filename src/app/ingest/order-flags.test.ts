import { describe, expect, it } from 'vitest';
import type { NormalizedOrder, OrderLine } from '../../domain/orders/order.js';
import { orderFlags } from './order-flags.js';

const line = (over: Partial<OrderLine> = {}): OrderLine => ({
  shopLineId: '1',
  kind: 'product',
  name: 'Tasse',
  sku: null,
  productId: null,
  productType: 'goods',
  quantity: '1',
  unitPrice: null,
  rateBp: 1900,
  amounts: { net: 1000, tax: 190, gross: 1190 },
  amountsBeforeDiscount: null,
  ...over,
});

const order = (over: Partial<NormalizedOrder> = {}): NormalizedOrder =>
  ({ currency: 'EUR', lines: [line()], refunds: [], ...over }) as NormalizedOrder;

describe('order flags', () => {
  it('accepts a plain order', () => {
    expect(orderFlags(order())).toEqual([]);
  });
  it('flags a missing or malformed currency', () => {
    expect(orderFlags(order({ currency: '' }))[0]).toMatch(/no currency/);
    expect(orderFlags(order({ currency: 'euro' }))[0]).toMatch(/not an ISO 4217/);
  });
  it('flags negative quantities without a refund, but not with one', () => {
    const neg = order({ lines: [line({ quantity: '-2' })] });
    expect(orderFlags(neg)[0]).toMatch(/negative quantity \(-2\)/);
    expect(
      orderFlags({ ...neg, refunds: [{ refundId: '9', reason: null, amount: 100, date: null, lines: null }] }),
    ).toEqual([]);
  });
});
