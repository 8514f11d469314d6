import { describe, expect, it } from 'vitest';
import { parseOrderInput } from './order-from-input.js';
import { orderInputExample } from './order-input.example.js';

const sampleInput = orderInputExample;

describe('parseOrderInput', () => {
  it('normalizes a valid order', () => {
    const result = parseOrderInput(sampleInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const order = result.value;
    expect(order).toMatchObject({
      shopOrderId: 'A-1001',
      number: '1001',
      status: 'completed',
      roundingMode: 'per_line',
      paymentMethod: 'paypal',
      transactionId: 'TX1',
      totals: { total: 4488, totalTax: 716, shipping: null, taxByRate: null },
      issues: [],
    });
    expect(order.customer).toMatchObject({ customerId: '7', email: 'kunde@example.de', vatId: null, shipping: null });
    expect(order.customer.billing.country).toBe('DE');
    expect(order.lines[0]).toMatchObject({
      shopLineId: 'l1',
      kind: 'product',
      productType: 'goods',
      quantity: '2',
      unitPrice: '19.99',
      rateBp: 1900,
      amounts: null,
    });
    expect(order.lines[1]).toMatchObject({
      kind: 'shipping',
      productType: null,
      quantity: '1',
      amounts: { net: 412, tax: 78, gross: 490 },
    });
    expect(order.refunds[0]).toEqual({
      refundId: 'r1',
      reason: null,
      amount: 1999,
      date: null,
      lines: [
        {
          shopLineId: 'l1',
          kind: 'product',
          name: 'Shirt',
          quantity: '1',
          rateBp: 1900,
          amounts: { net: 1680, tax: 319, gross: 1999 },
        },
      ],
    });
  });

  it('derives the third amount from two and checks all three', () => {
    const input = sampleInput();
    input.lines[1] = {
      id: 'l2',
      kind: 'shipping',
      name: 'Versand',
      net: '4.12',
      gross: '4.90',
      taxRate: '19',
    } as never;
    const ok = parseOrderInput(input);
    expect(ok.ok && ok.value.lines[1]?.amounts).toEqual({ net: 412, tax: 78, gross: 490 });
    input.lines[1] = {
      id: 'l2',
      kind: 'shipping',
      name: 'Versand',
      net: '4.12',
      tax: '0.78',
      gross: '4.91',
      taxRate: '19',
    } as never;
    const bad = parseOrderInput(input);
    expect(!bad.ok && bad.issues).toEqual([
      { path: 'lines[1]', message: 'net 4.12 + tax 0.78 does not equal gross 4.91' },
    ]);
  });

  it('reports schema errors with paths', () => {
    const input = sampleInput() as Record<string, unknown> & { lines: Record<string, unknown>[] };
    input.currency = 'euro';
    input.extra = true;
    if (input.lines[0]) input.lines[0].unitPrice = 19.99;
    const result = parseOrderInput(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'lines[0].unitPrice', '(root)']));
    expect(result.issues.find((i) => i.path === '(root)')?.message).toMatch(/extra/);
  });

  it('reports currency-specific and cross-reference problems with paths', () => {
    const input = sampleInput();
    input.totals.total = '44.885';
    input.currency = 'JPY';
    input.refunds[0] = { id: 'r1', amount: '0', lines: [{ lineId: 'nope', quantity: '1', gross: '1' }] };
    const result = parseOrderInput(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: 'totals.total', message: '"44.885" has more decimals than JPY allows' },
        { path: 'lines[1].net', message: '"4.12" has more decimals than JPY allows' },
        { path: 'refunds[0].amount', message: 'a refund amount must be positive' },
        { path: 'refunds[0].lines[0].lineId', message: 'no order line has id "nope"' },
      ]),
    );
  });

  it('needs totals or a unit price, a sane rate, unique ids', () => {
    const input = sampleInput();
    input.lines = [
      { id: 'l1', name: 'A', quantity: 1, taxRate: 19 } as never,
      { id: 'l1', name: 'B', quantity: 1, unitPrice: '1.00', taxRate: '19.005' } as never,
      { id: 'l3', name: 'C', quantity: 1, net: '1.00', taxRate: 7 } as never,
    ];
    input.refunds = [];
    const result = parseOrderInput(input);
    expect(!result.ok && result.issues).toEqual([
      { path: 'lines[1].taxRate', message: expect.stringContaining('Expected a percentage') },
    ]);
    // once the schema passes, the semantic checks run
    input.lines[1] = { id: 'l1', name: 'B', quantity: 1, unitPrice: '1.00', taxRate: '101' } as never;
    const second = parseOrderInput(input);
    expect(!second.ok && second.issues).toEqual([
      { path: 'lines[0]', message: "give the line's totals (two of net, tax, gross) or a unitPrice" },
      { path: 'lines[1].id', message: 'duplicate line id "l1"' },
      { path: 'lines[1].taxRate', message: '"101" is not a VAT rate between 0 and 100 with at most two decimals' },
      { path: 'lines[2]', message: 'give two of net, tax and gross' },
      { path: 'lines[2]', message: "give the line's totals (two of net, tax, gross) or a unitPrice" },
    ]);
  });

  it("accepts quantities within the documents' bounds, in plain notation, and names the field of any other", () => {
    const withQuantity = (quantity: unknown, refundQuantity: unknown = '1') => {
      const input = sampleInput();
      Object.assign(input.lines[0]!, { quantity });
      Object.assign(input.refunds[0]!.lines[0]!, { quantity: refundQuantity });
      return parseOrderInput(input);
    };
    for (const [quantity, text] of [
      [2, '2'],
      ['2.5', '2.5'],
      [0.0001, '0.0001'],
      [1_000_000, '1000000'],
      ['1000000.0000', '1000000.0000'],
    ] as const) {
      const ok = withQuantity(quantity);
      expect(ok.ok && ok.value.lines[0]?.quantity, String(quantity)).toBe(text);
    }
    expect(withQuantity(1e6 + 1)).toEqual({
      ok: false,
      issues: [{ path: 'lines[0].quantity', message: '1000001 is more than 1,000,000 units' }],
    });
    expect(withQuantity(1e-7)).toEqual({
      ok: false,
      issues: [{ path: 'lines[0].quantity', message: '0.0000001 has more than 4 decimals' }],
    });
    expect(withQuantity('2', '123456789')).toEqual({
      ok: false,
      issues: [{ path: 'refunds[0].lines[0].quantity', message: '123456789 is more than 1,000,000 units' }],
    });
    expect(withQuantity(-1)).toEqual({
      ok: false,
      issues: [{ path: 'lines[0].quantity', message: 'Expected a positive decimal like "2" or "0.5"' }],
    });
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 1, 'x', [], {}, { lines: 'x' }]) {
      expect(parseOrderInput(junk).ok).toBe(false);
    }
  });
});
