// How sevDesk derives position sums. The transfer code chooses positions so that these exact roundings
// reproduce the shop's invoice (product.md "Cents that must agree"), so they come from the shared vat.ts.
import { roundHalfUp, taxFromGross, taxFromNet } from '../domain/money/vat.js';

export interface PositionSums {
  sumNet: number;
  sumTax: number;
  sumGross: number;
}

/** A voucher position: `net:true` → sumNet authoritative, tax = round(net·r); `net:false` → sumGross authoritative, tax = round(gross·r/(1+r)). */
export function voucherPositionSums(net: boolean, amountMinor: number, rateBp: number): PositionSums {
  if (net) {
    const sumTax = taxFromNet(amountMinor, rateBp);
    return { sumNet: amountMinor, sumTax, sumGross: amountMinor + sumTax };
  }
  const sumTax = taxFromGross(amountMinor, rateBp);
  return { sumNet: amountMinor - sumTax, sumTax, sumGross: amountMinor };
}

/**
 * An invoice or credit note position: line = round(price · quantity · (1 − discount%)), net or gross as the
 * document shows (`showNet`), tax derived per position like vouchers.
 */
export function salesPositionSums(
  showNet: boolean,
  priceMinorTimes10000: bigint,
  quantity: number,
  discountPercent: number,
  rateBp: number,
): PositionSums {
  // price carries 4 extra decimals; quantity and discount are scaled to integers to stay exact.
  const quantityScaled = BigInt(Math.round(quantity * 10_000));
  const discountFactor = BigInt(Math.round((100 - discountPercent) * 100)); // 10000 = no discount
  const line = Number(roundHalfUp(priceMinorTimes10000 * quantityScaled * discountFactor, 10_000n * 10_000n * 10_000n));
  return voucherPositionSums(showNet, line, rateBp);
}

export function addSums(positions: readonly PositionSums[]): PositionSums {
  const total = { sumNet: 0, sumTax: 0, sumGross: 0 };
  for (const p of positions) {
    total.sumNet += p.sumNet;
    total.sumTax += p.sumTax;
    total.sumGross += p.sumGross;
  }
  return total;
}

/** A decimal price ("16.8067", 16.8067) as cents × 10⁴, exact. */
export function priceToScaledMinor(value: unknown): bigint {
  const text =
    typeof value === 'number' ? (String(value).includes('e') ? value.toFixed(8) : String(value)) : String(value);
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a price: ${text}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const scaled = BigInt(whole || '0') * 1_000_000n + BigInt((fraction.slice(0, 6) || '0').padEnd(6, '0'));
  return sign === '-' ? -scaled : scaled;
}
