import { describe, expect, it } from 'vitest';
import { TAX_CASES } from '../documents/document.js';
import { taxNote } from './tax-notes.js';

describe('taxNote', () => {
  it('gives the German notes', () => {
    expect(taxNote('domestic')).toBeNull();
    expect(taxNote('small_business')).toBe('Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.');
    expect(taxNote('eu_b2b_goods', { vatId: 'atu 12345678' })).toBe(
      'Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b i. V. m. § 6a UStG). USt-IdNr. des Leistungsempfängers: ATU12345678',
    );
    expect(taxNote('eu_b2b_services', { vatId: 'FR40303265045' })).toBe(
      'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG). USt-IdNr. des Leistungsempfängers: FR40303265045',
    );
    expect(taxNote('export_goods')).toBe('Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a i. V. m. § 6 UStG).');
    expect(taxNote('export_services')).toBe('Nicht im Inland steuerbare Leistung.');
    expect(taxNote('eu_b2c_oss', { destinationCountry: 'FR' })).toBe(
      'Besteuerung im Bestimmungsland Frankreich (One-Stop-Shop-Verfahren, § 18j UStG).',
    );
  });

  it('has an English variant for every case that needs a note', () => {
    for (const taxCase of TAX_CASES) {
      const de = taxNote(taxCase, { vatId: 'ATU12345678', destinationCountry: 'AT' }, 'de');
      const en = taxNote(taxCase, { vatId: 'ATU12345678', destinationCountry: 'AT' }, 'en');
      expect(en === null).toBe(de === null);
      if (en) expect(en).not.toBe(de);
    }
    expect(taxNote('eu_b2c_oss', { destinationCountry: 'AT' }, 'en')).toContain('Austria');
    expect(taxNote('eu_b2b_goods', { vatId: 'ATU12345678' }, 'en')).toContain("Customer's VAT ID: ATU12345678");
  });
});
