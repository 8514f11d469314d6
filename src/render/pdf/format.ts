// Number, money, date and rate formatting for printed documents. Exact (bigint), locale-independent
// of the ICU data the Node build ships: German "1.234,56 €", English "€1,234.56".
import { currencyExponent, type Decimal, decimalToString } from '../common/decimal.js';

export type Lang = 'de' | 'en';

const CURRENCY_SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF', JPY: '¥' };

function groupThousands(int: string, separator: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += separator;
    out += int[i];
  }
  return out;
}

/** A decimal rendered with grouping; keeps at least `minScale` and at most the value's own decimals. */
export function formatDecimal(value: Decimal, lang: Lang, minScale = 0): string {
  const plain = decimalToString(value, minScale);
  const negative = plain.startsWith('-');
  const [int = '0', frac] = (negative ? plain.slice(1) : plain).split('.');
  const groupSep = lang === 'de' ? '.' : ',';
  const decimalSep = lang === 'de' ? ',' : '.';
  const body = groupThousands(int, groupSep) + (frac !== undefined ? decimalSep + frac : '');
  return negative ? `-${body}` : body;
}

/** Amount without currency: 123456 → "1.234,56" (de) / "1,234.56" (en). */
export function formatAmount(minor: number, currency: string, lang: Lang): string {
  const exponent = currencyExponent(currency);
  return formatDecimal({ units: BigInt(minor), scale: exponent }, lang, exponent);
}

/** Amount with currency: "1.234,56 €" (de), "€1,234.56" (en); other currencies by code ("1.234,56 USD"). */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  const amount = formatAmount(minor, currency, lang);
  const code = currency.toUpperCase();
  const symbol = CURRENCY_SYMBOLS[code];
  if (lang === 'en' && symbol && symbol.length === 1) {
    return amount.startsWith('-') ? `-${symbol}${amount.slice(1)}` : `${symbol}${amount}`;
  }
  // U+00A0 keeps amount and currency on one line.
  return `${amount}\u00a0${lang === 'de' && code === 'EUR' ? '€' : code}`;
}

/** Unit price (major units, up to 4 decimals): shows 2 decimals unless more are needed. */
export function formatUnitPrice(price: Decimal, currency: string, lang: Lang): string {
  return formatDecimal(price, lang, currencyExponent(currency));
}

/** Quantity: "2", "2,5" (de) / "2.5" (en). */
export function formatQuantity(quantity: Decimal, lang: Lang): string {
  return formatDecimal(quantity, lang, 0);
}

/** VAT rate from basis points: 1900 → "19 %", 550 → "5,5 %" (de) / "19%", "5.5%" (en). */
export function formatRate(rateBp: number, lang: Lang): string {
  const text = formatDecimal({ units: BigInt(rateBp), scale: 2 }, lang, 0);
  return lang === 'de' ? `${text}\u00a0%` : `${text}%`;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ISO date (or date-time; the date part is used) → "15.01.2025" (de) / "15 Jan 2025" (en). */
export function formatDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: "${iso}"`);
  const [, y, m, d] = match;
  if (lang === 'de') return `${d}.${m}.${y}`;
  return `${Number(d)} ${EN_MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** ISO date plus days, as ISO date (UTC calendar arithmetic, no time zone drift). */
export function addDays(isoDate: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new RangeError(`not an ISO date: "${isoDate}"`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** IBAN in groups of four: "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
