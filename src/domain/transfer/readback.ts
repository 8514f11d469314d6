// The read-back comparison: the voucher as sevDesk computed it must equal the document to the cent —
// total and VAT per rate (product.md "Cents that must agree"), plus the header fields that decide the booking.
import type { Minor, RateTotal } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';
import { formatRate } from '../tax/rate-format.js';

export interface VoucherSnapshot {
  sumGross: Minor;
  sumTax: Minor;
  creditDebit: string | null;
  currency: string | null;
  /** 2.0 vouchers carry a rule; 1.0 vouchers a taxType. */
  taxRuleId: number | null;
  taxType: string | null;
  positions: { rateBp: RateBp; sumGross: Minor; sumTax: Minor }[];
}

export interface ExpectedVoucher {
  gross: Minor;
  tax: Minor;
  byRate: readonly Pick<RateTotal, 'rateBp' | 'gross' | 'tax'>[];
  currency: string;
  taxRuleId: number | null;
  taxType: string | null;
}

/** Differences in words (empty = the voucher matches). */
export function compareVoucher(expected: ExpectedVoucher, actual: VoucherSnapshot): string[] {
  const problems: string[] = [];
  if (actual.sumGross !== expected.gross) problems.push(`total ${actual.sumGross} ≠ ${expected.gross} (minor units)`);
  if (actual.sumTax !== expected.tax) problems.push(`VAT ${actual.sumTax} ≠ ${expected.tax} (minor units)`);
  if (actual.creditDebit !== null && actual.creditDebit !== 'D') problems.push(`creditDebit ${actual.creditDebit}`);
  if (actual.currency && actual.currency.toUpperCase() !== expected.currency.toUpperCase())
    problems.push(`currency ${actual.currency} ≠ ${expected.currency}`);
  if (expected.taxRuleId !== null && actual.taxRuleId !== null && actual.taxRuleId !== expected.taxRuleId)
    problems.push(`tax rule ${actual.taxRuleId} ≠ ${expected.taxRuleId}`);
  if (expected.taxType !== null && actual.taxType !== null && actual.taxType !== expected.taxType)
    problems.push(`taxType ${actual.taxType} ≠ ${expected.taxType}`);

  const perRate = new Map<RateBp, { gross: Minor; tax: Minor }>();
  for (const p of actual.positions) {
    const cur = perRate.get(p.rateBp) ?? { gross: 0, tax: 0 };
    perRate.set(p.rateBp, { gross: cur.gross + p.sumGross, tax: cur.tax + p.sumTax });
  }
  const rates = new Set<RateBp>([...perRate.keys(), ...expected.byRate.map((r) => r.rateBp)]);
  for (const rateBp of [...rates].sort((a, b) => b - a)) {
    const want = expected.byRate.find((r) => r.rateBp === rateBp) ?? { gross: 0, tax: 0 };
    const got = perRate.get(rateBp) ?? { gross: 0, tax: 0 };
    if (got.tax !== want.tax) problems.push(`VAT at ${formatRate(rateBp)} ${got.tax} ≠ ${want.tax}`);
    if (got.gross !== want.gross) problems.push(`gross at ${formatRate(rateBp)} ${got.gross} ≠ ${want.gross}`);
  }
  return problems;
}
