import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../domain/documents/build-invoice.js';
import type { NormalizedOrder } from '../../domain/orders/order.js';
import { wooFixtures } from './fixtures.js';
import { type MapWooOrderOptions, mapWooOrder, wooGmtToIso } from './map-order.js';
import { parseWooOrder, type WooOrder } from './schemas.js';

function parse(json: unknown): WooOrder {
  const parsed = parseWooOrder(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const map = (json: unknown, options?: MapWooOrderOptions): NormalizedOrder => mapWooOrder(parse(json), options);
const shop = { homeCountry: 'DE' as const, smallBusiness: false, ossRegistered: false };

describe('mapWooOrder', () => {
  const order = map(wooFixtures.orders.domesticCouponInclTax());

  it('maps the header', () => {
    expect(order).toMatchObject({
      shopOrderId: '727',
      number: '727',
      status: 'processing',
      currency: 'EUR',
      createdAt: '2026-03-02T09:15:31Z',
      paidAt: '2026-03-02T09:16:02Z',
      completedAt: null,
      pricesIncludeTax: true,
      roundingMode: 'per_line',
      paymentMethod: 'paypal',
      paymentMethodTitle: 'PayPal',
      transactionId: '7XR12345AB678901C',
      issues: [],
    });
  });

  it('maps products with their rate via taxes[].id → tax_lines[].rate_id → rate_percent', () => {
    expect(order.lines[0]).toEqual({
      shopLineId: '101',
      kind: 'product',
      name: 'T-Shirt Bio-Baumwolle – Größe M',
      sku: 'TS-BIO-M',
      productId: '95',
      productType: 'goods',
      quantity: '2',
      unitPrice: null,
      rateBp: 1900,
      amounts: { net: 3024, tax: 575, gross: 3599 },
      amountsBeforeDiscount: { net: 3360, tax: 638, gross: 3998 },
    });
    expect(order.lines[1]).toMatchObject({ rateBp: 700, amounts: { net: 1009, tax: 71, gross: 1080 } });
  });

  it('maps shipping and fee lines', () => {
    expect(order.lines.slice(2)).toMatchObject([
      {
        kind: 'shipping',
        name: 'DHL Paket',
        rateBp: 1900,
        productType: null,
        amounts: { net: 412, tax: 78, gross: 490 },
      },
      { kind: 'fee', name: 'Nachnahmegebühr', rateBp: 1900, amounts: { net: 200, tax: 38, gross: 238 } },
    ]);
  });

  it('maps totals, tax per rate, coupons and the refund summary', () => {
    expect(order.totals).toEqual({
      total: 5407,
      totalTax: 762,
      shipping: 412,
      shippingTax: 78,
      discount: 448,
      discountTax: 71,
      taxByRate: [
        { rateBp: 1900, tax: 691 },
        { rateBp: 700, tax: 71 },
      ],
    });
    expect(order.coupons).toEqual([{ code: 'sommer10', discount: 448, discountTax: 71 }]);
    expect(order.refunds).toEqual([
      { refundId: '740', reason: 'Artikel zurückgesandt', amount: 1799, date: null, lines: null },
      { refundId: '741', reason: 'Kulanz wegen verspäteter Lieferung', amount: 1000, date: null, lines: null },
    ]);
  });

  it('shows the coupon as discount lines per rate in the invoice', () => {
    const invoice = buildInvoice(order, shop);
    expect(invoice.lines.map((l) => [l.kind, l.name, l.rateBp, l.net, l.tax, l.gross])).toEqual([
      ['product', 'T-Shirt Bio-Baumwolle – Größe M', 1900, 3360, 638, 3998],
      ['product', 'Kochbuch „Regional & Saisonal“', 700, 1121, 79, 1200],
      ['discount', 'Rabatt (Gutschein: sommer10), 19 % USt.', 1900, -336, -63, -399],
      ['discount', 'Rabatt (Gutschein: sommer10), 7 % USt.', 700, -112, -8, -120],
      ['shipping', 'DHL Paket', 1900, 412, 78, 490],
      ['fee', 'Nachnahmegebühr', 1900, 200, 38, 238],
    ]);
    expect(invoice.totals.byRate).toEqual([
      { rateBp: 1900, net: 3636, tax: 691, gross: 4327 },
      { rateBp: 700, net: 1009, tax: 71, gross: 1080 },
    ]);
  });

  it('maps a guest order: no customer id, no separate shipping address, free shipping at 0 %', () => {
    const guest = map(wooFixtures.orders.guest());
    expect(guest.customer.customerId).toBeNull();
    expect(guest.customer.shipping).toBeNull();
    expect(guest.lines[1]).toMatchObject({ kind: 'shipping', rateBp: 0, amounts: { net: 0, tax: 0, gross: 0 } });
    const invoice = buildInvoice(guest, shop);
    // Paid 23:41 in Berlin on 31 January, completed 2 February.
    expect(invoice.issueDate).toBe('2026-01-31');
    expect(invoice.deliveryDate).toBe('2026-02-02');
    expect(invoice.taxCase).toBe('domestic');
  });

  it('reads the VAT id from plugin meta', () => {
    expect(map(wooFixtures.orders.euB2bGoodsAt()).customer.vatId).toBe('ATU12345678');
    expect(map(wooFixtures.orders.euB2bServicesFr()).customer.vatId).toBe('FR 40 303265045');
  });

  it('takes product types from the product info callback, then meta, default goods', () => {
    const calls: number[][] = [];
    const digital = map(wooFixtures.orders.exportServicesUsd(), {
      productInfo: (productId, variationId) => {
        calls.push([productId, variationId]);
        return { downloadable: true };
      },
    });
    expect(calls).toEqual([[400, 0]]);
    expect(digital.lines[0]?.productType).toBe('digital');
    expect(
      map(wooFixtures.orders.euB2bServicesFr(), { productInfo: () => ({ virtual: true }) }).lines[0]?.productType,
    ).toBe('service');
    expect(
      map(wooFixtures.orders.euB2bServicesFr(), { productInfo: () => ({ type: 'digital', virtual: true }) }).lines[0]
        ?.productType,
    ).toBe('digital');
    expect(map(wooFixtures.orders.euB2bServicesFr()).lines[0]?.productType).toBe('goods');

    const json = wooFixtures.orders.euB2bServicesFr() as { line_items: { meta_data: unknown[] }[] };
    json.line_items[0]?.meta_data.push({ id: 1, key: '_virtual', value: 'yes' });
    expect(map(json).lines[0]?.productType).toBe('service');
  });

  it('maps a foreign currency', () => {
    const chf = map(wooFixtures.orders.exportChChf());
    expect(chf.currency).toBe('CHF');
    expect(chf.totals.total).toBe(16800);
  });

  describe('tax mapping problems become issues', () => {
    it('unknown tax rate id', () => {
      const json = wooFixtures.orders.domesticCouponInclTax() as { tax_lines: unknown[] };
      json.tax_lines.splice(1, 1);
      const broken = map(json);
      expect(broken.issues).toEqual([
        'Line "Kochbuch „Regional & Saisonal“" uses tax rate id 2, which has no usable tax line in the order.',
      ]);
      expect(broken.lines[1]?.rateBp).toBeNull();
      expect(buildInvoice(broken, shop).attentionReasons).toContain(broken.issues[0]);
    });

    it('missing rate_percent (old WooCommerce)', () => {
      const json = wooFixtures.orders.guest() as { tax_lines: Record<string, unknown>[] };
      delete json.tax_lines[0]?.rate_percent;
      const broken = map(json);
      expect(broken.issues[0]).toContain('has no rate_percent');
      expect(broken.totals.taxByRate).toBeNull();
    });

    it('tax without breakdown', () => {
      const json = wooFixtures.orders.guest() as { line_items: Record<string, unknown>[] };
      if (json.line_items[0]) json.line_items[0].taxes = [];
      expect(map(json).issues).toEqual(['Line "Kochbuch „Regional & Saisonal“" has tax 1.96 but no tax breakdown.']);
    });

    it('a product taxed at two rates', () => {
      const json = wooFixtures.orders.domesticCouponInclTax() as { line_items: { taxes: unknown[] }[] };
      json.line_items[0]?.taxes.push({ id: 2, total: '0.10', subtotal: '0.10' });
      expect(map(json).issues[0]).toContain('taxed at several rates at once');
    });
  });

  describe('implausible quantities', () => {
    const withQuantity = (quantity: number) => {
      const json = wooFixtures.orders.domesticCouponInclTax() as { line_items: Record<string, unknown>[] };
      if (json.line_items[0]) json.line_items[0].quantity = quantity;
      return map(json);
    };

    it.each([
      [1e308, '1e+308 is more than 1,000,000 units'],
      [1e21, '1e+21 is more than 1,000,000 units'],
      [1e-7, '0.0000001 has more than 4 decimals'],
    ])('%s: kept as received in plain notation, the invoice needs attention', (quantity, problem) => {
      const mapped = withQuantity(quantity);
      const reason = `Line item 101 "T-Shirt Bio-Baumwolle – Größe M" has an implausible quantity: ${problem}.`;
      expect(mapped.issues).toEqual([reason]);
      expect(mapped.lines[0]?.quantity).not.toMatch(/e/i);
      expect(Number(mapped.lines[0]?.quantity)).toBe(quantity);
      // The amounts still come from the line totals.
      expect(mapped.lines[0]?.amounts).toEqual({ net: 3024, tax: 575, gross: 3599 });
      const invoice = buildInvoice(mapped, shop);
      expect(invoice.attentionReasons).toContain(reason);
      expect(invoice.lines[0]?.quantity).not.toMatch(/e/i);
    });

    it('a decimal quantity within bounds is fine when the unit price fits', () => {
      const json = wooFixtures.orders.domesticCouponInclTax() as { line_items: Record<string, unknown>[] };
      if (json.line_items[0]) Object.assign(json.line_items[0], { quantity: 2.5, price: 12.096 });
      const mapped = map(json);
      expect(mapped.issues).toEqual([]);
      expect(mapped.lines[0]?.quantity).toBe('2.5');
    });
  });

  it('splits a shipping line taxed at several rates (Germanized) by the tax shares', () => {
    const json = wooFixtures.orders.domesticCouponInclTax() as { shipping_lines: Record<string, unknown>[] };
    // 4.12 net shipping, taxed 0.61 at 19 % and 0.10 at 7 %: bases 3.21 and 1.43 → nets split 2.84 / 1.28
    if (json.shipping_lines[0]) {
      json.shipping_lines[0].total_tax = '0.71';
      json.shipping_lines[0].taxes = [
        { id: 1, total: '0.61', subtotal: '' },
        { id: 2, total: '0.1', subtotal: '' },
      ];
    }
    const split = map(json);
    expect(split.issues).toEqual([]);
    const shipping = split.lines.filter((l) => l.kind === 'shipping');
    expect(shipping).toMatchObject([
      { shopLineId: '103', name: 'DHL Paket (anteilig 19 %)', rateBp: 1900, amounts: { tax: 61 } },
      { shopLineId: '103', name: 'DHL Paket (anteilig 7 %)', rateBp: 700, amounts: { tax: 10 } },
    ]);
    expect(shipping.reduce((s, l) => s + (l.amounts?.net ?? 0), 0)).toBe(412);
    expect(shipping[0]?.amounts?.net).toBe(Math.round((412 * 321) / 464));
  });

  describe('tax rounded at subtotal', () => {
    it('spreads each rate total over the lines', () => {
      const order = map(wooFixtures.orders.roundAtSubtotal(), { roundingMode: 'per_subtotal' });
      expect(order.lines.map((l) => l.amounts)).toEqual([
        { net: 83, tax: 16, gross: 99 },
        { net: 83, tax: 16, gross: 99 },
        { net: 84, tax: 15, gross: 99 },
      ]);
      expect(order.lines.map((l) => l.amountsBeforeDiscount)).toEqual([null, null, null]);
      expect(buildInvoice(order, shop).attentionReasons).toEqual([]);
    });

    it('is flagged, not silently fixed, when mapped as per line', () => {
      const invoice = buildInvoice(map(wooFixtures.orders.roundAtSubtotal()), shop);
      expect(invoice.attentionReasons).toContain(
        "Totals differ from the shop's by 0.01 EUR: the document's VAT is 0.48 EUR, the shop's is 0.47 EUR.",
      );
    });
  });

  it('normalizes WooCommerce GMT dates', () => {
    expect(wooGmtToIso('2026-03-02T09:15:31')).toBe('2026-03-02T09:15:31Z');
    expect(wooGmtToIso('2026-03-02T09:15:31+00:00')).toBe('2026-03-02T09:15:31+00:00');
    expect(wooGmtToIso(null)).toBeNull();
  });
});
