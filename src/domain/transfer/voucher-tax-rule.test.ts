import { describe, expect, it } from 'vitest';
import { guidanceRateToBp, voucherTaxRule } from './voucher-tax-rule.js';

describe('tax case → voucher tax rule', () => {
  it.each([
    ['domestic', 1, 'default'],
    ['small_business', 11, 'ss'],
    ['eu_b2b_goods', 3, 'eu'],
    ['export_goods', 2, 'noteu'],
    ['export_services', 17, 'noteu'],
  ] as const)('%s → rule %i (1.0: %s)', (taxCase, ruleId, taxType) => {
    expect(voucherTaxRule(taxCase)).toMatchObject({ ok: true, ruleId, taxType });
  });

  it('holds reverse-charge services and OSS (invoice path only) and a missing case', () => {
    expect(voucherTaxRule('eu_b2b_services')).toEqual({
      ok: false,
      code: 'needs_invoice_path',
      taxCase: 'eu_b2b_services',
    });
    expect(voucherTaxRule('eu_b2c_oss')).toEqual({ ok: false, code: 'needs_invoice_path', taxCase: 'eu_b2c_oss' });
    expect(voucherTaxRule(null)).toEqual({ ok: false, code: 'tax_case_missing', taxCase: null });
  });

  it('reads ReceiptGuidance rate names', () => {
    expect(['ZERO', 'SEVEN', 'NINETEEN', '5.5', 'x'].map(guidanceRateToBp)).toEqual([0, 700, 1900, 550, null]);
  });
});
