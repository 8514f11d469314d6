// JSON order input -> NormalizedOrder. The schema checks shapes; this checks what needs the currency
// and cross-references (decimals per currency, net + tax = gross, refund lines pointing at order lines).
import type { Address, CustomerSnapshot } from '../documents/document.js';
import { parseDecimal, toScaled } from '../money/decimal.js';
import { tryParseMinor } from '../money/minor.js';
import { type RateBp, taxFromGross } from '../money/vat.js';
import { formatPath, type InputIssue, issuesFromZod, type ParseResult } from './input-issues.js';
import type { LineAmounts, NormalizedOrder, OrderLine, OrderRefund, RefundLine } from './order.js';
import { type OrderInput, orderInputSchema } from './order-input.schema.js';

type Path = (string | number)[];

class Converter {
  readonly issues: InputIssue[] = [];
  constructor(readonly currency: string) {}

  fail(path: Path, message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }

  money(value: string, path: Path): number {
    const minor = tryParseMinor(value, this.currency);
    if (minor === null) this.fail(path, `"${value}" has more decimals than ${this.currency} allows`);
    return minor ?? 0;
  }

  optionalMoney(value: string | undefined, path: Path): number | null {
    return value === undefined ? null : this.money(value, path);
  }

  rate(percent: string, path: Path): RateBp {
    try {
      const bp = Number(toScaled(parseDecimal(percent), 2, 'exact'));
      if (bp <= 10_000) return bp;
    } catch {
      // reported below
    }
    this.fail(path, `"${percent}" is not a VAT rate between 0 and 100 with at most two decimals`);
    return 0;
  }

  /** Two of net/tax/gross (the third is derived) or all three adding up. */
  amounts(given: { net?: string; tax?: string; gross?: string }, path: Path, rateBp?: RateBp): LineAmounts | null {
    const net = this.optionalMoney(given.net, [...path, 'net']);
    const tax = this.optionalMoney(given.tax, [...path, 'tax']);
    const gross = this.optionalMoney(given.gross, [...path, 'gross']);
    if (net !== null && tax !== null && gross !== null) {
      if (net + tax !== gross)
        this.fail(path, `net ${given.net} + tax ${given.tax} does not equal gross ${given.gross}`);
      return { net, tax, gross };
    }
    if (net !== null && tax !== null) return { net, tax, gross: net + tax };
    if (net !== null && gross !== null) return { net, tax: gross - net, gross };
    if (tax !== null && gross !== null) return { net: gross - tax, tax, gross };
    if (gross !== null && rateBp !== undefined) {
      const derived = taxFromGross(gross, rateBp);
      return { net: gross - derived, tax: derived, gross };
    }
    if (net !== null || tax !== null || gross !== null) this.fail(path, 'give two of net, tax and gross');
    return null;
  }
}

function address(input: OrderInput['customer']['billing']): Address {
  return {
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    street: input.street,
    street2: input.street2 ?? null,
    zip: input.zip,
    city: input.city,
    state: input.state ?? null,
    country: input.country,
  };
}

function customer(input: OrderInput['customer']): CustomerSnapshot {
  return {
    customerId: input.id ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    company: input.company ?? input.billing.company ?? null,
    vatId: input.vatId?.trim() || null,
    // Only when given, so snapshots without one stay as they were.
    ...(input.buyerReference?.trim() ? { buyerReference: input.buyerReference.trim() } : {}),
    billing: address(input.billing),
    shipping: input.shipping ? address(input.shipping) : null,
  };
}

