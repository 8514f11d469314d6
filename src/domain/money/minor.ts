// Shop amounts (decimal strings or numbers) <-> integer minor units of a currency.
import type { Minor } from '../documents/document.js';
import { currencyDecimals } from './currency.js';
import { DecimalError, formatScaled, parseDecimal, type Rounding, toScaled } from './decimal.js';

/**
 * Parses a shop amount into minor units exactly. Extra decimals are refused unless a rounding is named:
 * parseMinor("12.345", "EUR") throws, parseMinor("12.345", "EUR", "half_up") = 1235.
 */
export function parseMinor(value: string | number, currency: string, rounding: Rounding = 'exact'): Minor {
  const units = toScaled(parseDecimal(value), currencyDecimals(currency), rounding);
  const minor = Number(units);
  if (!Number.isSafeInteger(minor)) throw new DecimalError(`amount out of range: ${JSON.stringify(value)}`);
  return minor;
}

/** Like parseMinor, but returns null instead of throwing (for validation messages). */
export function tryParseMinor(value: string | number, currency: string, rounding: Rounding = 'exact'): Minor | null {
  try {
    return parseMinor(value, currency, rounding);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Minor units as a plain decimal string: formatMinor(11900, 'EUR') = "119.00", formatMinor(-5, 'EUR') = "-0.05". */
export function formatMinor(minor: Minor, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount of minor units: ${minor}`);
  return formatScaled(BigInt(minor), currencyDecimals(currency));
}
