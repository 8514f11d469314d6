// Every tax case end to end: WooCommerce order → invoice → partial and full cancellation,
// each equal to the shop's totals to the cent, and each plannable as sevDesk voucher positions.
import { describe, expect, it } from 'vitest';
import { buildFullCancellation, buildPartialCancellation } from '../../domain/documents/build-cancellation.js';
import { buildInvoice } from '../../domain/documents/build-invoice.js';
import type { DocumentData, TaxCase } from '../../domain/documents/document.js';
import { planVoucherPositions } from '../../domain/documents/plan-voucher-positions.js';
import type { NormalizedOrder, OrderRefund } from '../../domain/orders/order.js';
import type { ShopTaxSettings } from '../../domain/tax/determine-tax-case.js';
import { wooFixtures } from './fixtures.js';
import { type MapWooOrderOptions, mapWooOrder } from './map-order.js';
import { mapWooRefund } from './map-refund.js';
import { parseWooOrder, parseWooRefund } from './schemas.js';

const regular: ShopTaxSettings = { homeCountry: 'DE', smallBusiness: false, ossRegistered: false };
const oss: ShopTaxSettings = { ...regular, ossRegistered: true };
const ref = { documentId: 'doc-1', number: 'RE-2026-00001' };

function order(json: unknown, options?: MapWooOrderOptions): NormalizedOrder {
  const parsed = parseWooOrder(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return mapWooOrder(parsed.value, options);
}

function refund(json: unknown, forOrder: NormalizedOrder): OrderRefund {
  const parsed = parseWooRefund(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const mapped = mapWooRefund(parsed.value, forOrder);
  expect(mapped.refund.issues).toBeUndefined();
  return mapped.refund;
}

/** A WooCommerce refund of one order item, as GET /orders/{id}/refunds/{rid} returns it. */
function lineRefund(id: number, itemId: number, quantity: number, total: string, totalTax: string, amount: string) {
  return {
    id,
    date_created: '2026-09-01T10:00:00',
    date_created_gmt: '2026-09-01T08:00:00',
    amount,
    reason: 'Rücksendung',
    refunded_by: 1,
    refunded_payment: true,
    meta_data: [],
    line_items: [
      {
        id: id + 1,
        name: 'refunded item',
        product_id: 1,
        variation_id: 0,
        quantity: -quantity,
        tax_class: '',
        subtotal: `-${total}`,
        subtotal_tax: `-${totalTax}`,
        total: `-${total}`,
        total_tax: `-${totalTax}`,
        taxes: [],
        meta_data: [{ id: 1, key: '_refunded_item_id', value: String(itemId) }],
        sku: '',
        price: 0,
      },
    ],
  };
}

function expectMatchesShop(invoice: DocumentData, shopOrder: NormalizedOrder) {
  expect(invoice.attentionReasons).toEqual([]);
  expect(invoice.totals.gross).toBe(shopOrder.totals.total);
  expect(invoice.totals.tax).toBe(shopOrder.totals.totalTax);
  for (const rate of shopOrder.totals.taxByRate ?? []) {
    expect(invoice.totals.byRate.find((t) => t.rateBp === rate.rateBp)?.tax).toBe(rate.tax);
  }
  for (const line of invoice.lines) expect(line.net + line.tax).toBe(line.gross);
  const plan = planVoucherPositions(invoice.lines, { currency: invoice.currency });
  expect(plan.ok).toBe(true);
}

const neg = (x: number) => (x === 0 ? 0 : -x);

function expectMirrors(cancellation: DocumentData, invoice: DocumentData) {
  expect(cancellation.type).toBe('cancellation');
  expect(cancellation.cancels).toEqual({ ...ref, full: true });
  expect(cancellation.totals.gross).toBe(neg(invoice.totals.gross));
  expect(cancellation.totals.tax).toBe(neg(invoice.totals.tax));
  expect(cancellation.totals.net).toBe(neg(invoice.totals.net));
  expect(cancellation.totals.byRate).toEqual(
    invoice.totals.byRate.map((t) => ({ rateBp: t.rateBp, net: neg(t.net), tax: neg(t.tax), gross: neg(t.gross) })),
  );
  cancellation.lines.forEach((line, i) => {
    const source = invoice.lines[i];
    expect(line).toMatchObject({
      position: i + 1,
      rateBp: source?.rateBp,
      gross: neg(source?.gross ?? 0),
      tax: neg(source?.tax ?? 0),
    });
    expect(line.quantity).toBe(`-${source?.quantity}`);
  });
  expect(cancellation.taxCase).toBe(invoice.taxCase);
  expect(cancellation.attentionReasons).toEqual([]);
  expect(planVoucherPositions(cancellation.lines).ok).toBe(true);
}

interface Case {
  name: string;
  taxCase: TaxCase;
  fixture: () => unknown;
  shop: ShopTaxSettings;
  options?: MapWooOrderOptions;
  refund: (o: NormalizedOrder) => OrderRefund;
  note: RegExp | null;
}

const cases: Case[] = [
  {
    name: 'domestic, prices incl. tax, coupon + shipping + fee (refund with lines)',
    taxCase: 'domestic',
    fixture: wooFixtures.orders.domesticCouponInclTax,
    shop: regular,
    refund: (o) => refund(wooFixtures.refunds.withLines(), o),
    note: null,
  },
  {
    name: 'domestic, prices incl. tax (amount-only refund split across 19 % and 7 %)',
    taxCase: 'domestic',
    fixture: wooFixtures.orders.domesticCouponInclTax,
    shop: regular,
    refund: (o) => refund(wooFixtures.refunds.amountOnly(), o),
    note: null,
  },
  {
    name: 'domestic B2B, prices excl. tax',
    taxCase: 'domestic',
    fixture: wooFixtures.orders.domesticExclTax,
    shop: regular,
    refund: (o) => refund(lineRefund(880, 201, 2, '9.98', '1.90', '11.88'), o),
    note: null,
  },
  {
    name: 'domestic guest order at 7 %',
    taxCase: 'domestic',
    fixture: wooFixtures.orders.guest,
    shop: regular,
    refund: (o) => refund(lineRefund(881, 301, 1, '13.97', '0.98', '14.95'), o),
    note: null,
  },
  {
    name: 'domestic, tax rounded at subtotal',
    taxCase: 'domestic',
    fixture: wooFixtures.orders.roundAtSubtotal,
    shop: regular,
    options: { roundingMode: 'per_subtotal' },
    refund: (o) => refund(lineRefund(882, 991, 1, '0.83', '0.16', '0.99'), o),
    note: null,
  },
  {
    name: 'EU B2B goods to Austria',
    taxCase: 'eu_b2b_goods',
    fixture: wooFixtures.orders.euB2bGoodsAt,
    shop: oss,
    refund: (o) => refund(lineRefund(883, 401, 1, '250.00', '0.00', '250.00'), o),
    note: /^Steuerfreie innergemeinschaftliche Lieferung.*USt-IdNr\. des Leistungsempfängers: ATU12345678$/,
  },
  {
    name: 'EU B2B services to France (virtual product)',
    taxCase: 'eu_b2b_services',
    fixture: wooFixtures.orders.euB2bServicesFr,
    shop: regular,
    options: { productInfo: () => ({ virtual: true }) },
    refund: () => ({ refundId: '884', reason: null, amount: 98_00, date: '2026-09-01T08:00:00Z', lines: null }),
    note: /^Steuerschuldnerschaft des Leistungsempfängers.*FR40303265045$/,
  },
  {
    name: 'EU B2C under OSS to France, 20 % and 5.5 %',
    taxCase: 'eu_b2c_oss',
    fixture: wooFixtures.orders.ossFr,
    shop: oss,
    refund: (o) => refund(lineRefund(885, 602, 1, '12.23', '0.67', '12.90'), o),
    note: /Bestimmungsland Frankreich/,
  },
  {
    name: 'EU B2C under OSS to France, amount-only refund',
    taxCase: 'eu_b2c_oss',
    fixture: wooFixtures.orders.ossFr,
    shop: oss,
    refund: () => ({ refundId: '886', reason: 'Kulanz', amount: 15_17, date: null, lines: null }),
    note: /Bestimmungsland Frankreich/,
  },
  {
    name: 'export of goods to Switzerland in CHF',
    taxCase: 'export_goods',
    fixture: wooFixtures.orders.exportChChf,
    shop: oss,
    refund: (o) => refund(lineRefund(887, 701, 1, '149.00', '0.00', '149.00'), o),
    note: /^Steuerfreie Ausfuhrlieferung/,
  },
  {
    name: 'digital service to a US customer in USD',
    taxCase: 'export_services',
    fixture: wooFixtures.orders.exportServicesUsd,
    shop: oss,
    options: { productInfo: () => ({ downloadable: true, virtual: true }) },
    refund: () => ({ refundId: '888', reason: null, amount: 9_00, date: null, lines: null }),
    note: /^Nicht im Inland steuerbare Leistung/,
  },
];

describe.each(cases)('$name', ({ taxCase, fixture, shop, options, refund: makeRefund, note }) => {
  const shopOrder = order(fixture(), options);
  const invoice = buildInvoice(shopOrder, shop);

  it(`is ${taxCase} and reproduces the shop's totals`, () => {
    expect(shopOrder.issues).toEqual([]);
    expect(invoice.taxCase).toBe(taxCase);
    expectMatchesShop(invoice, shopOrder);
    if (note) expect(invoice.notes).toEqual([expect.stringMatching(note)]);
    else expect(invoice.notes).toEqual([]);
  });

  it('partial cancellation equals the refund to the cent', () => {
    const r = makeRefund(shopOrder);
    const partial = buildPartialCancellation(invoice, ref, r);
    expect(partial.attentionReasons).toEqual([]);
    expect(partial.totals.gross).toBe(-r.amount);
    expect(partial.cancels).toEqual({ ...ref, full: false });
    expect(partial.splitByProportion).toBe(r.lines === null);
    expect(partial.taxCase).toBe(taxCase);
    for (const line of partial.lines) {
      expect(line.gross).toBeLessThanOrEqual(0);
      expect(line.net + line.tax).toBe(line.gross);
    }
    expect(planVoucherPositions(partial.lines).ok).toBe(true);
  });

  it('full cancellation mirrors the invoice', () => {
    expectMirrors(buildFullCancellation(invoice, ref), invoice);
  });
});

describe('refunds of the domestic order in sequence', () => {
  const shopOrder = order(wooFixtures.orders.domesticCouponInclTax());
  const invoice = buildInvoice(shopOrder, regular);

  it('splits the amount-only refund 8.00 / 2.00 by the invoice gross per rate', () => {
    const partial = buildPartialCancellation(invoice, ref, refund(wooFixtures.refunds.amountOnly(), shopOrder));
    expect(partial.totals.byRate).toEqual([
      { rateBp: 1900, net: -672, tax: -128, gross: -800 },
      { rateBp: 700, net: -187, tax: -13, gross: -200 },
    ]);
    expect(partial.issueDate).toBe('2026-03-06');
    expect(partial.notes[0]).toBe('Teilstorno zur Rechnung RE-2026-00001. Grund: Kulanz wegen verspäteter Lieferung');
  });

  it('keeps the line refund at its own VAT', () => {
    const partial = buildPartialCancellation(invoice, ref, refund(wooFixtures.refunds.withLines(), shopOrder));
    expect(partial.lines).toMatchObject([
      { kind: 'product', quantity: '-1', rateBp: 1900, net: -1512, tax: -287, gross: -1799, sourceLineId: '101' },
    ]);
  });

  it('flags a refund beyond what remains', () => {
    const first = buildPartialCancellation(invoice, ref, refund(wooFixtures.refunds.withLines(), shopOrder));
    const big: OrderRefund = { refundId: '999', reason: null, amount: 40_00, date: null, lines: null };
    const second = buildPartialCancellation(invoice, ref, big, { previousCancellations: [first] });
    expect(second.attentionReasons).toContain(
      'The refund of 40.00 EUR exceeds the 36.08 EUR that remain refundable on invoice RE-2026-00001.',
    );
  });

  it('flags returning more units than were invoiced', () => {
    const r = refund(wooFixtures.refunds.withLines(), shopOrder);
    const first = buildPartialCancellation(invoice, ref, r);
    const second = buildPartialCancellation(invoice, ref, r, { previousCancellations: [first] });
    const third = buildPartialCancellation(invoice, ref, r, { previousCancellations: [first, second] });
    expect(second.attentionReasons).toEqual([]);
    expect(third.attentionReasons).toContain(
      'Refunds of "T-Shirt Bio-Baumwolle – Größe M" add up to 3 units, but the invoice has 2.',
    );
  });
});
