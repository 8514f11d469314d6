// The note each tax case must carry on the document (§ 14a UStG, § 19 UStG); domestic needs none.
import type { TaxCase } from '../documents/document.js';
import { countryName } from './country-names.js';
import { normalizeVatId } from './vat-id.js';

export type NoteLanguage = 'de' | 'en';

export interface TaxNoteContext {
  /** Buyer's VAT id, required on intra-EU and reverse-charge documents. */
  vatId?: string | null;
  /** Destination country (ISO alpha-2) for OSS documents. */
  destinationCountry?: string | null;
}

function vatIdSuffix(vatId: string | null | undefined, language: NoteLanguage): string {
  if (!vatId) return '';
  const id = normalizeVatId(vatId);
  return language === 'de' ? ` USt-IdNr. des Leistungsempfängers: ${id}` : ` Customer's VAT ID: ${id}`;
}

/** The printed tax note for a case, or null when the case needs none (domestic). */
export function taxNote(taxCase: TaxCase, context: TaxNoteContext = {}, language: NoteLanguage = 'de'): string | null {
  const de = language === 'de';
  switch (taxCase) {
    case 'domestic':
      return null;
    case 'small_business':
      return de
        ? 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.'
        : 'No VAT is charged under the small business scheme (§ 19 UStG).';
    case 'eu_b2b_goods':
      return (
        (de
          ? 'Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b i. V. m. § 6a UStG).'
          : 'VAT-exempt intra-Community supply of goods (§ 4 No. 1b in conjunction with § 6a UStG).') +
        vatIdSuffix(context.vatId, language)
      );
    case 'eu_b2b_services':
      return (
        (de
          ? 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG).'
          : 'Reverse charge: VAT is payable by the recipient of the service (§ 13b UStG).') +
        vatIdSuffix(context.vatId, language)
      );
    case 'export_goods':
      return de
        ? 'Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a i. V. m. § 6 UStG).'
        : 'VAT-exempt export delivery (§ 4 No. 1a in conjunction with § 6 UStG).';
    case 'export_services':
      return de ? 'Nicht im Inland steuerbare Leistung.' : 'Service not taxable in Germany.';
    case 'eu_b2c_oss': {
      const code = context.destinationCountry?.toUpperCase() ?? null;
      if (de) {
        const where = code ? ` ${countryName(code, 'de')}` : '';
        return `Besteuerung im Bestimmungsland${where} (One-Stop-Shop-Verfahren, § 18j UStG).`;
      }
      const where = code ? ` (${countryName(code, 'en')})` : '';
      return `VAT of the country of destination${where} under the One-Stop-Shop scheme (§ 18j UStG).`;
    }
  }
}
