import { describe, expect, it } from 'vitest';
import { compareSalesDocument, negateTotals } from './readback.js';

const expected = {
  net: 12459,
  tax: 2081,
  gross: 14540,
  byRate: [
    { rateBp: 2000, net: 10658, tax: 2132 - 150, gross: 12640 },
    { rateBp: 550, net: 1801, tax: 99, gross: 1900 },
  ],
  currency: 'EUR',
  ruleId: 18,
  number: 'RE-1',
};

describe('read-back of a sevDesk invoice', () => {
  const positions = [
    { rateBp: 2000, sumNet: 10658, sumTax: 1982, sumGross: 12640 },
    { rateBp: 550, sumNet: 1801, sumTax: 99, sumGross: 1900 },
  ];
  const actual = {
    number: 'RE-1',
    currency: 'EUR',
    taxRuleId: 18,
    sumNet: 12459,
    sumTax: 2081,
    sumGross: 14540,
    positions,
  };

  it('matches to the cent', () => {
    expect(compareSalesDocument(expected, actual)).toEqual([]);
  });

  it('names every difference: totals, per rate, number, rule, currency', () => {
    const off = {
      ...actual,
      number: 'RE-1000',
      taxRuleId: 1,
      currency: 'USD',
      sumTax: 2082,
      positions: [{ ...positions[0]!, sumTax: 1983 }, positions[1]!],
    };
    expect(compareSalesDocument(expected, off)).toEqual([
      'VAT 2082 ≠ 2081 (minor units)',
      'number RE-1000 ≠ RE-1',
      'currency USD ≠ EUR',
      'tax rule 1 ≠ 18',
      'VAT at 20% 1983 ≠ 1982',
    ]);
    // A cancellation invoice is numbered by sevDesk: no number expected.
    expect(compareSalesDocument({ ...expected, number: null }, { ...actual, number: 'SR-1' })).toEqual([]);
  });

  it('negates totals without -0', () => {
    expect(negateTotals({ net: 0, tax: 5, gross: -5, byRate: [{ rateBp: 0, net: 0, tax: 0, gross: 0 }] })).toEqual({
      net: 0,
      tax: -5,
      gross: 5,
      byRate: [{ rateBp: 0, net: 0, tax: 0, gross: 0 }],
    });
  });
});
