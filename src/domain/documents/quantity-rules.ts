// The quantities a document may carry, for every input (WooCommerce, JSON API) and for finalization. A quantity
// outside these bounds is no real sale but a broken plugin or a forged payload, and a document cannot print it:
// "1e+308" is no decimal a reader (or the PDF's unit price) can use.
import type { DocumentData, DocumentLine } from './document.js';

/** |quantity| ≤ 1,000,000: far beyond any one line of a shop order, far below where float noise begins. */
export const MAX_QUANTITY = 1_000_000;
/** Up to 4 decimals (0.0001 kg or m), as unit plugins offer; more is float noise such as 0.30000000000000004. */
export const MAX_QUANTITY_DECIMALS = 4;

/** A positive quantity within the bounds as text: up to 999999.9999, or 1000000 itself. For the JSON schema. */
export const QUANTITY_TEXT_PATTERN = /^(?:\d{1,6}(?:\.\d{1,4})?|1000000(?:\.0{1,4})?)$/;

const PLAIN = /^-?(\d+)(?:\.(\d+))?$/;
/** "1,000,000", for messages and documentation. */
export const MAX_QUANTITY_TEXT = String(MAX_QUANTITY).replace(/\B(?=(\d{3})+$)/g, ',');

/** A finite JSON number in plain notation: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const [mantissa = '0', exponent = '0'] = String(Math.abs(value)).split('e');
  const [int = '0', frac = ''] = mantissa.split('.');
  const digits = `${int}${frac}`;
  const point = int.length + Number(exponent);
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  plain = plain.replace(/^0+(?=\d)/, '');
  return value < 0 ? `-${plain}` : plain;
}

/** Short texts as they are; the 309 digits of 1e308 read better as "1e+308". */
function shown(text: string): string {
  if (text.length <= 16) return text;
  const n = Number(text);
  return Number.isFinite(n) ? String(n) : `${text.slice(0, 16)}…`;
}

/**
 * Why a quantity text is not a plain decimal within the bounds (either sign; zero passes), or null. `as` is how
 * the message shows the value (default: the text, shortened when long).
 */
export function quantityProblem(text: string, as: string = shown(text)): string | null {
  const match = PLAIN.exec(text);
  if (!match) return `${as} is not a plain decimal number`;
  const [, int = '', frac = ''] = match;
  const whole = BigInt(int);
  if (whole > BigInt(MAX_QUANTITY) || (whole === BigInt(MAX_QUANTITY) && /[1-9]/.test(frac)))
    return `${as} is more than ${MAX_QUANTITY_TEXT} units`;
  if (frac.length > MAX_QUANTITY_DECIMALS) return `${as} has more than ${MAX_QUANTITY_DECIMALS} decimals`;
  return null;
}

/** The same for a JSON number; non-finite numbers are named as such. */
export function numberQuantityProblem(value: number): string | null {
  if (!Number.isFinite(value)) return `${value} is not a finite number`;
  const text = plainNumber(value);
  return quantityProblem(text, text.length <= 16 ? text : String(value));
}

const lineProblem = (line: DocumentLine) =>
  typeof line.quantity === 'string' ? quantityProblem(line.quantity) : 'the line has no quantity';

/**
 * The lines whose quantity a document cannot carry (index into `lines`, and the reason naming the line);
 * finalization is refused while there are any. A full cancellation is exempt: it takes back an issued invoice
 * exactly as it was issued.
 */
export function unusableQuantities(doc: Pick<DocumentData, 'lines' | 'cancels'>): { index: number; reason: string }[] {
  if (doc.cancels?.full) return [];
  return doc.lines.flatMap((line, index) => {
    const problem = lineProblem(line);
    return problem
      ? [{ index, reason: `Line ${line.position} "${line.name}" has an unusable quantity: ${problem}.` }]
      : [];
  });
}

/** The same as attention reasons. */
export function quantityReasons(doc: Pick<DocumentData, 'lines' | 'cancels'>): string[] {
  return unusableQuantities(doc).map((u) => u.reason);
}
