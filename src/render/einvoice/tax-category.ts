// EN 16931 VAT category (UNCL 5305) per tax case and rate, with the exemption reason the category requires.
import type { TaxCase } from '../../domain/documents/document.js';

export type VatCategoryCode = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O';

export interface VatCategory {
  code: VatCategoryCode;
  /** BT-120 */
  exemptionReason: string | null;
  /** BT-121 (VATEX code list) */
  exemptionReasonCode: string | null;
}

export const SMALL_BUSINESS_REASON = 'Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG';

const ZERO_RATED_BY_CASE: Record<
  Exclude<TaxCase, 'domestic' | 'eu_b2c_oss'>,
  { code: VatCategoryCode; reason: string; reasonCode: string | null }
> = {
  small_business: { code: 'E', reason: SMALL_BUSINESS_REASON, reasonCode: null },
  eu_b2b_goods: {
    code: 'K',
    reason: 'Steuerfreie innergemeinschaftliche Lieferung gemäß § 4 Nr. 1 Buchst. b i. V. m. § 6a UStG',
    reasonCode: 'VATEX-EU-IC',
  },
  eu_b2b_services: {
    code: 'AE',
    reason: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)',
    reasonCode: 'VATEX-EU-AE',
  },
  export_goods: {
    code: 'G',
    reason: 'Steuerfreie Ausfuhrlieferung gemäß § 4 Nr. 1 Buchst. a i. V. m. § 6 UStG',
    reasonCode: 'VATEX-EU-G',
  },
  export_services: { code: 'O', reason: 'Nicht im Inland steuerbare Leistung', reasonCode: 'VATEX-EU-O' },
};

export class TaxCategoryError extends Error {
  override name = 'TaxCategoryError';
}

/**
 * The category of an amount taxed at `rateBp` in a document of `taxCase`.
 * Taxed amounts (rate > 0) are S in every case that allows them; 0 % is Z domestically and the case's
 * exemption category otherwise. Small-business and not-subject documents cannot carry a rate.
 */
export function vatCategoryFor(taxCase: TaxCase, rateBp: number): VatCategory {
  if (taxCase === 'domestic' || taxCase === 'eu_b2c_oss') {
    return { code: rateBp > 0 ? 'S' : 'Z', exemptionReason: null, exemptionReasonCode: null };
  }
  const exempt = ZERO_RATED_BY_CASE[taxCase];
  if (rateBp > 0) {
    if (exempt.code === 'E' || exempt.code === 'O') {
      throw new TaxCategoryError(`a ${taxCase} document cannot contain amounts taxed at ${rateBp / 100} %`);
    }
    return { code: 'S', exemptionReason: null, exemptionReasonCode: null };
  }
  return { code: exempt.code, exemptionReason: exempt.reason, exemptionReasonCode: exempt.reasonCode };
}
