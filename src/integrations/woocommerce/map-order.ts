// WooCommerce order JSON -> NormalizedOrder. The shop's line totals are kept as they are; what cannot be
// mapped (unknown tax rate, several rates on a product) is recorded in `issues`, never guessed.
import type { ProductTypeRules } from '../../domain/accounting/accounting-settings.js';
import { allocate } from '../../domain/money/allocate.js';
import type { RateBp } from '../../domain/money/vat.js';
import type { LineAmounts, NormalizedOrder, OrderLine, OrderRefund, RoundingMode } from '../../domain/orders/order.js';
import { formatRateDe } from '../../domain/tax/rate-format.js';
import { type LineTaxResult, lineTax, wooRateMap } from './line-tax.js';
import { wooCustomerSnapshot } from './map-customer.js';
import { lineItemQuantityIssues } from './quantity.js';
import { type RawLine, rawLinesOf, type WooProductInfoLookup } from './raw-lines.js';
import type { WooOrder } from './schemas.js';
import { applySubtotalRounding, type MappedLines } from './subtotal-rounding.js';
import { WooMoney } from './woo-money.js';

export type { WooProductInfo } from './raw-lines.js';
export { PRODUCT_TYPE_META_KEY } from './raw-lines.js';

export interface MapWooOrderOptions {
  /** Product facts from the catalogue (GET /products/{id}); line items do not carry them. */
  productInfo?: WooProductInfoLookup;
  /** The shop's "Round tax at subtotal level" setting (woocommerce_tax_round_at_subtotal). Default per_line. */
  roundingMode?: RoundingMode;
  /** The shop's product-type mapping (settings.documents.productTypes) for lines without flags. */
  productTypes?: Partial<ProductTypeRules>;
}

/** WooCommerce sends "…_gmt" dates without an offset. */
export function wooGmtToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
}

const amounts = (net: number, tax: number): LineAmounts => ({ net, tax, gross: net + tax });

function baseLine(raw: RawLine): OrderLine {
  return {
    shopLineId: raw.shopLineId,
    kind: raw.kind,
    name: raw.name,
    sku: raw.sku,
    productId: raw.productId,
    productType: raw.productType,
    quantity: raw.quantity,
    unitPrice: null,
    rateBp: null,
    amounts: null,
    amountsBeforeDiscount: null,
  };
}

/**
 * A line taxed at several rates (Germanized splits shipping by cart share) becomes one line per rate:
 * tax split by the shop's shares, net by the base behind each share (tax / rate).
 */
function splitLine(raw: RawLine, shares: { rateBp: RateBp; tax: string }[], money: WooMoney): OrderLine[] | null {
  if (shares.some((share) => share.rateBp === 0)) return null;
  const taxWeights = shares.map((share) => money.weight(share.tax));
  const netWeights = taxWeights.map((w, i) => Math.round((w * 10_000) / (shares[i]?.rateBp ?? 1)));
  if (taxWeights.reduce((a, b) => a + b, 0) === 0 || netWeights.reduce((a, b) => a + b, 0) === 0) return null;
  const taxes = allocate(money.minor(raw.totalTax, `Tax of "${raw.name}"`), taxWeights);
  const nets = allocate(money.minor(raw.total, `Total of "${raw.name}"`), netWeights);
  return shares.map((share, i) => ({
    ...baseLine(raw),
    name: `${raw.name} (anteilig ${formatRateDe(share.rateBp)})`,
    rateBp: share.rateBp,
    amounts: amounts(nets[i] ?? 0, taxes[i] ?? 0),
  }));
}

function toOrderLines(raw: RawLine, result: LineTaxResult, money: WooMoney): OrderLine[] {
  const after = amounts(
    money.minor(raw.total, `Total of "${raw.name}"`),
    money.minor(raw.totalTax, `Tax of "${raw.name}"`),
  );
  // A line without coupon discount has subtotal == total; only discounted lines keep a "before".
  const before =
    raw.subtotal !== null &&
    raw.subtotalTax !== null &&
    (raw.subtotal !== raw.total || raw.subtotalTax !== raw.totalTax)
      ? amounts(
          money.minor(raw.subtotal, `Subtotal of "${raw.name}"`),
          money.minor(raw.subtotalTax, `Subtotal tax of "${raw.name}"`),
        )
      : null;
  if (result.kind === 'split') {
    const lines = splitLine(raw, result.shares, money);
    if (lines) return lines;
    money.issues.push(`Line "${raw.name}" is taxed at several rates in a way that cannot be split.`);
  }
  if (result.kind === 'error') money.issues.push(result.message);
  return [
    {
      ...baseLine(raw),
      rateBp: result.kind === 'single' ? result.rateBp : null,
      amounts: after,
      amountsBeforeDiscount: before,
    },
  ];
}

