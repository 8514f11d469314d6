// Order -> invoice document that reproduces the shop's totals to the cent. The shop's own line
// totals win; we only compute where the shop gave unit prices. Any mismatch is reported, never "fixed".
import { formatMinor } from '../money/minor.js';
import { type RateBp, taxFromNet } from '../money/vat.js';
import type { LineAmounts, NormalizedOrder, OrderLine } from '../orders/order.js';
import { determineTaxCase, type ShopTaxSettings } from '../tax/determine-tax-case.js';
import { formatRate, formatRateDe } from '../tax/rate-format.js';
import { type NoteLanguage, taxNote } from '../tax/tax-notes.js';
import { berlinDate } from './dates.js';
import type { DocumentData, DocumentLine, Minor } from './document.js';
import { amountsFromUnitPrices, unitPriceNet } from './line-amounts.js';
import { quantityReasons } from './quantity-rules.js';
import { taxFactsFor } from './tax-facts.js';
import { sumTotals } from './totals.js';

export interface BuildInvoiceOptions {
  /** YYYY-MM-DD; set at finalization. Default: the order's date in Berlin. */
  issueDate?: string;
  /** YYYY-MM-DD; default: completion, payment or order date in Berlin. */
  deliveryDate?: string;
  /** Language of generated texts (discount lines, tax note). Default German. */
  language?: NoteLanguage;
}

const ZERO: LineAmounts = { net: 0, tax: 0, gross: 0 };

/** Line amounts: the shop's where given, else computed from unit prices (per line or per subtotal). */
function resolveAmounts(order: NormalizedOrder, reasons: string[]): LineAmounts[] {
  const amounts: LineAmounts[] = order.lines.map((line) => line.amounts ?? ZERO);
  const priced = order.lines.flatMap((line, index) =>
    !line.amounts && line.unitPrice !== null ? [{ index, line, unitPrice: line.unitPrice }] : [],
  );
  const computed = amountsFromUnitPrices(
    priced.map(({ line, unitPrice }) => ({ quantity: line.quantity, unitPrice, rateBp: line.rateBp ?? 0 })),
    { currency: order.currency, pricesIncludeTax: order.pricesIncludeTax, roundingMode: order.roundingMode },
  );
  priced.forEach(({ index }, k) => {
    amounts[index] = computed[k] ?? ZERO;
  });
  order.lines.forEach((line, index) => {
    const label = `Line ${index + 1} "${line.name}"`;
    if (!line.amounts && line.unitPrice === null) reasons.push(`${label} has neither amounts nor a unit price.`);
    if (line.rateBp === null) reasons.push(`${label} has no VAT rate.`);
  });
  return amounts;
}

function toDocumentLine(line: OrderLine, amounts: LineAmounts, currency: string): Omit<DocumentLine, 'position'> {
  return {
    kind: line.kind,
    name: line.name,
    sku: line.sku,
    productId: line.productId,
    productType: line.productType,
    quantity: line.quantity,
    unitPriceNet: unitPriceNet(amounts.net, line.quantity, currency),
    rateBp: line.rateBp ?? 0,
    sourceLineId: line.shopLineId,
    ...amounts,
  };
}

function discountName(codes: string[], rateBp: RateBp, showRate: boolean, language: NoteLanguage): string {
  const de = language === 'de';
  const coupon = codes.length > 0 ? ` (${de ? 'Gutschein' : 'coupon'}: ${codes.join(', ')})` : '';
  const rate = showRate ? (de ? `, ${formatRateDe(rateBp)} USt.` : `, ${formatRate(rateBp)} VAT`) : '';
  return `${de ? 'Rabatt' : 'Discount'}${coupon}${rate}`;
}

/**
 * Product lines are shown before coupon discounts; the discounts (WooCommerce total − subtotal) become
 * one discount line per rate, so net/tax/gross per rate stay exactly the shop's.
 */
