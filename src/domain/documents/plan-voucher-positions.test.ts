import { describe, expect, it } from 'vitest';
import { taxFromGross, taxFromNet } from '../money/vat.js';
import type { DocumentLine } from './document.js';
import { planVoucherPositions, type VoucherPlan } from './plan-voucher-positions.js';

const line = (gross: number, tax: number, rateBp = 1900, kind: DocumentLine['kind'] = 'product'): DocumentLine => ({
  kind,
  position: 0,
  name: 'x',
  quantity: '1',
  unitPriceNet: '0',
  rateBp,
  net: gross - tax,
  tax,
  gross,
});

/** What sevDesk would book from the plan must equal the document per rate. */
function expectReproduces(plan: VoucherPlan, lines: DocumentLine[]) {
  if (!plan.ok) throw new Error(plan.errors.map((e) => e.message).join('\n'));
  const rates = new Set(lines.map((l) => l.rateBp));
  for (const rate of rates) {
    const docTax = lines.filter((l) => l.rateBp === rate).reduce((s, l) => s + l.tax, 0);
    const docGross = lines.filter((l) => l.rateBp === rate).reduce((s, l) => s + l.gross, 0);
    const positions = plan.positions.filter((p) => p.rateBp === rate);
    const derive = (p: (typeof positions)[number]) =>
      plan.net ? taxFromNet(p.net, rate) : taxFromGross(p.gross, rate);
    expect(positions.reduce((s, p) => s + derive(p), 0)).toBe(docTax);
    expect(positions.reduce((s, p) => s + p.gross, 0)).toBe(docGross);
    for (const p of positions) expect(p.net + p.tax).toBe(p.gross);
  }
  const covered = plan.positions.flatMap((p) => p.lineIndexes).sort((a, b) => a - b);
  expect(covered).toEqual(lines.map((_, i) => i));
}

