// Line amounts when a shop sends only unit prices: the named rounding points are
// the line base (qty × unit price, half up) and the tax (per line, or once per rate for per_subtotal).
import { allocate } from '../money/allocate.js';
import { currencyDecimals } from '../money/currency.js';
import { divideRounded, formatScaled, multiply, parseDecimal, toScaled } from '../money/decimal.js';
import { type RateBp, taxFromGross, taxFromNet } from '../money/vat.js';
import type { LineAmounts, RoundingMode } from '../orders/order.js';
import type { Minor } from './document.js';

export interface PricedLine {
  quantity: string;
  unitPrice: string;
  rateBp: RateBp;
}

/** quantity × unitPrice in minor units, rounded half up once. */
export function lineBase(line: Pick<PricedLine, 'quantity' | 'unitPrice'>, currency: string): Minor {
  const exact = multiply(parseDecimal(line.quantity), parseDecimal(line.unitPrice));
  const minor = Number(toScaled(exact, currencyDecimals(currency), 'half_up'));
  if (!Number.isSafeInteger(minor)) throw new RangeError('line amount out of range');
  return minor;
}

function fromBase(base: Minor, tax: Minor, pricesIncludeTax: boolean): LineAmounts {
  return pricesIncludeTax ? { net: base - tax, tax, gross: base } : { net: base, tax, gross: base + tax };
}

/**
 * Amounts for lines priced by unit. per_line: each line's tax is rounded on its own.
 * per_subtotal: the tax of each rate is rounded once on the rate's sum and spread over its lines
 * by largest remainder, so the rate total is what a per-subtotal shop shows.
 */
export function amountsFromUnitPrices(
  lines: readonly PricedLine[],
  options: { currency: string; pricesIncludeTax: boolean; roundingMode: RoundingMode },
): LineAmounts[] {
  const { currency, pricesIncludeTax, roundingMode } = options;
  const taxOf = pricesIncludeTax ? taxFromGross : taxFromNet;
  const bases = lines.map((line) => lineBase(line, currency));
  if (roundingMode === 'per_line') {
    return lines.map((line, i) => fromBase(bases[i] ?? 0, taxOf(bases[i] ?? 0, line.rateBp), pricesIncludeTax));
  }
  const taxes = new Array<Minor>(lines.length).fill(0);
  for (const rateBp of new Set(lines.map((line) => line.rateBp))) {
    const indexes = lines.flatMap((line, i) => (line.rateBp === rateBp ? [i] : []));
    const rateBases = indexes.map((i) => bases[i] ?? 0);
    const rateTax = taxOf(
      rateBases.reduce((a, b) => a + b, 0),
      rateBp,
    );
    if (rateTax === 0) continue;
    allocate(rateTax, rateBases).forEach((tax, k) => {
      taxes[indexes[k] ?? 0] = tax;
    });
  }
  return lines.map((_, i) => fromBase(bases[i] ?? 0, taxes[i] ?? 0, pricesIncludeTax));
}

/** Net unit price for display with two decimals more than the currency: 2000 cents / 1.19 -> "16.8067". */
export function unitPriceNet(netMinor: Minor, quantity: string, currency: string): string {
  const decimals = currencyDecimals(currency);
  const qty = parseDecimal(quantity);
  if (qty.coefficient === 0n) return formatScaled(0n, decimals + 2);
  // net / 10^decimals / (coef / 10^qscale), expressed in units of 10^-(decimals+2)
  const numerator = BigInt(netMinor) * 100n * 10n ** BigInt(qty.scale);
  const negative = qty.coefficient < 0n;
  const units = divideRounded(
    negative ? -numerator : numerator,
    negative ? -qty.coefficient : qty.coefficient,
    'half_up',
  );
  return formatScaled(units, decimals + 2);
}
