// Exact decimals as bigint coefficient + scale. Shops send "12.345", "1e-7" or JSON numbers;
// none of them may pass through float arithmetic on the way to minor units.
import { roundHalfUp } from './vat.js';

/** value = coefficient / 10^scale, scale >= 0. */
export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/**
 * How to drop digits when a decimal has more places than wanted.
 * - exact: refuse (throws) unless the dropped digits are all zero
 * - half_up: half away from zero (commercial rounding, as sevDesk and German invoices)
 * - half_even: banker's rounding
 * - truncate: toward zero
 */
export type Rounding = 'exact' | 'half_up' | 'half_even' | 'truncate';

export class DecimalError extends RangeError {
  override name = 'DecimalError';
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;
const MAX_SCALE = 60;

/** Parses a decimal string or a finite JSON number exactly. Rejects thousands separators, commas, blanks, NaN. */
export function parseDecimal(input: string | number): Decimal {
  if (typeof input === 'number' && !Number.isFinite(input)) throw new DecimalError(`not a finite number: ${input}`);
  // String(number) is the shortest round-trip representation, so 0.1 stays "0.1".
  const text = typeof input === 'number' ? String(input) : input.trim();
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) throw new DecimalError(`not a decimal number: ${JSON.stringify(input)}`);
  const [, sign = '', intPart = '', fracPart = '', expPart] = match;
  if (intPart === '' && fracPart === '') throw new DecimalError(`not a decimal number: ${JSON.stringify(input)}`);
  let coefficient = BigInt(`${intPart}${fracPart}` || '0');
  let scale = fracPart.length - (expPart === undefined ? 0 : Number(expPart));
  if (scale < 0) {
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > MAX_SCALE) throw new DecimalError(`too many decimals: ${JSON.stringify(input)}`);
  return { coefficient: sign === '-' ? -coefficient : coefficient, scale };
}

/** Integer quotient numerator / denominator (denominator > 0) under a rounding rule. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const truncated = numerator / denominator;
  const remainder = numerator - truncated * denominator;
  if (remainder === 0n) return truncated;
  switch (rounding) {
    case 'exact':
      throw new DecimalError(`${numerator}/${denominator} is not exact`);
    case 'truncate':
      return truncated;
    case 'half_up':
      return roundHalfUp(numerator, denominator);
    case 'half_even': {
      const twice = (remainder < 0n ? -remainder : remainder) * 2n;
      const away = numerator < 0n ? truncated - 1n : truncated + 1n;
      if (twice > denominator) return away;
      if (twice < denominator) return truncated;
      return truncated % 2n === 0n ? truncated : away;
    }
  }
}

/** The decimal as an integer count of 10^-scale units, e.g. toScaled("12.345", 2, 'half_up') = 1235n. */
export function toScaled(value: Decimal, scale: number, rounding: Rounding): bigint {
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`invalid scale: ${scale}`);
  if (scale >= value.scale) return value.coefficient * 10n ** BigInt(scale - value.scale);
  try {
    return divideRounded(value.coefficient, 10n ** BigInt(value.scale - scale), rounding);
  } catch (error) {
    if (error instanceof DecimalError) {
      throw new DecimalError(`${formatDecimal(value)} has more than ${scale} decimals`);
    }
    throw error;
  }
}

export function rescale(value: Decimal, scale: number, rounding: Rounding): Decimal {
  return { coefficient: toScaled(value, scale, rounding), scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { coefficient: a.coefficient * b.coefficient, scale: a.scale + b.scale };
}

export function isZeroDecimal(value: Decimal): boolean {
  return value.coefficient === 0n;
}

/** Plain notation with exactly `value.scale` decimals ("-0.50", "3", "16.8067"). */
export function formatDecimal(value: Decimal): string {
  const negative = value.coefficient < 0n;
  const digits = (negative ? -value.coefficient : value.coefficient).toString().padStart(value.scale + 1, '0');
  const intPart = digits.slice(0, digits.length - value.scale);
  const fracPart = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${intPart}${value.scale > 0 ? `.${fracPart}` : ''}`;
}

/** Scaled integer back to a decimal string with `scale` decimals: formatScaled(-5n, 2) = "-0.05". */
export function formatScaled(units: bigint, scale: number): string {
  return formatDecimal({ coefficient: units, scale });
}
