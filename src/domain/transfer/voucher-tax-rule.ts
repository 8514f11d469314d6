// Which sevDesk tax rule a document's tax case gets on the voucher path (sevdesk-api.md §6.4/§6.5, product.md).
// Cases sevDesk cannot take as a voucher are held with a reason, never sent with a "close enough" rule.
import type { TaxCase } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';

/** Bookkeeping 1.0 header field, for accounts that still run the old system. */
export type LegacyTaxType = 'default' | 'eu' | 'noteu' | 'ss';

export type VoucherTaxRule =
  | { ok: true; ruleId: number; ruleCode: string; taxType: LegacyTaxType; allowedRatesBp: readonly RateBp[] }
  | { ok: false; code: 'needs_invoice_path' | 'tax_case_missing'; taxCase: TaxCase | null };

const RULES: Partial<Record<TaxCase, Extract<VoucherTaxRule, { ok: true }>>> = {
  domestic: { ok: true, ruleId: 1, ruleCode: 'USTPFL_UMS_EINN', taxType: 'default', allowedRatesBp: [1900, 700, 0] },
  small_business: { ok: true, ruleId: 11, ruleCode: 'KLEINUNTERNEHMER_P19', taxType: 'ss', allowedRatesBp: [0] },
  eu_b2b_goods: { ok: true, ruleId: 3, ruleCode: 'INNERGEM_LIEF', taxType: 'eu', allowedRatesBp: [0] },
  export_goods: { ok: true, ruleId: 2, ruleCode: 'AUSFUHREN', taxType: 'noteu', allowedRatesBp: [0] },
  export_services: {
    ok: true,
    ruleId: 17,
    ruleCode: 'NICHT_IM_INLAND_STEUERBAR',
    taxType: 'noteu',
    allowedRatesBp: [0],
  },
};

/** eu_b2b_services needs rule 21 and eu_b2c_oss rules 18–20: sevDesk refuses both on vouchers. */
export function voucherTaxRule(taxCase: TaxCase | null): VoucherTaxRule {
  if (taxCase === null) return { ok: false, code: 'tax_case_missing', taxCase };
  return RULES[taxCase] ?? { ok: false, code: 'needs_invoice_path', taxCase };
}

/** Rates sevDesk names in ReceiptGuidance (`taxRates: ["ZERO","SEVEN","NINETEEN"]`) as basis points. */
export function guidanceRateToBp(name: string): RateBp | null {
  switch (name.toUpperCase()) {
    case 'ZERO':
      return 0;
    case 'SEVEN':
      return 700;
    case 'NINETEEN':
      return 1900;
    default: {
      const n = Number(name);
      return Number.isFinite(n) ? Math.round(n * 100) : null;
    }
  }
}
