import { isCurrencyCode } from '../../domain/money/currency.js';
import type { NormalizedOrder } from '../../domain/orders/order.js';

// Impossible data is stored as received and flagged with reasons; it is never "fixed" and never finalized
// automatically. (Rates that match no tax case are found by the invoice builder and flagged the same way.)

export function hasValidCurrency(order: NormalizedOrder): boolean {
  return typeof order.currency === 'string' && isCurrencyCode(order.currency);
}

export function orderFlags(order: NormalizedOrder): string[] {
  const flags: string[] = [];
  if (!hasValidCurrency(order)) {
    flags.push(
      order.currency
        ? `The order's currency "${order.currency}" is not an ISO 4217 code; no document can be issued.`
        : 'The order has no currency; no document can be issued.',
    );
  }
  const hasRefund = order.refunds.length > 0;
  order.lines.forEach((line, i) => {
    const qty = Number(line.quantity);
    const negativeAmount = (line.amounts?.gross ?? 0) < 0 && line.kind !== 'discount';
    if ((qty < 0 || negativeAmount) && !hasRefund) {
      flags.push(
        `Line ${i + 1} "${line.name}" has a negative ${qty < 0 ? `quantity (${line.quantity})` : 'amount'} but the order has no refund.`,
      );
    }
  });
  if (order.lines.length === 0) flags.push('The order has no lines.');
  return flags;
}