function refundSummaries(order: WooOrder, money: WooMoney): OrderRefund[] {
  return order.refunds.map((refund) => ({
    refundId: String(refund.id),
    reason: refund.reason?.trim() || null,
    // The order's summary lists refunds as negative totals; the lines come from /orders/{id}/refunds/{rid}.
    amount: Math.abs(money.minor(refund.total, `Refund ${refund.id}`)),
    date: null,
    lines: null,
  }));
}

function taxByRate(order: WooOrder, money: WooMoney): NormalizedOrder['totals']['taxByRate'] {
  if (order.tax_lines.some((t) => t.rate_percent === null || t.rate_percent === undefined)) return null;
  const byRate = new Map<RateBp, number>();
  for (const t of order.tax_lines) {
    const rateBp = Math.round((t.rate_percent ?? 0) * 100);
    const tax = money.minor(t.tax_total, 'Tax total') + money.minor(t.shipping_tax_total, 'Shipping tax total');
    byRate.set(rateBp, (byRate.get(rateBp) ?? 0) + tax);
  }
  return [...byRate.entries()].map(([rateBp, tax]) => ({ rateBp, tax })).sort((a, b) => b.rateBp - a.rateBp);
}

export function mapWooOrder(order: WooOrder, options: MapWooOrderOptions = {}): NormalizedOrder {
  const issues: string[] = [];
  const money = new WooMoney(order.currency, issues);
  const { rates, issues: rateIssues } = wooRateMap(order.tax_lines);
  issues.push(...rateIssues);
  // The amounts come from the line totals, but the quantity is printed: an absurd one keeps the invoice a draft.
  for (const item of order.line_items) issues.push(...lineItemQuantityIssues(item, order.currency));

  const mapped = rawLinesOf(order, options.productInfo, options.productTypes).map((raw): MappedLines => {
    const lines = toOrderLines(raw, lineTax(raw.name, raw.taxes, raw.totalTax, rates, raw.kind !== 'product'), money);
    return { raw, lines, split: lines.length > 1 };
  });
  const roundingMode = options.roundingMode ?? 'per_line';
  if (roundingMode === 'per_subtotal') applySubtotalRounding(order, mapped, rates, money);

  return {
    shopOrderId: String(order.id),
    number: order.number,
    status: order.status,
    currency: order.currency,
    createdAt: wooGmtToIso(order.date_created_gmt) ?? '',
    paidAt: wooGmtToIso(order.date_paid_gmt),
    completedAt: wooGmtToIso(order.date_completed_gmt),
    pricesIncludeTax: order.prices_include_tax,
    roundingMode,
    customer: wooCustomerSnapshot({
      customerId: order.customer_id,
      billing: order.billing,
      shipping: order.shipping,
      meta: order.meta_data,
    }),
    paymentMethod: order.payment_method || null,
    paymentMethodTitle: order.payment_method_title || null,
    transactionId: order.transaction_id || null,
    lines: mapped.flatMap((m) => m.lines),
    coupons: order.coupon_lines.map((coupon) => ({
      code: coupon.code,
      discount: money.minor(coupon.discount, `Coupon ${coupon.code}`),
      discountTax: money.minor(coupon.discount_tax, `Coupon tax ${coupon.code}`),
    })),
    totals: {
      total: money.minor(order.total, 'Order total'),
      totalTax: money.minor(order.total_tax, 'Order tax'),
      shipping: money.minor(order.shipping_total, 'Shipping total'),
      shippingTax: money.minor(order.shipping_tax, 'Shipping tax'),
      discount: money.minor(order.discount_total, 'Discount total'),
      discountTax: money.minor(order.discount_tax, 'Discount tax'),
      taxByRate: taxByRate(order, money),
    },
    refunds: refundSummaries(order, money),
    issues,
  };
}
