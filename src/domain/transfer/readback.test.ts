import { describe, expect, it } from 'vitest';
import { compareVoucher, type ExpectedVoucher } from './readback.js';

const expected: ExpectedVoucher = {
  gross: 5558,
  tax: 786,
  byRate: [
    { rateBp: 1900, gross: 4488, tax: 716 },
    { rateBp: 700, gross: 1070, tax: 70 },
  ],
  currency: 'EUR',
  taxRuleId: 1,
  taxType: null,
};

const positions = [
  { rateBp: 1900, sumGross: 3998, sumTax: 638 },
  { rateBp: 1900, sumGross: 490, sumTax: 78 },
  { rateBp: 700, sumGross: 1070, sumTax: 70 },
];

describe('read-back comparison', () => {
  it('accepts a voucher that matches to the cent', () => {
    expect(
      compareVoucher(expected, {
        sumGross: 5558,
        sumTax: 786,
        creditDebit: 'D',
        currency: 'EUR',
        taxRuleId: 1,
        taxType: null,
        positions,
      }),
    ).toEqual([]);
  });

  it('names a one-cent VAT difference per rate even when the total agrees', () => {
    const off = [
      { rateBp: 1900, sumGross: 4488, sumTax: 717 },
      { rateBp: 700, sumGross: 1070, sumTax: 70 },
    ];
    const problems = compareVoucher(expected, {
      sumGross: 5558,
      sumTax: 787,
      creditDebit: 'D',
      currency: 'EUR',
      taxRuleId: 1,
      taxType: null,
      positions: off,
    });
    expect(problems).toContain('VAT at 19% 717 ≠ 716');
    expect(problems).toContain('VAT 787 ≠ 786 (minor units)');
  });

  it('checks rule, direction and currency', () => {
    const problems = compareVoucher(expected, {
      sumGross: 5558,
      sumTax: 786,
      creditDebit: 'C',
      currency: 'USD',
      taxRuleId: 3,
      taxType: null,
      positions,
    });
    expect(problems).toEqual(['creditDebit C', 'currency USD ≠ EUR', 'tax rule 3 ≠ 1']);
  });
});
