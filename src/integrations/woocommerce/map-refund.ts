// WooCommerce refund (GET /orders/{id}/refunds/{rid}) -> OrderRefund. WooCommerce reports refunded lines
// with negative quantities and totals and links them to the order item via `_refunded_item_id`.
import { allocate } from '../../domain/money/allocate.js';
import { parseMinor } from '../../domain/money/minor.js';
import type { LineAmounts, NormalizedOrder, OrderLine, OrderRefund, RefundLine } from '../../domain/orders/order.js';
import { metaValue } from './map-customer.js';
import { wooGmtToIso } from './map-order.js';
import { wooQuantity } from './quantity.js';
import type { WooMeta, WooRefund } from './schemas.js';

export interface MappedWooRefund {
  /** The refund; its problems are in `refund.issues`, each naming the refund and the line. */
  refund: OrderRefund;
  /** Why the refund's lines cannot be used at all (an implausible quantity): no cancellation may come from it. */
  held: string[];
}

interface RawRefundLine {
  name: string;
  quantity: number;
  total: string;
  totalTax: string;
  meta: readonly WooMeta[];
}

function split(amounts: LineAmounts, sources: readonly OrderLine[]): LineAmounts[] {
  const weights = (pick: (a: LineAmounts) => number) => sources.map((s) => (s.amounts ? pick(s.amounts) : 0));
  const share = (total: number, w: number[]) =>
    w.reduce((a, b) => a + b, 0) === 0 ? sources.map((_, i) => (i === 0 ? total : 0)) : allocate(total, w);
  const nets = share(
    amounts.net,
    weights((a) => a.net),
  );
  const taxes = share(
    amounts.tax,
    weights((a) => a.tax),
  );
  return sources.map((_, i) => ({ net: nets[i] ?? 0, tax: taxes[i] ?? 0, gross: (nets[i] ?? 0) + (taxes[i] ?? 0) }));
}

export function mapWooRefund(refund: WooRefund, order: NormalizedOrder): MappedWooRefund {
  // Each problem of a line or of the refund itself; what its cancellation would contain depends on all of them.
  const problems: { line: string | null; text: string }[] = [];
  const held: string[] = [];
  const money = (value: string, line: string | null, what: string): number => {
    try {
      return parseMinor(value, order.currency, 'half_up');
    } catch {
      problems.push({ line, text: `${what} "${value}" is not a valid amount.` });
      return 0;
    }
  };

  const raw: RawRefundLine[] = [
    ...refund.line_items.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      total: l.total,
      totalTax: l.total_tax,
      meta: l.meta_data,
    })),
    ...refund.shipping_lines.map((l) => ({
      name: l.method_title,
      quantity: 1,
      total: l.total,
      totalTax: l.total_tax,
      meta: l.meta_data,
    })),
    ...refund.fee_lines.map((l) => ({
      name: l.name,
      quantity: 1,
      total: l.total,
      totalTax: l.total_tax,
      meta: l.meta_data,
    })),
  ];

  const lines = raw.flatMap((line): RefundLine[] => {
    const net = -money(line.total, line.name, 'total');
    const tax = -money(line.totalTax, line.name, 'tax');
    if (net === 0 && tax === 0) return [];
    if (net < 0 || tax < 0)
      problems.push({
        line: line.name,
        text: 'has a positive total; WooCommerce refunds lines with negative amounts.',
      });
    const itemId = metaValue(line.meta, '_refunded_item_id');
    const shopLineId = itemId === undefined || itemId === null || itemId === '' ? null : String(itemId);
    const sources = shopLineId ? order.lines.filter((l) => l.shopLineId === shopLineId) : [];
    if (sources.length === 0)
      problems.push({ line: line.name, text: `does not refer to a line of order ${order.number}.` });
    // WooCommerce refunds an amount without restocking as quantity 0: one unit of that amount.
    const checked = wooQuantity(Math.abs(line.quantity));
    if (checked.problem)
      held.push(`Refund ${refund.id}, line "${line.name}", has an implausible quantity: ${checked.problem}.`);
    const quantity = line.quantity === 0 ? '1' : checked.text;
    const amounts = { net: Math.abs(net), tax: Math.abs(tax), gross: Math.abs(net) + Math.abs(tax) };
    if (sources.length <= 1) {
      const source = sources[0];
      return [
        {
          shopLineId,
          kind: source?.kind ?? 'product',
          name: line.name,
          quantity,
          rateBp: source?.rateBp ?? null,
          amounts,
        },
      ];
    }
    // The order line was split by rate (shipping taxed at several rates): split its refund alike.
    return split(amounts, sources).map((part, i) => ({
      shopLineId,
      kind: sources[i]?.kind ?? 'shipping',
      name: sources[i]?.name ?? line.name,
      quantity,
      rateBp: sources[i]?.rateBp ?? null,
      amounts: part,
    }));
  });

  const amount = money(refund.amount, null, 'amount');
  const named = problems.map((p) =>
    p.line === null ? `Refund ${refund.id} ${p.text}` : `Refund ${refund.id}, line "${p.line}", ${p.text}`,
  );
  return {
    refund: {
      refundId: String(refund.id),
      reason: refund.reason?.trim() || null,
      amount: Math.abs(amount),
      date: wooGmtToIso(refund.date_created_gmt),
      lines: lines.length > 0 ? lines : null,
      // Only when there is something, so a clean refund's snapshot stays as it was.
      ...(named.length > 0 ? { issues: named } : {}),
    },
    held,
  };
}
