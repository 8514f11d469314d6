// Line quantities from WooCommerce. Core WooCommerce stores whole pieces; unit plugins (weights, lengths) allow
// decimals. A quantity outside the documents' bounds (src/domain/documents/quantity-rules.ts, the same for the JSON
// API) is no real sale but a broken plugin or a forged payload: the line is kept as received, in plain notation
// (never "1e+21"), and flagged, so a person looks before anything is issued.
import { MAX_QUANTITY_DECIMALS, numberQuantityProblem, plainNumber } from '../../domain/documents/quantity-rules.js';
import { currencyDecimals } from '../../domain/money/currency.js';
import { type Decimal, formatScaled, multiply, parseDecimal, toScaled } from '../../domain/money/decimal.js';
import type { WooLineItem } from './schemas.js';

export interface WooQuantity {
  /** The quantity in plain decimal notation, exactly as received. */
  text: string;
  /** Why no accountant would accept it; null when it is plausible. */
  problem: string | null;
}

export function wooQuantity(value: number): WooQuantity {
  return { text: Number.isFinite(value) ? plainNumber(value) : String(value), problem: numberQuantityProblem(value) };
}

const abs = (n: bigint) => (n < 0n ? -n : n);

function tryDecimal(value: string | number | null | undefined): Decimal | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    return parseDecimal(value);
  } catch {
    return null;
  }
}

/**
 * Does WooCommerce's unit price (`price`, total ÷ quantity in core; some plugins send the subtotal's or a gross
 * price) times the quantity give one of the line's amounts? Only a mismatch "by far" counts: more than 1 % and
 * more than one minor unit per piece, so float prices like 0.831933 for 0.83 pass.
 */
function priceMismatch(item: WooLineItem, quantityText: string, currency: string): string | null {
  const quantity = parseDecimal(quantityText);
  const price = tryDecimal(item.price);
  let digits: number;
  try {
    digits = currencyDecimals(currency);
  } catch {
    return null; // the invalid currency is flagged on its own
  }
  const amounts = [item.total, item.subtotal, item.total_tax, item.subtotal_tax].map(tryDecimal);
  if (!price || amounts.some((a) => a === null)) return null;
  const [total, subtotal, totalTax, subtotalTax] = amounts as [Decimal, Decimal, Decimal, Decimal];
  const product = multiply(price, quantity);
  const scale = Math.max(product.scale, ...(amounts as Decimal[]).map((a) => a.scale)) + digits + MAX_QUANTITY_DECIMALS;
  const at = (d: Decimal) => toScaled(d, scale, 'exact');
  const expected = at(product);
  const minorUnit = 10n ** BigInt(scale - digits);
  const whole = abs(at(quantity)) / 10n ** BigInt(scale);
  const pieces = whole > 1n ? whole : 1n;
  const candidates = [at(total), at(subtotal), at(total) + at(totalTax), at(subtotal) + at(subtotalTax)];
  const close = candidates.some((amount) => {
    const tolerance = abs(amount) / 100n > minorUnit * pieces ? abs(amount) / 100n : minorUnit * pieces;
    return abs(expected - amount) <= tolerance;
  });
  if (close) return null;
  const money = formatScaled(toScaled(product, digits, 'half_up'), digits);
  return `quantity ${quantityText} × unit price ${String(item.price)} = ${money} ${currency} does not match its total of ${item.total} ${currency}`;
}

/**
 * Reasons a product line's quantity cannot be right: out of bounds, 0 for a line with an amount, or at odds with
 * the line's unit price and total. The line is named by its name and WooCommerce item id.
 */
export function lineItemQuantityIssues(item: WooLineItem, currency: string): string[] {
  const label = `Line item ${item.id} "${item.name}"`;
  const { text, problem } = wooQuantity(item.quantity);
  if (problem) return [`${label} has an implausible quantity: ${problem}.`];
  if (parseDecimal(text).coefficient === 0n) {
    const amounts = [item.total, item.subtotal].map(tryDecimal);
    return amounts.some((a) => a !== null && a.coefficient !== 0n)
      ? [`${label} has quantity 0 but a total of ${item.total} ${currency}.`]
      : [];
  }
  const mismatch = priceMismatch(item, text, currency);
  return mismatch ? [`${label}: ${mismatch}.`] : [];
}
