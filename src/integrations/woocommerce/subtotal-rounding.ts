// WooCommerce's "Round tax at subtotal level": line taxes stay unrounded and each rate is rounded once,
// while the REST API shows every line's tax rounded on its own (so they may not add up). We spread each
// rate's rounded total (tax_lines) over its lines by their unrounded taxes, to the cent.
import { allocate } from '../../domain/money/allocate.js';
import type { LineAmounts, OrderLine } from '../../domain/orders/order.js';
import type { WooRate } from './line-tax.js';
import type { RawLine } from './raw-lines.js';
import type { WooOrder } from './schemas.js';
import type { WooMoney } from './woo-money.js';

export interface MappedLines {
  raw: RawLine;
  lines: OrderLine[];
  /** Split by rate already (tax shares fixed there). */
  split: boolean;
}

const amounts = (net: number, tax: number): LineAmounts => ({ net, tax, gross: net + tax });

export function applySubtotalRounding(
  order: WooOrder,
  mapped: readonly MappedLines[],
  rates: ReadonlyMap<number, WooRate>,
  money: WooMoney,
): void {
  for (const taxLine of order.tax_lines) {
    const rate = rates.get(taxLine.rate_id);
    if (!rate) continue;
    let target =
      money.minor(taxLine.tax_total, 'Tax total') + money.minor(taxLine.shipping_tax_total, 'Shipping tax total');
    const members: { line: OrderLine; raw: RawLine; weight: number }[] = [];
    for (const { raw, lines, split } of mapped) {
      for (const line of lines) {
        if (line.rateBp !== rate.rateBp || !line.amounts) continue;
        const exactTax = raw.taxes.find((t) => t.id === taxLine.rate_id)?.total;
        if (split || !exactTax) target -= line.amounts.tax;
        else members.push({ line, raw, weight: money.weight(exactTax) });
      }
    }
    const weights = members.map((m) => m.weight);
    if (members.length === 0 || weights.reduce((a, b) => a + b, 0) === 0) continue;
    allocate(target, weights).forEach((tax, k) => {
      const member = members[k];
      if (!member?.line.amounts) return;
      // With prices incl. tax the customer's gross is fixed and net follows; otherwise net is fixed.
      member.line.amounts = order.prices_include_tax
        ? amounts(money.roundSum(member.raw.total, member.weight) - tax, tax)
        : amounts(member.line.amounts.net, tax);
    });
    // Before-discount amounts are rounded per line; only the discount line absorbs the difference.
    for (const { line, raw } of members) {
      const exactSubtotalTax = raw.taxes.find((t) => t.id === taxLine.rate_id)?.subtotal;
      if (!line.amountsBeforeDiscount || !exactSubtotalTax || raw.subtotal === null) continue;
      const weight = money.weight(exactSubtotalTax);
      const tax = money.fromWeight(weight);
      line.amountsBeforeDiscount = order.prices_include_tax
        ? amounts(money.roundSum(raw.subtotal, weight) - tax, tax)
        : amounts(line.amountsBeforeDiscount.net, tax);
    }
  }
}
