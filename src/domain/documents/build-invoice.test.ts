import { describe, expect, it } from 'vitest';
import { parseOrderInput } from '../orders/order-from-input.js';
import { orderInputExample } from '../orders/order-input.example.js';
import type { NormalizedOrder } from '../orders/order.js';
import type { ShopTaxSettings } from '../tax/determine-tax-case.js';
import { buildFullCancellation, buildPartialCancellation } from './build-cancellation.js';
import { buildInvoice } from './build-invoice.js';
import { planVoucherPositions } from './plan-voucher-positions.js';

const regular: ShopTaxSettings = { homeCountry: 'DE', smallBusiness: false, ossRegistered: false };
const kleinunternehmer: ShopTaxSettings = { ...regular, smallBusiness: true };
const ref = { documentId: 'd1', number: 'RE-2026-00007' };

function order(input: unknown): NormalizedOrder {
  const result = parseOrderInput(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('buildInvoice', () => {
  it('computes lines from unit prices and keeps the shop total (product.md example)', () => {
    const invoice = buildInvoice(order(orderInputExample()), regular);
    expect(invoice).toMatchObject({
      type: 'invoice',
      currency: 'EUR',
      issueDate: '2026-04-01',
      deliveryDate: '2026-04-01',
      orderNumber: '1001',
      orderId: 'A-1001',
      paymentMethod: 'paypal',
      paymentTransactionId: 'TX1',
      taxCase: 'domestic',
      attentionReasons: [],
      cancels: null,
      notes: [],
    });
    expect(invoice.lines).toEqual([
      {
        position: 1,
        kind: 'product',
        name: 'Shirt',
        sku: null,
        productId: null,
        productType: 'goods',
        quantity: '2',
        unitPriceNet: '16.8000',
        rateBp: 1900,
        sourceLineId: 'l1',
        net: 3360,
        tax: 638,
        gross: 3998,
      },
      expect.objectContaining({ position: 2, kind: 'shipping', net: 412, tax: 78, gross: 490 }),
    ]);
    expect(invoice.totals).toEqual({
      net: 3772,
      tax: 716,
      gross: 4488,
      byRate: [{ rateBp: 1900, net: 3772, tax: 716, gross: 4488 }],
    });
    // …and sevDesk gets two positions so its rounding gives 7.16, not 7.17.
    const plan = planVoucherPositions(invoice.lines);
    expect(plan.ok && plan.positions.map((p) => p.tax)).toEqual([638, 78]);
  });

  it('flags totals that differ from the shop instead of fixing them', () => {
    const input = orderInputExample();
    input.totals = { total: '44.89', totalTax: '7.17' };
    const invoice = buildInvoice(order(input), regular);
    expect(invoice.totals.gross).toBe(4488);
    expect(invoice.attentionReasons).toEqual([
      "Totals differ from the shop's by 0.01 EUR: the document's gross total is 44.88 EUR, the shop's is 44.89 EUR.",
      "Totals differ from the shop's by 0.01 EUR: the document's VAT is 7.16 EUR, the shop's is 7.17 EUR.",
    ]);
  });

  it('flags a line whose quantity no document can carry (as stored before quantities were checked)', () => {
    const stored = order(orderInputExample());
    stored.lines[1] = { ...stored.lines[1]!, quantity: '1e+308' };
    const invoice = buildInvoice(stored, regular);
    expect(invoice.attentionReasons).toEqual([
      'Line 2 "Versand" has an unusable quantity: 1e+308 is not a plain decimal number.',
    ]);
    expect(buildInvoice(order(orderInputExample()), regular).attentionReasons).toEqual([]);
  });

  it('flags a rate that does not fit the amounts', () => {
    const input = orderInputExample();
    input.lines[1] = { id: 'l2', kind: 'shipping', name: 'Versand', net: '4.12', tax: '0.78', taxRate: '7' } as never;
    const invoice = buildInvoice(order(input), regular);
    expect(invoice.attentionReasons).toContain(
      'VAT at 7% is 0.78 EUR but its net amount 4.12 EUR implies about 0.29 EUR; check the line rates.',
    );
  });

  it('per-subtotal rounding from unit prices gives one rounding per rate', () => {
    const input = {
      ...orderInputExample(),
      roundingMode: 'per_subtotal',
      lines: [
        { id: 'l1', name: 'Shirt', quantity: 2, unitPrice: '19.99', taxRate: 19 },
        { id: 'l2', kind: 'shipping', name: 'Versand', unitPrice: '4.90', taxRate: 19 },
      ],
      totals: { total: '44.88', totalTax: '7.17' },
    };
    const invoice = buildInvoice(order(input), regular);
    expect(invoice.attentionReasons).toEqual([]);
    expect(invoice.totals.tax).toBe(717);
  });

  it('prices excl. tax from unit prices', () => {
    const input = {
      ...orderInputExample(),
      pricesIncludeTax: false,
      lines: [{ id: 'l1', name: 'Papier', quantity: '10', unitPrice: '4.99', taxRate: 19 }],
      totals: { total: '59.38', totalTax: '9.48' },
      refunds: [],
    };
    const invoice = buildInvoice(order(input), regular);
    expect(invoice.attentionReasons).toEqual([]);
    expect(invoice.lines[0]).toMatchObject({ net: 4990, tax: 948, gross: 5938, unitPriceNet: '4.9900' });
  });

  it('shows discounts given as beforeDiscount as a discount line', () => {
    const input = {
      ...orderInputExample(),
      lines: [
        {
          id: 'l1',
          name: 'Shirt',
          quantity: 2,
          net: '30.24',
          tax: '5.75',
          taxRate: 19,
          beforeDiscount: { net: '33.60', tax: '6.38' },
        },
      ],
      coupons: [{ code: 'SOMMER10' }],
      totals: { total: '35.99', totalTax: '5.75' },
      refunds: [],
    };
    const invoice = buildInvoice(order(input), regular, { language: 'en' });
    expect(invoice.lines.map((l) => [l.kind, l.name, l.net, l.tax, l.gross])).toEqual([
      ['product', 'Shirt', 3360, 638, 3998],
      ['discount', 'Discount (coupon: SOMMER10)', -336, -63, -399],
    ]);
    expect(invoice.totals.gross).toBe(3599);
  });

  it('uses explicit dates when given', () => {
    const invoice = buildInvoice(order(orderInputExample()), regular, {
      issueDate: '2026-05-01',
      deliveryDate: '2026-04-30',
    });
    expect([invoice.issueDate, invoice.deliveryDate]).toEqual(['2026-05-01', '2026-04-30']);
  });

  it('carries the tax case reasons', () => {
    const input = orderInputExample();
    input.customer.billing.country = 'fr';
    input.lines = [{ id: 'l1', name: 'Shirt', quantity: 2, unitPrice: '19.99', taxRate: 20 }] as never;
    input.totals = { total: '39.98', totalTax: '6.66' };
    input.refunds = [];
    const invoice = buildInvoice(order(input), regular);
    expect(invoice.taxCase).toBeNull();
    expect(invoice.attentionReasons[0]).toMatch(/^VAT rate 20% does not exist in Germany/);
  });
});

describe('small business (Kleinunternehmer) end to end', () => {
  const input = {
    ...orderInputExample(),
    lines: [
      { id: 'l1', name: 'Handgemachte Kerze', quantity: 3, unitPrice: '12.50', taxRate: 0 },
      { id: 'l2', kind: 'shipping', name: 'Versand', unitPrice: '4.90', taxRate: 0 },
    ],
    totals: { total: '42.40', totalTax: '0.00' },
    refunds: [{ id: 'r1', amount: '12.50', lines: [{ lineId: 'l1', quantity: 1, gross: '12.50' }] }],
  };
  const shopOrder = order(input);
  const invoice = buildInvoice(shopOrder, kleinunternehmer);

  it('invoice is small_business with the § 19 note and the shop total', () => {
    expect(invoice.taxCase).toBe('small_business');
    expect(invoice.attentionReasons).toEqual([]);
    expect(invoice.notes).toEqual(['Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.']);
    expect(invoice.totals).toMatchObject({ gross: 4240, tax: 0 });
  });

  it('partial cancellation by line and by amount equal the refunds', () => {
    const byLine = buildPartialCancellation(invoice, ref, shopOrder.refunds[0] as never);
    expect(byLine.totals).toMatchObject({ gross: -1250, tax: 0 });
    expect(byLine.attentionReasons).toEqual([]);
    const byAmount = buildPartialCancellation(
      invoice,
      ref,
      { refundId: 'r2', reason: null, amount: 490, date: null, lines: null },
      { previousCancellations: [byLine] },
    );
    expect(byAmount.totals).toMatchObject({ gross: -490, tax: 0 });
    expect(byAmount.splitByProportion).toBe(true);
    expect(byAmount.attentionReasons).toEqual([]);
  });

  it('full cancellation mirrors', () => {
    const full = buildFullCancellation(invoice, ref);
    expect(full.totals).toEqual({
      net: -4240,
      tax: 0,
      gross: -4240,
      byRate: [{ rateBp: 0, net: -4240, tax: 0, gross: -4240 }],
    });
    expect(full.notes).toEqual([
      'Storno zur Rechnung RE-2026-00007.',
      'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    ]);
  });

  it('charging VAT as a small business needs attention', () => {
    expect(buildInvoice(order(orderInputExample()), kleinunternehmer).attentionReasons[0]).toContain('§ 19 UStG');
  });
});
