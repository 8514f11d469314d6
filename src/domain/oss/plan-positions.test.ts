import { describe, expect, it } from 'vitest';
import type { DocumentLine } from '../documents/document.js';
import { taxFromGross, taxFromNet } from '../money/vat.js';
import { planSalesPositions } from './plan-positions.js';

const line = (name: string, net: number, tax: number, rateBp: number, quantity = '1'): DocumentLine => ({
  kind: 'product',
  position: 1,
  name,
  quantity,
  unitPriceNet: String(net),
  rateBp,
  net,
  tax,
  gross: net + tax,
});

/** What sevDesk derives for the planned positions, per rate (src/sandbox/document-math.ts). */
function derivedTax(plan: ReturnType<typeof planSalesPositions>) {
  if (!plan.ok) throw new Error('no plan');
  const byRate: Record<number, number> = {};
  for (const p of plan.positions) {
    const amount = p.quantity * p.unitAmount;
    expect(amount).toBe(p.amount);
    byRate[p.rateBp] =
      (byRate[p.rateBp] ?? 0) + (plan.showNet ? taxFromNet(amount, p.rateBp) : taxFromGross(amount, p.rateBp));
  }
  return byRate;
}

describe('invoice positions that reproduce the VAT per rate', () => {
  it('one gross position per line when that reproduces every rate (FR 20 % and 5.5 %)', () => {
    const lines = [line('Jacke', 10000, 2000, 2000), line('Buch', 1800, 99, 550), line('Versand', 408, 82, 2000)];
    const plan = planSalesPositions(lines);
    expect(plan).toMatchObject({ ok: true, showNet: false });
    if (!plan.ok) return;
    expect(plan.positions.map((p) => [p.name, p.rateBp, p.amount, p.tax])).toEqual([
      ['Jacke', 2000, 12000, 2000],
      ['Buch', 550, 1899, 99],
      ['Versand', 2000, 490, 82],
    ]);
    expect(derivedTax(plan)).toEqual({ 2000: 2082, 550: 99 });
  });

  it('keeps whole quantities that divide the amount; otherwise one piece named with the quantity', () => {
    const plan = planSalesPositions([line('Tasse', 3332, 666, 2000, '2'), line('Stift', 833, 167, 2000, '3')]);
    if (!plan.ok) throw new Error('no plan');
    expect(plan.positions.map((p) => [p.name, p.quantity, p.unitAmount])).toEqual([
      ['Tasse', 2, 1999],
      ['3 × Stift', 1, 1000],
    ]);
  });

  it('tax rounded on the rate total (not per line) is reproduced by merging lines', () => {
    // Three lines of 3.33 net: the shop's VAT is 20 % of 9.99 = 2.00, split 0.67/0.67/0.66.
    const lines = [line('A', 333, 67, 2000), line('B', 333, 67, 2000), line('C', 333, 66, 2000)];
    const plan = planSalesPositions(lines);
    expect(plan.ok).toBe(true);
    expect(derivedTax(plan)).toEqual({ 2000: 200 });
    if (plan.ok) expect(plan.positions.length).toBeLessThan(3);
  });

  it('signed amounts: a discount line stays a negative position', () => {
    const discount: DocumentLine = { ...line('Rabatt', -1000, -200, 2000), kind: 'discount' };
    const plan = planSalesPositions([line('Jacke', 10000, 2000, 2000), discount]);
    if (!plan.ok) throw new Error('no plan');
    expect(plan.positions.map((p) => p.amount)).toEqual([12000, -1200]);
    expect(derivedTax(plan)).toEqual({ 2000: 1800 });
  });

  it('a VAT that no position plan can reproduce is reported with the difference', () => {
    // 1 cent of tax on 1 cent: no split of one line can derive it.
    const plan = planSalesPositions([line('Cent', 1, 1, 2000)]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.errors[0]).toMatchObject({ rateBp: 2000, documentTax: 1 });
  });
});
