// Which VAT rate a WooCommerce line carries: taxes[].id is the tax rate id, which tax_lines[].rate_id
// maps to rate_percent. Lines taxed at several rates (Germanized splits shipping by cart share) are split.
import type { RateBp } from '../../domain/money/vat.js';
import { rateToBp } from '../../domain/money/vat.js';
import type { WooLineTax, WooTaxLine } from './schemas.js';

export interface WooRate {
  rateBp: RateBp;
  label: string;
}

export type LineTaxResult =
  | { kind: 'single'; rateBp: RateBp }
  | { kind: 'split'; shares: { rateBp: RateBp; tax: string }[] }
  | { kind: 'error'; message: string };

/** rate_id -> rate; tax lines without rate_percent or compound ones are left out and reported. */
export function wooRateMap(taxLines: readonly WooTaxLine[]): { rates: Map<number, WooRate>; issues: string[] } {
  const rates = new Map<number, WooRate>();
  const issues: string[] = [];
  for (const line of taxLines) {
    const label = line.label || line.rate_code || `#${line.rate_id}`;
    if (line.compound) {
      issues.push(`Tax "${label}" is a compound tax; German and EU VAT is never compound.`);
    } else if (line.rate_percent === null || line.rate_percent === undefined) {
      issues.push(`Tax "${label}" has no rate_percent (WooCommerce older than 5.x?); its VAT rate is unknown.`);
    } else {
      rates.set(line.rate_id, { rateBp: rateToBp(line.rate_percent), label });
    }
  }
  return { rates, issues };
}

function isZeroAmount(value: string | null): boolean {
  return value === null || /^-?0*(\.0*)?$/.test(value);
}

/** The rate of one line from its taxes[] entries and its total_tax. */
export function lineTax(
  lineName: string,
  taxes: readonly WooLineTax[],
  totalTax: string,
  rates: ReadonlyMap<number, WooRate>,
  allowSplit: boolean,
): LineTaxResult {
  const entries = taxes.filter((entry) => entry.total !== null);
  if (entries.length === 0) {
    return isZeroAmount(totalTax)
      ? { kind: 'single', rateBp: 0 }
      : { kind: 'error', message: `Line "${lineName}" has tax ${totalTax} but no tax breakdown.` };
  }
  // Several entries where only one carries an amount: that one is the rate.
  const nonZero = entries.filter((entry) => !isZeroAmount(entry.total));
  const relevant = entries.length > 1 && nonZero.length >= 1 ? nonZero : entries;
  const unknown = relevant.find((entry) => !rates.has(entry.id));
  if (unknown) {
    return {
      kind: 'error',
      message: `Line "${lineName}" uses tax rate id ${unknown.id}, which has no usable tax line in the order.`,
    };
  }
  const distinct = [...new Set(relevant.map((entry) => rates.get(entry.id)?.rateBp ?? 0))];
  if (distinct.length === 1) return { kind: 'single', rateBp: distinct[0] ?? 0 };
  if (!allowSplit) {
    return {
      kind: 'error',
      message: `Line "${lineName}" is taxed at several rates at once; a product line needs exactly one VAT rate.`,
    };
  }
  return {
    kind: 'split',
    shares: relevant.map((entry) => ({ rateBp: rates.get(entry.id)?.rateBp ?? 0, tax: entry.total ?? '0' })),
  };
}
