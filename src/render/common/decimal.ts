// Exact decimal helpers for rendering (PDF and e-invoice). No floating point touches an amount.

/** A decimal as an integer mantissa and a scale: value = units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses "2", "-2.5", "16.8067", ".5". Throws on anything else (no exponents, no commas). */
export function parseDecimal(text: string): Decimal {
  const match = DECIMAL_RE.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`not a decimal: "${text}"`);
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2] || '0'}${fraction}`);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

/** Renders a decimal with '.' as separator, trailing fraction zeros removed down to `minScale` digits. */
export function decimalToString(value: Decimal, minScale = 0): string {
  const negative = value.units < 0n;
  let digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  let scale = value.scale;
  while (scale > minScale && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale -= 1;
  }
  if (scale < minScale) {
    digits += '0'.repeat(minScale - scale);
    scale = minScale;
  }
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  const body = scale > 0 ? `${int}.${frac}` : int;
  return negative && value.units !== 0n ? `-${body}` : body;
}

export function isZero(value: Decimal): boolean {
  return value.units === 0n;
}

export function negateDecimal(value: Decimal): Decimal {
  return { units: -value.units, scale: value.scale };
}

export function absDecimal(value: Decimal): Decimal {
  return value.units < 0n ? negateDecimal(value) : value;
}

/** Round half away from zero of numerator/denominator (denominator > 0). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** Number of decimal digits of a currency's minor unit (ISO 4217); 2 unless listed. */
export function currencyExponent(currency: string): number {
  switch (currency.toUpperCase()) {
    case 'JPY':
    case 'KRW':
    case 'ISK':
    case 'CLP':
    case 'VND':
    case 'PYG':
    case 'UGX':
    case 'XAF':
    case 'XOF':
      return 0;
    case 'BHD':
    case 'JOD':
    case 'KWD':
    case 'OMR':
    case 'TND':
      return 3;
    default:
      return 2;
  }
}

/** Integer minor units as a plain decimal string in major units: 123456 → "1234.56". */
export function minorToDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount is not an integer number of minor units: ${minor}`);
  return decimalToString({ units: BigInt(minor), scale: currencyExponent(currency) }, currencyExponent(currency));
}
