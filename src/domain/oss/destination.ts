// The OSS destination of a document and whether its VAT rates exist there (src/domain/tax/eu-countries.ts, as of
// VAT_RATES_AS_OF). The place of supply is the shipping country for goods (XI for Northern Ireland) and the
// billing country for services; a rate the destination does not have is flagged, never sent.
import type { DocumentData } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';
import { allowedRates, goodsDestinationCountry, isEuMemberState, NORTHERN_IRELAND } from '../tax/eu-countries.js';
import type { OssSupply } from './oss-rule.js';

const HOME = 'DE';

export type OssDestination =
  | { ok: true; country: string }
  | { ok: false; problem: 'missing' | 'home' | 'outside_eu' | 'northern_ireland'; country: string | null };

/** ISO code (upper case) of the country whose VAT the document carries. */
export function ossDestination(data: Pick<DocumentData, 'customer'>, supply: OssSupply): OssDestination {
  const { billing, shipping } = data.customer;
  const raw =
    supply === 'goods'
      ? goodsDestinationCountry((shipping ?? billing).country ?? '', (shipping ?? billing).zip)
      : (billing.country ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(raw)) return { ok: false, problem: 'missing', country: null };
  if (raw === HOME) return { ok: false, problem: 'home', country: raw };
  // sevDesk's StaticCountry list has no Northern Ireland: its OSS rule would be checked against the UK.
  if (raw === NORTHERN_IRELAND) return { ok: false, problem: 'northern_ireland', country: raw };
  if (!isEuMemberState(raw)) return { ok: false, problem: 'outside_eu', country: raw };
  return { ok: true, country: raw };
}

export interface RateProblem {
  rateBp: RateBp;
  /** The date the rate was checked for (YYYY-MM-DD). */
  date: string;
  /** The destination's rates on that date, highest first. */
  allowed: RateBp[];
}

/**
 * Rates that do not exist in `country` on any of `dates` (the invoice date, which sevDesk checks, and the delivery
 * date, the tax point). Empty = every rate is one of the destination's.
 */
export function destinationRateProblems(
  country: string,
  rates: readonly RateBp[],
  dates: readonly string[],
): RateProblem[] {
  const problems: RateProblem[] = [];
  const seen = new Set<RateBp>();
  for (const date of [...new Set(dates.filter(Boolean))].sort()) {
    const allowed = allowedRates(country, date);
    for (const rateBp of [...new Set(rates)].sort((a, b) => b - a)) {
      if (seen.has(rateBp) || allowed.includes(rateBp)) continue;
      seen.add(rateBp);
      problems.push({ rateBp, date, allowed });
    }
  }
  return problems;
}