function buildLines(
  order: NormalizedOrder,
  amounts: LineAmounts[],
  language: NoteLanguage,
): Omit<DocumentLine, 'position'>[] {
  const products: Omit<DocumentLine, 'position'>[] = [];
  const others: Omit<DocumentLine, 'position'>[] = [];
  const discounts = new Map<RateBp, LineAmounts>();
  order.lines.forEach((line, index) => {
    const after = amounts[index] ?? ZERO;
    const before = line.amountsBeforeDiscount;
    const discounted = before && (before.net !== after.net || before.tax !== after.tax);
    const shown = discounted ? before : after;
    if (shown !== after) {
      const rate = line.rateBp ?? 0;
      const d = discounts.get(rate) ?? { net: 0, tax: 0, gross: 0 };
      discounts.set(rate, {
        net: d.net + after.net - shown.net,
        tax: d.tax + after.tax - shown.tax,
        gross: d.gross + after.gross - shown.gross,
      });
    }
    (line.kind === 'product' ? products : others).push(toDocumentLine(line, shown, order.currency));
  });
  const codes = order.coupons.map((coupon) => coupon.code).filter(Boolean);
  const discountLines = [...discounts.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, d]) => ({
      kind: 'discount' as const,
      name: discountName(codes, rateBp, discounts.size > 1, language),
      sku: null,
      productId: null,
      productType: null,
      quantity: '1',
      unitPriceNet: unitPriceNet(d.net, '1', order.currency),
      rateBp,
      sourceLineId: null,
      ...d,
    }));
  return [...products, ...discountLines, ...others];
}

function money(minor: Minor, currency: string): string {
  return `${formatMinor(minor, currency)} ${currency}`;
}

function compareWithShop(order: NormalizedOrder, totals: DocumentData['totals']): string[] {
  const { currency } = order;
  const reasons: string[] = [];
  const differ = (what: string, ours: Minor, theirs: Minor) => {
    if (ours !== theirs) {
      reasons.push(
        `Totals differ from the shop's by ${money(Math.abs(ours - theirs), currency)}: the document's ${what} is ${money(ours, currency)}, the shop's is ${money(theirs, currency)}.`,
      );
    }
  };
  differ('gross total', totals.gross, order.totals.total);
  differ('VAT', totals.tax, order.totals.totalTax);
  for (const shopRate of order.totals.taxByRate ?? []) {
    const ours = totals.byRate.find((t) => t.rateBp === shopRate.rateBp)?.tax ?? 0;
    differ(`VAT at ${formatRate(shopRate.rateBp)}`, ours, shopRate.tax);
  }
  return reasons;
}

/** Catches a wrongly mapped rate: each rate's VAT must fit its net within the shop's per-line rounding. */
function checkRatePlausibility(order: NormalizedOrder, totals: DocumentData['totals']): string[] {
  return totals.byRate.flatMap((t) => {
    const expected = taxFromNet(t.net, t.rateBp);
    const lines = order.lines.filter((l) => (l.rateBp ?? 0) === t.rateBp).length;
    if (Math.abs(t.tax - expected) <= Math.max(1, lines)) return [];
    return [
      `VAT at ${formatRate(t.rateBp)} is ${money(t.tax, order.currency)} but its net amount ${money(t.net, order.currency)} implies about ${money(expected, order.currency)}; check the line rates.`,
    ];
  });
}

export function buildInvoice(
  order: NormalizedOrder,
  shop: ShopTaxSettings,
  options: BuildInvoiceOptions = {},
): DocumentData {
  const language = options.language ?? 'de';
  const reasons = [...order.issues];
  const amounts = resolveAmounts(order, reasons);
  const lines: DocumentLine[] = buildLines(order, amounts, language).map((line, i) => ({ position: i + 1, ...line }));
  const totals = sumTotals(lines);
  reasons.push(
    ...quantityReasons({ lines, cancels: null }),
    ...compareWithShop(order, totals),
    ...checkRatePlausibility(order, totals),
  );

  const deliveryDate = options.deliveryDate ?? berlinDate(order.completedAt ?? order.paidAt ?? order.createdAt);
  const facts = taxFactsFor(order, lines, deliveryDate);
  const tax = determineTaxCase(shop, facts);
  reasons.push(...tax.reasons);
  const note = tax.taxCase
    ? taxNote(tax.taxCase, { vatId: facts.vatId, destinationCountry: facts.destinationCountry }, language)
    : null;

  return {
    type: 'invoice',
    currency: order.currency,
    issueDate: options.issueDate ?? berlinDate(order.createdAt),
    deliveryDate,
    orderNumber: order.number,
    orderId: order.shopOrderId,
    paymentMethod: order.paymentMethod,
    paymentMethodTitle: order.paymentMethodTitle,
    paymentTransactionId: order.transactionId,
    paidAt: order.paidAt,
    customer: order.customer,
    taxCase: tax.taxCase,
    attentionReasons: [...new Set(reasons)],
    lines,
    totals,
    cancels: null,
    notes: note ? [note] : [],
  };
}
