// EU VAT area membership and each member state's VAT rates (for OSS plausibility checks).
import type { RateBp } from '../money/vat.js';

/** The 27 member states by ISO 3166-1 alpha-2 (Greece is GR here; its VAT prefix is EL). */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;
export type EuMemberState = (typeof EU_MEMBER_STATES)[number];

/** Northern Ireland: inside the EU VAT area for goods only (Windsor Framework); services follow the UK. */
export const NORTHERN_IRELAND = 'XI';

const MEMBERS: ReadonlySet<string> = new Set(EU_MEMBER_STATES);

export function isEuMemberState(country: string): country is EuMemberState {
  return MEMBERS.has(country.toUpperCase());
}

/** Whether a supply to `country` is intra-EU: goods count XI (Northern Ireland), services do not. */
export function isInEuVatArea(country: string, supply: 'goods' | 'services'): boolean {
  const code = country.toUpperCase();
  return isEuMemberState(code) || (supply === 'goods' && code === NORTHERN_IRELAND);
}

/** Shops store Northern Ireland as GB with a BT postcode; for goods that is XI. */
export function goodsDestinationCountry(country: string, postcode?: string | null): string {
  const code = country.trim().toUpperCase();
  if (code === 'GB' && /^\s*BT/i.test(postcode ?? '')) return NORTHERN_IRELAND;
  return code;
}

/**
 * VAT rates of a country from a date on: standard, reduced and super-reduced, regional (islands) rates,
 * and whether zero-rated supplies exist there. Rates in basis points.
 */
export interface VatRatePeriod {
  from: string;
  standard: RateBp;
  reduced: readonly RateBp[];
  regional?: readonly RateBp[];
  zero: boolean;
}

/**
 * Date up to which the table was compiled from the European Commission's "VAT rates applied in the Member States"
 * and national announcements. Re-check against the Commission's TEDB before relying on a new rate.
 */
export const VAT_RATES_AS_OF = '2026-01-01';

const p = (from: string, standard: RateBp, reduced: RateBp[], zero = false, regional?: RateBp[]): VatRatePeriod =>
  regional ? { from, standard, reduced, zero, regional } : { from, standard, reduced, zero };

/** Oldest period first. Only changes since 2023 are kept; older dates use the oldest period. */
export const VAT_RATES: Readonly<Record<string, readonly VatRatePeriod[]>> = {
  AT: [p('2016-01-01', 2000, [1300, 1000], true)],
  BE: [p('2016-01-01', 2100, [1200, 600], true)],
  BG: [p('2016-01-01', 2000, [900])],
  CY: [p('2016-01-01', 1900, [900, 500, 300], true)],
  CZ: [p('2016-01-01', 2100, [1500, 1000], true), p('2024-01-01', 2100, [1200], true)],
  DE: [p('2016-01-01', 1900, [700], true)],
  DK: [p('2016-01-01', 2500, [], true)],
  EE: [
    p('2016-01-01', 2000, [900, 500]),
    p('2024-01-01', 2200, [900, 500]),
    p('2025-01-01', 2200, [1300, 900, 500]),
    p('2025-07-01', 2400, [1300, 900, 500]),
  ],
  ES: [p('2016-01-01', 2100, [1000, 500, 400], true)],
  FI: [
    p('2016-01-01', 2400, [1400, 1000], true),
    p('2024-09-01', 2550, [1400, 1000], true),
    p('2026-01-01', 2550, [1400, 1350, 1000], true),
  ],
  FR: [p('2016-01-01', 2000, [1000, 550, 210])],
  GR: [p('2016-01-01', 2400, [1300, 600], false, [1700, 900, 400])],
  HR: [p('2016-01-01', 2500, [1300, 500], true)],
  HU: [p('2016-01-01', 2700, [1800, 500])],
  IE: [p('2016-01-01', 2300, [1350, 900, 480], true)],
  IT: [p('2016-01-01', 2200, [1000, 500, 400], true)],
  LT: [p('2016-01-01', 2100, [900, 500])],
  LU: [p('2023-01-01', 1600, [1300, 700, 300]), p('2024-01-01', 1700, [1400, 800, 300])],
  LV: [p('2016-01-01', 2100, [1200, 500])],
  MT: [p('2016-01-01', 1800, [700, 500], true)],
  NL: [p('2016-01-01', 2100, [900], true)],
  PL: [p('2016-01-01', 2300, [800, 500], true)],
  PT: [p('2016-01-01', 2300, [1300, 600], false, [2200, 1600, 1200, 900, 500, 400])],
  RO: [p('2016-01-01', 1900, [900, 500]), p('2025-08-01', 2100, [1100, 900])],
  SE: [p('2016-01-01', 2500, [1200, 600], true)],
  SI: [p('2016-01-01', 2200, [950, 500])],
  SK: [p('2016-01-01', 2000, [1000, 500]), p('2025-01-01', 2300, [1900, 500])],
  XI: [p('2016-01-01', 2000, [500], true)],
};

/** The period in force on `date` (YYYY-MM-DD); without a date, the newest. Null for countries outside the table. */
export function vatRatesFor(country: string, date?: string): VatRatePeriod | null {
  const periods = VAT_RATES[country.toUpperCase()];
  if (!periods || periods.length === 0) return null;
  if (!date) return periods[periods.length - 1] ?? null;
  let current = periods[0] ?? null;
  for (const period of periods) if (period.from <= date) current = period;
  return current;
}

/** All rates a document taxed in `country` may carry, highest first. */
export function allowedRates(country: string, date?: string): RateBp[] {
  const period = vatRatesFor(country, date);
  if (!period) return [];
  const rates = new Set<RateBp>([period.standard, ...period.reduced, ...(period.regional ?? [])]);
  if (period.zero) rates.add(0);
  return [...rates].sort((a, b) => b - a);
}

/** Whether `rateBp` is a VAT rate of `country` (on `date`, default: the current table). */
export function isValidRateForCountry(country: string, rateBp: RateBp, date?: string): boolean {
  return allowedRates(country, date).includes(rateBp);
}
