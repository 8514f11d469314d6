// The unit price shown on the PDF and written into the e-invoice (BT-146): one function, so both agree.
import type { DocumentLine } from '../../domain/documents/document.js';
import { parseDecimal as parseExactNumber } from '../../domain/money/decimal.js';
import { currencyExponent, type Decimal, divRound, isZero, parseDecimal } from './decimal.js';

/** Unit prices are carried with this many decimals in major units (EN 16931 allows any; 4 is what shops use). */
export const UNIT_PRICE_SCALE = 4;

/**
 * Net unit price of a line in major units, with UNIT_PRICE_SCALE decimals, sign of net/quantity (a discount line
 * "1 × −5,00" has a negative price; a cancelled line "−1 × 29,40" a positive one).
 *
 * `DocumentLine.unitPriceNet` is informational: it is used when it reproduces the line's net amount
 * (quantity × price within half a minor unit per piece), read as minor units as documented and, failing that,
 * as major units. Otherwise the price is derived from the line net amount, which is authoritative.
 */
export function lineUnitPrice(line: DocumentLine, currency: string): Decimal {
  const exponent = currencyExponent(currency);
  const quantity = lineQuantity(line);
  const target: Decimal = { units: BigInt(line.net), scale: 0 }; // minor units

  const declared = tryParse(line.unitPriceNet);
  if (declared) {
    // Candidate A: declared is in minor units. Candidate B: declared is in major units.
    for (const minorShift of [0, exponent]) {
      const priceMinor: Decimal = { units: declared.units * 10n ** BigInt(minorShift), scale: declared.scale };
      if (reproduces(priceMinor, quantity, target)) {
        return rescale(priceMinor, exponent);
      }
    }
  }
  // Derived: net / quantity, in major units with UNIT_PRICE_SCALE decimals.
  // price = net_minor / 10^exp / (q.units / 10^q.scale) = net_minor * 10^q.scale / (q.units * 10^exp)
  const num = BigInt(line.net) * 10n ** BigInt(quantity.scale + UNIT_PRICE_SCALE);
  const den = quantity.units * 10n ** BigInt(exponent);
  const units = den < 0n ? divRound(-num, -den) : divRound(num, den);
  return { units, scale: UNIT_PRICE_SCALE };
}

const ONE: Decimal = { units: 1n, scale: 0 };

/**
 * The line's quantity, exactly, also in exponent notation: "1e+308" was stored before WooCommerce quantities were
 * checked (such drafts are no longer finalized, see domain/documents/quantity-rules.ts; issued ones keep their PDF).
 * 1 when the line has none (missing or 0), shown as "1 × amount". Text that is no number at all comes from no
 * document builder; it is an error rather than a quantity the document does not have.
 * The unit price carries the sign of net/quantity.
 */
export function lineQuantity(line: DocumentLine): Decimal {
  const text = line.quantity;
  if (text == null || text.trim() === '') return ONE;
  const quantity = tryParse(text) ?? tryExponent(text);
  if (!quantity) throw new RangeError(`line ${line.position} "${line.name}": quantity "${text}" is not a number`);
  return isZero(quantity) ? ONE : quantity;
}

function tryExponent(text: string): Decimal | null {
  try {
    const exact = parseExactNumber(text);
    return { units: exact.coefficient, scale: exact.scale };
  } catch {
    return null;
  }
}

/** Rounds a decimal to `scale` digits, half away from zero (for display). */
export function roundTo(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) return value;
  return { units: divRound(value.units, 10n ** BigInt(value.scale - scale)), scale };
}

function tryParse(text: string | null | undefined): Decimal | null {
  if (text == null) return null;
  try {
    return parseDecimal(text);
  } catch {
    return null;
  }
}

/** |price × quantity − target| ≤ ½ minor unit × |quantity| (all in minor units). */
function reproduces(priceMinor: Decimal, quantity: Decimal, target: Decimal): boolean {
  const scale = priceMinor.scale + quantity.scale;
  const product = priceMinor.units * quantity.units; // scale: priceMinor.scale + quantity.scale
  const targetScaled = target.units * 10n ** BigInt(scale);
  const diff = product - targetScaled;
  const absDiff = diff < 0n ? -diff : diff;
  const absQty = quantity.units < 0n ? -quantity.units : quantity.units;
  // ½ × |q| minor units, at `scale`: (|q.units| / 10^q.scale) × 10^scale / 2
  const tolerance = (absQty * 10n ** BigInt(priceMinor.scale)) / 2n;
  return absDiff <= tolerance && (priceMinor.units === 0n) === (target.units === 0n);
}

/** Minor-unit price → major units with UNIT_PRICE_SCALE decimals (rounded half away from zero). */
function rescale(priceMinor: Decimal, exponent: number): Decimal {
  const targetScale = UNIT_PRICE_SCALE;
  const currentScale = priceMinor.scale + exponent; // value in major units = units / 10^(scale + exp)
  if (currentScale <= targetScale) {
    return { units: priceMinor.units * 10n ** BigInt(targetScale - currentScale), scale: targetScale };
  }
  return { units: divRound(priceMinor.units, 10n ** BigInt(currentScale - targetScale)), scale: targetScale };
}