describe('planVoucherPositions', () => {
  it('one position per rate when the aggregate rounds the same', () => {
    const lines = [line(1190, 190), line(2380, 380), line(1070, 70, 700)];
    const plan = planVoucherPositions(lines);
    expect(plan).toEqual({
      ok: true,
      net: false,
      positions: [
        { rateBp: 1900, accountKey: '', gross: 3570, net: 3000, tax: 570, lineIndexes: [0, 1] },
        { rateBp: 700, accountKey: '', gross: 1070, net: 1000, tax: 70, lineIndexes: [2] },
      ],
    });
  });

  it('splits the product.md example: 39.98 + 4.90 at 19% (6.38 + 0.78 = 7.16, not 7.17)', () => {
    const lines = [line(3998, 638), line(490, 78, 1900, 'shipping')];
    expect(taxFromGross(4488, 1900)).toBe(717);
    const plan = planVoucherPositions(lines);
    expectReproduces(plan, lines);
    expect(plan.ok && plan.net).toBe(false);
    expect(plan.ok && plan.positions).toEqual([
      { rateBp: 1900, accountKey: '', gross: 3998, net: 3360, tax: 638, lineIndexes: [0] },
      { rateBp: 1900, accountKey: '', gross: 490, net: 412, tax: 78, lineIndexes: [1] },
    ]);
  });

  it('sets apart only the line that needs it', () => {
    // 3 lines aggregate fine but adding the 4th breaks it; isolating one line is enough.
    const lines = [line(3998, 638), line(1190, 190), line(2380, 380), line(490, 78)];
    const plan = planVoucherPositions(lines);
    expectReproduces(plan, lines);
    expect(plan.ok && plan.positions.length).toBe(2);
  });

  it('keeps revenue accounts apart', () => {
    const lines = [line(1190, 190), line(490, 78, 1900, 'shipping'), line(2380, 380)];
    const plan = planVoucherPositions(lines, {
      accountKeyOf: (l) => (l.kind === 'shipping' ? '4400-shipping' : '4400'),
    });
    expectReproduces(plan, lines);
    expect(plan.ok && plan.positions.map((p) => [p.accountKey, p.lineIndexes])).toEqual([
      ['4400', [0, 2]],
      ['4400-shipping', [1]],
    ]);
  });

  it('handles negative discount lines and zero rates', () => {
    const lines = [line(3998, 638), line(-399, -64), line(0, 0, 0), line(1000, 0, 0)];
    const plan = planVoucherPositions(lines);
    expectReproduces(plan, lines);
  });

  it('handles cancellations (all negative)', () => {
    const lines = [line(-3998, -638), line(-490, -78)];
    expectReproduces(planVoucherPositions(lines), lines);
  });

  it('uses net positions for the whole document when no gross split reproduces the VAT', () => {
    // A shop that rounded tax per subtotal: 10.01 + 10.18 net at 19% with 1.89 + 1.94 = 3.83 VAT.
    // Gross positions derive 1.90 + 1.94 (or 3.84 together); net positions derive 1.90 + 1.93 = 3.83.
    const lines = [line(1190, 189), line(1212, 194), line(1070, 70, 700)];
    const plan = planVoucherPositions(lines);
    expectReproduces(plan, lines);
    expect(plan.ok && plan.net).toBe(true);
    expect(plan.ok && plan.positions).toEqual([
      { rateBp: 1900, accountKey: '', gross: 1191, net: 1001, tax: 190, lineIndexes: [0] },
      { rateBp: 1900, accountKey: '', gross: 1211, net: 1018, tax: 193, lineIndexes: [1] },
      { rateBp: 700, accountKey: '', gross: 1070, net: 1000, tax: 70, lineIndexes: [2] },
    ]);
  });

  it('reports the rate and the cent difference when nothing reproduces', () => {
    const lines = [line(3998, 643), line(1070, 70, 700)];
    const plan = planVoucherPositions(lines, { currency: 'EUR' });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatchObject({ rateBp: 1900, documentTax: 643, derivedTax: 638, difference: 5 });
    expect(plan.errors[0]?.message).toContain('VAT at 19% cannot be reproduced');
    expect(plan.errors[0]?.message).toContain('difference 0.05 EUR');
  });

  it('reports a 0% rate that carries tax', () => {
    const plan = planVoucherPositions([line(100, 1, 0)]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.errors[0]).toMatchObject({ rateBp: 0, difference: 1 });
  });

  it('plans an empty document as no positions', () => {
    expect(planVoucherPositions([])).toEqual({ ok: true, net: false, positions: [] });
  });

  describe('seeded random baskets', () => {
    let seed = 20260101;
    const random = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const rates = [1900, 700, 0, 2000, 550, 2100] as const;

    function basket(): DocumentLine[] {
      const n = 1 + Math.floor(random() * 12);
      const inclTax = random() < 0.5;
      const lines: DocumentLine[] = [];
      for (let i = 0; i < n; i++) {
        const rate = pick(rates);
        const qty = 1 + Math.floor(random() * 4);
        const unit = 1 + Math.floor(random() * 9999);
        const base = qty * unit * (random() < 0.1 ? -1 : 1);
        if (inclTax) lines.push(line(base, taxFromGross(base, rate), rate));
        else {
          const tax = taxFromNet(base, rate);
          lines.push(line(base + tax, tax, rate));
        }
      }
      return lines;
    }

    it('always reproduces per-line rounded baskets (1000 baskets)', () => {
      for (let run = 0; run < 1000; run++) {
        const lines = basket();
        expectReproduces(planVoucherPositions(lines), lines);
      }
    });

    it('reproduces or reports baskets with arbitrary shop rounding (1000 baskets)', () => {
      let reported = 0;
      for (let run = 0; run < 1000; run++) {
        const lines = basket().map((l) => {
          // The shop's tax may be off by a cent per line (rounding per subtotal, unrounded nets, …).
          const shift = Math.floor(random() * 3) - 1;
          const tax = l.rateBp === 0 ? 0 : l.tax + shift;
          return { ...l, tax, net: l.gross - tax };
        });
        const plan = planVoucherPositions(lines);
        if (plan.ok) expectReproduces(plan, lines);
        else {
          reported++;
          expect(plan.errors.length).toBeGreaterThan(0);
          for (const error of plan.errors) {
            expect(error.difference).toBe(error.documentTax - error.derivedTax);
            expect(error.difference).not.toBe(0);
            expect(lines.some((l) => l.rateBp === error.rateBp)).toBe(true);
          }
        }
      }
      expect(reported).toBeLessThan(1000);
    });
  });
});

describe('planVoucherPositions on large documents', () => {
  it('plans 1000 per-line rounded lines quickly and with few positions', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => {
      const gross = 199 + ((i * 7919) % 5000);
      return line(gross, taxFromGross(gross, 1900));
    });
    const started = Date.now();
    const plan = planVoucherPositions(lines);
    expect(Date.now() - started).toBeLessThan(2000);
    expectReproduces(plan, lines);
    expect(plan.ok && plan.positions.length).toBeLessThan(100);
  });

  it('stays fast when every line must be kept apart in pairs', () => {
    // 4.90 gross carries 0.7824 VAT: two lines still round to 1.56, three would give 2.35 instead of 2.34.
    const lines = Array.from({ length: 1000 }, () => line(490, 78));
    const started = Date.now();
    const plan = planVoucherPositions(lines);
    expect(Date.now() - started).toBeLessThan(2000);
    expectReproduces(plan, lines);
    expect(plan.ok && plan.positions.length).toBe(500);
  });
});
