import { formatMinor } from '../../../domain/money/minor.js';
import { formatRate, formatRateDe } from '../../../domain/tax/rate-format.js';
import { de, type Messages } from './de.js';
import { en } from './en.js';

// Language of the admin UI: German unless the user chose English (query ?lang=en, remembered in a cookie).
export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];
export const LOCALE_COOKIE = 'belegfluss_lang';

const DICTIONARIES: Record<Locale, Messages> = { de, en };

export const messagesFor = (locale: Locale): Messages => DICTIONARIES[locale];

export function parseLocale(value: string | undefined | null): Locale | null {
  return value === 'de' || value === 'en' ? value : null;
}

/** Formatting in the user's language; amounts arrive in minor units and are formatted from their exact decimal. */
export interface Formatter {
  money(minor: number, currency: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | number | null | undefined): string;
  rate(rateBp: number): string;
  /** A unit price given as a decimal string with up to 4 extra decimals ("16.8067"). */
  unitPrice(decimal: string, currency: string): string;
  quantity(q: string): string;
}

export function formatterFor(locale: Locale): Formatter {
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const dateFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
  const dateTimeFmt = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Berlin',
  });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  return {
    money(minor, currency) {
      let f = moneyFormats.get(currency);
      if (!f) {
        f = new Intl.NumberFormat(tag, { style: 'currency', currency });
        moneyFormats.set(currency, f);
      }
      // The decimal string is exact; Number() of it only feeds the display formatter.
      return f.format(Number(formatMinor(minor, currency)));
    },
    date(iso) {
      if (!iso) return '—';
      // A plain date is a calendar day: noon UTC keeps it on that day in Berlin.
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
      return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
    },
    dateTime(value) {
      if (value === null || value === undefined || value === '') return '—';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? String(value) : dateTimeFmt.format(d);
    },
    rate(rateBp) {
      return locale === 'de' ? formatRateDe(rateBp) : formatRate(rateBp);
    },
    unitPrice(decimal, currency) {
      const n = Number(decimal);
      if (!Number.isFinite(n)) return decimal;
      return new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 4 }).format(n);
    },
    quantity(q) {
      return locale === 'de' ? q.replace('.', ',') : q;
    },
  };
}
