// The read-back of an invoice, cancellation invoice or credit note: what sevDesk computed must equal the document
// to the cent — net, VAT and gross in total and per rate — with the rule, currency and number that were sent.
import type { Minor, RateTotal } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';
import { formatRate } from '../tax/rate-format.js';

export interface SalesTotals {
  net: Minor;
  tax: Minor;
  gross: Minor;
  byRate: readonly RateTotal[];
}

export interface SalesExpected extends SalesTotals {
  currency: string;
  ruleId: number;
  /** The number the document must carry in sevDesk; null when sevDesk numbers it (cancellation invoice). */
  number: string | null;
}

export interface SalesSnapshot {
  number: string | null;
  currency: string | null;
  taxRuleId: number | null;
  sumNet: Minor;
  sumTax: Minor;
  sumGross: Minor;
  positions: readonly { rateBp: RateBp; sumNet: Minor; sumTax: Minor; sumGross: Minor }[];
}

/** Differences in words (empty = sevDesk's document matches). */
export function compareSalesDocument(expected: SalesExpected, actual: SalesSnapshot): string[] {
  const problems: string[] = [];
  const total = (what: string, got: Minor, want: Minor) => {
    if (got !== want) problems.push(`${what} ${got} ≠ ${want} (minor units)`);
  };
  total('net', actual.sumNet, expected.net);
  total('VAT', actual.sumTax, expected.tax);
  total('total', actual.sumGross, expected.gross);
  if (expected.number !== null && actual.number !== expected.number)
    problems.push(`number ${actual.number ?? '(none)'} ≠ ${expected.number}`);
  if (actual.currency && actual.currency.toUpperCase() !== expected.currency.toUpperCase())
    problems.push(`currency ${actual.currency} ≠ ${expected.currency}`);
  if (actual.taxRuleId !== null && actual.taxRuleId !== expected.ruleId)
    problems.push(`tax rule ${actual.taxRuleId} ≠ ${expected.ruleId}`);

  const perRate = new Map<RateBp, { net: Minor; tax: Minor; gross: Minor }>();
  for (const p of actual.positions) {
    const cur = perRate.get(p.rateBp) ?? { net: 0, tax: 0, gross: 0 };
    perRate.set(p.rateBp, { net: cur.net + p.sumNet, tax: cur.tax + p.sumTax, gross: cur.gross + p.sumGross });
  }
  const rates = new Set<RateBp>([...perRate.keys(), ...expected.byRate.map((r) => r.rateBp)]);
  for (const rateBp of [...rates].sort((a, b) => b - a)) {
    const want = expected.byRate.find((r) => r.rateBp === rateBp) ?? { net: 0, tax: 0, gross: 0 };
    const got = perRate.get(rateBp) ?? { net: 0, tax: 0, gross: 0 };
    if (got.tax !== want.tax) problems.push(`VAT at ${formatRate(rateBp)} ${got.tax} ≠ ${want.tax}`);
    if (got.net !== want.net) problems.push(`net at ${formatRate(rateBp)} ${got.net} ≠ ${want.net}`);
    if (got.gross !== want.gross) problems.push(`gross at ${formatRate(rateBp)} ${got.gross} ≠ ${want.gross}`);
  }
  return problems;
}

export function negateTotals(t: SalesTotals): SalesTotals {
  const neg = (v: Minor) => (v === 0 ? 0 : -v);
  return {
    net: neg(t.net),
    tax: neg(t.tax),
    gross: neg(t.gross),
    byRate: t.byRate.map((r) => ({ rateBp: r.rateBp, net: neg(r.net), tax: neg(r.tax), gross: neg(r.gross) })),
  };
}
