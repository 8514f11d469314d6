import { describe, expect, it } from 'vitest';
import { lineTax, wooRateMap } from './line-tax.js';
import type { WooTaxLine } from './schemas.js';

const taxLine = (rateId: number, percent: number | null, compound = false): WooTaxLine => ({
  id: 100 + rateId,
  rate_code: `R-${rateId}`,
  rate_id: rateId,
  label: `Rate ${rateId}`,
  compound,
  tax_total: '0',
  shipping_tax_total: '0',
  rate_percent: percent,
  meta_data: [],
});

describe('wooRateMap', () => {
  it('maps rate ids to basis points and reports unusable tax lines', () => {
    const { rates, issues } = wooRateMap([taxLine(1, 19), taxLine(2, 5.5), taxLine(3, null), taxLine(4, 2, true)]);
    expect([...rates.entries()].map(([id, r]) => [id, r.rateBp])).toEqual([
      [1, 1900],
      [2, 550],
    ]);
    expect(issues).toEqual([
      'Tax "Rate 3" has no rate_percent (WooCommerce older than 5.x?); its VAT rate is unknown.',
      'Tax "Rate 4" is a compound tax; German and EU VAT is never compound.',
    ]);
  });
});

describe('lineTax', () => {
  const { rates } = wooRateMap([taxLine(1, 19), taxLine(2, 7), taxLine(3, 0)]);

  it('no breakdown and no tax is 0 %', () => {
    expect(lineTax('x', [], '0.00', rates, false)).toEqual({ kind: 'single', rateBp: 0 });
  });

  it('one entry gives the rate, even with a zero amount', () => {
    expect(lineTax('x', [{ id: 1, total: '0', subtotal: '0' }], '0.00', rates, false)).toEqual({
      kind: 'single',
      rateBp: 1900,
    });
    expect(lineTax('x', [{ id: 3, total: '0', subtotal: '0' }], '0.00', rates, false)).toEqual({
      kind: 'single',
      rateBp: 0,
    });
  });

  it('ignores empty entries and zero entries next to a real one', () => {
    const taxes = [
      { id: 2, total: null, subtotal: null },
      { id: 3, total: '0', subtotal: null },
      { id: 1, total: '1.90', subtotal: null },
    ];
    expect(lineTax('x', taxes, '1.90', rates, false)).toEqual({ kind: 'single', rateBp: 1900 });
  });

  it('splits shipping with two rates, refuses it for products', () => {
    const taxes = [
      { id: 1, total: '0.61', subtotal: null },
      { id: 2, total: '0.10', subtotal: null },
    ];
    expect(lineTax('x', taxes, '0.71', rates, true)).toEqual({
      kind: 'split',
      shares: [
        { rateBp: 1900, tax: '0.61' },
        { rateBp: 700, tax: '0.10' },
      ],
    });
    expect(lineTax('x', taxes, '0.71', rates, false).kind).toBe('error');
  });

  it('unknown rate id is an error', () => {
    expect(lineTax('Hat', [{ id: 9, total: '1', subtotal: null }], '1.00', rates, false)).toEqual({
      kind: 'error',
      message: 'Line "Hat" uses tax rate id 9, which has no usable tax line in the order.',
    });
  });
});
