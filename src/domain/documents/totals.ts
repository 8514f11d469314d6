// Totals per rate and overall, always summed from the lines (the lines are the truth).
import type { DocumentData, DocumentLine, Minor, RateTotal } from './document.js';

export function sumTotals(lines: readonly DocumentLine[]): DocumentData['totals'] {
  const byRate = new Map<number, RateTotal>();
  for (const line of lines) {
    const total = byRate.get(line.rateBp) ?? { rateBp: line.rateBp, net: 0, tax: 0, gross: 0 };
    total.net += line.net;
    total.tax += line.tax;
    total.gross += line.gross;
    byRate.set(line.rateBp, total);
  }
  const rates = [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp);
  const sum = (pick: (t: RateTotal) => Minor) => rates.reduce((acc, t) => acc + pick(t), 0);
  return { net: sum((t) => t.net), tax: sum((t) => t.tax), gross: sum((t) => t.gross), byRate: rates };
}

/** Negates without producing -0 (which JSON and equality checks treat oddly). */
export function negate(value: Minor): Minor {
  return value === 0 ? 0 : -value;
}
