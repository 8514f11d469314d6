import type { LineAmounts, NormalizedOrder, OrderRefund, RefundLine } from '../../domain/orders/order.js';
import type { RefundInput } from '../../domain/orders/order-input.schema.js';
import { tryParseMinor } from '../../domain/money/minor.js';
import { taxFromGross } from '../../domain/money/vat.js';
import type { FieldIssue } from '../../lib/errors.js';

// A refund sent on its own (POST …/orders/:id/refunds) against the stored order: amounts in the order's
// currency, lines pointing at the order's lines. Same rules as refunds inside an order payload.

export function refundFromInput(
  input: RefundInput,
  order: NormalizedOrder,
): { ok: true; value: OrderRefund } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const money = (value: string | undefined, path: string): number | null => {
    if (value === undefined) return null;
    const minor = tryParseMinor(value, order.currency);
    if (minor === null) issues.push({ path, message: `"${value}" has more decimals than ${order.currency} allows` });
    return minor;
  };
  const amount = money(input.amount, 'amount') ?? 0;
  if (amount <= 0) issues.push({ path: 'amount', message: 'a refund amount must be positive' });

  const lines = (input.lines ?? []).map((line, i): RefundLine => {
    const path = `lines.${i}`;
    const source = order.lines.find((l) => l.shopLineId === line.lineId);
    if (!source) issues.push({ path: `${path}.lineId`, message: `no order line has id "${line.lineId}"` });
    const net = money(line.net, `${path}.net`);
    const tax = money(line.tax, `${path}.tax`);
    const gross = money(line.gross, `${path}.gross`);
    let amounts: LineAmounts | null = null;
    if (net !== null && tax !== null && gross !== null) {
      if (net + tax !== gross) issues.push({ path, message: 'net + tax does not equal gross' });
      amounts = { net, tax, gross };
    } else if (net !== null && tax !== null) amounts = { net, tax, gross: net + tax };
    else if (net !== null && gross !== null) amounts = { net, tax: gross - net, gross };
    else if (tax !== null && gross !== null) amounts = { net: gross - tax, tax, gross };
    else if (gross !== null && source?.rateBp != null) {
      const t = taxFromGross(gross, source.rateBp);
      amounts = { net: gross - t, tax: t, gross };
    }
    // Without the order line there is no rate to derive amounts from; the lineId issue says it all.
    if (!amounts && source) issues.push({ path, message: 'give the refunded gross (or two of net, tax, gross)' });
    return {
      shopLineId: line.lineId,
      kind: source?.kind ?? 'product',
      name: source?.name ?? line.lineId,
      quantity: line.quantity,
      rateBp: source?.rateBp ?? null,
      amounts: amounts ?? { net: 0, tax: 0, gross: 0 },
    };
  });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      refundId: input.id,
      reason: input.reason ?? null,
      amount,
      date: input.date ?? null,
      lines: lines.length > 0 ? lines : null,
    },
  };
}