function lines(input: OrderInput, c: Converter): OrderLine[] {
  const seen = new Set<string>();
  return input.lines.map((line, i) => {
    const path = ['lines', i];
    if (line.id !== undefined) {
      if (seen.has(line.id)) c.fail([...path, 'id'], `duplicate line id "${line.id}"`);
      seen.add(line.id);
    }
    const rateBp = c.rate(line.taxRate, [...path, 'taxRate']);
    const amounts = c.amounts(line, path);
    if (!amounts && line.unitPrice === undefined)
      c.fail(path, "give the line's totals (two of net, tax, gross) or a unitPrice");
    let before: LineAmounts | null = null;
    if (line.beforeDiscount) {
      const net = c.money(line.beforeDiscount.net, [...path, 'beforeDiscount', 'net']);
      const tax = c.money(line.beforeDiscount.tax, [...path, 'beforeDiscount', 'tax']);
      before = { net, tax, gross: net + tax };
      if (!amounts) c.fail([...path, 'beforeDiscount'], 'beforeDiscount needs the line totals after discount as well');
    }
    return {
      shopLineId: line.id ?? null,
      kind: line.kind,
      name: line.name,
      sku: line.sku ?? null,
      productId: line.productId ?? null,
      productType: line.kind === 'product' ? (line.productType ?? 'goods') : null,
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? null,
      rateBp,
      amounts,
      amountsBeforeDiscount: before,
    };
  });
}

function refunds(input: OrderInput, orderLines: OrderLine[], c: Converter): OrderRefund[] {
  return input.refunds.map((refund, r) => {
    const amount = c.money(refund.amount, ['refunds', r, 'amount']);
    if (amount <= 0) c.fail(['refunds', r, 'amount'], 'a refund amount must be positive');
    const refundLines = refund.lines?.map((line, j): RefundLine => {
      const path = ['refunds', r, 'lines', j];
      const source = orderLines.find((l) => l.shopLineId === line.lineId);
      if (!source) c.fail([...path, 'lineId'], `no order line has id "${line.lineId}"`);
      const amounts = c.amounts(line, path, source?.rateBp ?? undefined);
      if (!amounts) c.fail(path, 'give the refunded gross (or two of net, tax, gross)');
      return {
        shopLineId: line.lineId,
        kind: source?.kind ?? 'product',
        name: source?.name ?? line.lineId,
        quantity: line.quantity,
        rateBp: source?.rateBp ?? null,
        amounts: amounts ?? { net: 0, tax: 0, gross: 0 },
      };
    });
    return {
      refundId: refund.id,
      reason: refund.reason ?? null,
      amount,
      date: refund.date ?? null,
      lines: refundLines && refundLines.length > 0 ? refundLines : null,
    };
  });
}

export function orderFromInput(input: OrderInput): ParseResult<NormalizedOrder> {
  const c = new Converter(input.currency);
  const orderLines = lines(input, c);
  const t = input.totals;
  const order: NormalizedOrder = {
    shopOrderId: input.id,
    number: input.number ?? input.id,
    status: input.status,
    currency: input.currency,
    createdAt: input.createdAt,
    paidAt: input.paidAt ?? null,
    completedAt: input.completedAt ?? null,
    pricesIncludeTax: input.pricesIncludeTax,
    roundingMode: input.roundingMode,
    customer: customer(input.customer),
    paymentMethod: input.payment?.method ?? null,
    paymentMethodTitle: input.payment?.title ?? null,
    transactionId: input.payment?.transactionId ?? null,
    lines: orderLines,
    coupons: input.coupons.map((coupon, i) => ({
      code: coupon.code,
      discount: c.money(coupon.discount, ['coupons', i, 'discount']),
      discountTax: c.money(coupon.discountTax, ['coupons', i, 'discountTax']),
    })),
    totals: {
      total: c.money(t.total, ['totals', 'total']),
      totalTax: c.money(t.totalTax, ['totals', 'totalTax']),
      shipping: c.optionalMoney(t.shipping, ['totals', 'shipping']),
      shippingTax: c.optionalMoney(t.shippingTax, ['totals', 'shippingTax']),
      discount: c.optionalMoney(t.discount, ['totals', 'discount']),
      discountTax: c.optionalMoney(t.discountTax, ['totals', 'discountTax']),
      taxByRate: null,
    },
    refunds: refunds(input, orderLines, c),
    issues: [],
  };
  return c.issues.length > 0 ? { ok: false, issues: c.issues } : { ok: true, value: order };
}

/** Validates JSON from the API and normalizes it; all problems come back with their paths. */
export function parseOrderInput(json: unknown): ParseResult<NormalizedOrder> {
  const parsed = orderInputSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  return orderFromInput(parsed.data);
}
