// The visual PDF: PDF/A-3b structure, embedded fonts, the §14 UStG content as extractable text, page breaks.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/render/pdf/format.js';
import { renderDocumentPdf } from '../../src/render/pdf/render-document-pdf.js';
import {
  DOMESTIC_INVOICE,
  domestic19,
  fullCancellation,
  intraEuGoods,
  manyLines,
  mixedRates,
  partialCancellation,
  seller,
  smallBusiness,
  smallBusinessSeller,
} from '../einvoice/fixtures.js';
import { missingPdfTools, pdfInfo, pdfText, skipWithoutTools } from '../support/pdf-tools.js';

const skip = skipWithoutTools('PDF text extraction (poppler-utils)', missingPdfTools());
const eur = (minor: number) => formatMoney(minor, 'EUR', 'de');
/** pdftotext renders U+00A0 as a plain or no-break space depending on the version; compare on plain spaces. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('renderDocumentPdf: structure', () => {
  it('writes a PDF/A-3b file: version 1.7, pdfaid part 3 XMP, output intent, embedded TrueType fonts only', async () => {
    const pdf = await renderDocumentPdf({ doc: mixedRates, number: 'RE-2025-00043', seller });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('DejaVuSansCondensed');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(raw).toContain('/Lang (de-DE)');
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('is deterministic: the same input renders byte-identical files', async () => {
    const a = await renderDocumentPdf({ doc: domestic19, number: 'RE-2025-00042', seller });
    const b = await renderDocumentPdf({ doc: domestic19, number: 'RE-2025-00042', seller });
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('/CreationDate');
  });

  it('renders within a time budget (measured)', async () => {
    const runs = 10;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await renderDocumentPdf({ doc: mixedRates, number: `RE-${i}`, seller });
    const single = (performance.now() - started) / runs;
    const startedMany = performance.now();
    await renderDocumentPdf({ doc: manyLines, number: 'RE-2025-00100', seller });
    const many = performance.now() - startedMany;
    process.stderr.write(`render: ${single.toFixed(1)} ms per 1-page PDF, ${many.toFixed(1)} ms for 120 lines\n`);
    expect(single).toBeLessThan(1000);
  });
});

describe.skipIf(skip)('renderDocumentPdf: content (pdftotext)', () => {
  it('shows seller, buyer, number, dates, order, payment, lines, per-rate and grand totals (§14 UStG)', async () => {
    const pdf = await renderDocumentPdf({ doc: mixedRates, number: 'RE-2025-00043', seller });
    const text = plain(await pdfText(pdf));
    for (const expected of [
      'Muster Handels GmbH & Co. KG',
      'Musterstraße 12',
      '10115 Berlin',
      'USt-IdNr. DE123456789',
      'Steuernummer 30/123/45678',
      'Café Morgenrot UG (haftungsbeschränkt)',
      'Hafenstraße 3',
      '20457 Hamburg',
      'Rechnung RE-2025-00043',
      '14.03.2025',
      'Leistungsdatum',
      '12.03.2025',
      'Bestellnummer',
      '10024',
      'Überweisung (Vorkasse)',
      'Kaffeebohnen Hausmischung 1 kg',
      'Filterpapier Gr. 4 (100 Stück)', // wraps in the description column
      '<Sonderedition> & mehr',
      'Gutschein FRUEHLING10 (7 %)',
      'Versand Spedition',
      'Mindermengenzuschlag',
      'Lieferanschrift: Café Morgenrot – Filiale Altona, Große Bergstraße 100, 22767 Hamburg',
      'Summe netto',
      eur(mixedRates.totals.net),
      eur(mixedRates.totals.tax),
      'Gesamtbetrag',
      eur(mixedRates.totals.gross),
      'Alle Beträge in EUR.',
      'Bitte geben Sie bei der Überweisung die Rechnungsnummer an.',
      'bis zum 28.03.2025',
      'IBAN: DE89 3704 0044 0532 0130 00',
      'Verwendungszweck: RE-2025-00043',
      'Amtsgericht Berlin-Charlottenburg',
      'IBAN DE89 3704 0044 0532 0130 00', // footer, on one line
      'Seite 1 von 1',
    ]) {
      expect(text, `missing "${expected}"`).toContain(plain(expected));
    }
    for (const r of mixedRates.totals.byRate) {
      for (const amount of [r.net, r.tax, r.gross]) {
        expect(text).toContain(
          plain(
            formatMoney(amount, 'EUR', 'de')
              .replace(/\s€$/, '')
              .replace(/\u00a0€$/, ''),
          ),
        );
      }
    }
    expect(text).toMatch(/19 %[\s\S]*7 %/);
  });

  it('shows German number formatting with thousands separators', async () => {
    const pdf = await renderDocumentPdf({ doc: intraEuGoods, number: 'RE-2025-00045', seller });
    const text = plain(await pdfText(pdf));
    expect(text).toContain('1.139,40'); // 6 × 189,90
    expect(text).toContain(plain(eur(intraEuGoods.totals.gross)));
    expect(eur(intraEuGoods.totals.gross)).toBe('1.228,40\u00a0€');
    expect(text).toContain('USt-IdNr. Kunde');
    expect(text).toContain('ATU12345675');
    expect(text).toContain('Steuerfreie innergemeinschaftliche Lieferung');
    expect(text).toContain('Österreich');
  });

  it('full cancellation: "Stornorechnung", reference to the cancelled invoice with date, negative amounts', async () => {
    const pdf = await renderDocumentPdf({
      doc: fullCancellation,
      number: 'ST-2025-00008',
      seller,
      originalInvoice: DOMESTIC_INVOICE,
    });
    const text = plain(await pdfText(pdf));
    expect(text).toContain('Stornorechnung ST-2025-00008');
    expect(text).toContain('Rechnung Nr. RE-2025-00042 vom 14.03.2025');
    expect(text).toContain(plain(eur(fullCancellation.totals.gross)));
    expect(fullCancellation.totals.gross).toBeLessThan(0);
    expect(text).toContain('erstattet');
  });

  it('partial cancellation: "Rechnungskorrektur"', async () => {
    const pdf = await renderDocumentPdf({ doc: partialCancellation, number: 'ST-2025-00007', seller });
    const text = plain(await pdfText(pdf));
    expect(text).toContain('Rechnungskorrektur ST-2025-00007');
    expect(text).toContain('Rechnung Nr. RE-2025-00042');
    expect(text).toContain('Rücksendung von 1 × Espressokanne.');
  });

  it('Kleinunternehmer: no VAT columns, the § 19 note, paid with transaction id', async () => {
    const pdf = await renderDocumentPdf({ doc: smallBusiness, number: 'RE-2025-00044', seller: smallBusinessSeller });
    const text = plain(await pdfText(pdf));
    expect(text).toContain('Kleinunternehmer gemäß § 19 UStG');
    expect(text).not.toContain('Summe USt.');
    expect(text).not.toContain('USt-IdNr.');
    expect(text).toContain('Steuernummer 21/815/08150');
    expect(text).toContain(plain(eur(smallBusiness.totals.gross)));
    expect(text).toContain('bezahlt');
  });

  it('English variant', async () => {
    const pdf = await renderDocumentPdf({ doc: domestic19, number: 'RE-2025-00042', seller, lang: 'en' });
    const text = plain(await pdfText(pdf));
    expect(text).toContain('Invoice RE-2025-00042');
    expect(text).toContain('Delivery date');
    expect(text).toContain(formatMoney(domestic19.totals.gross, 'EUR', 'en'));
    expect(text).toContain('Page 1 of 1');
  });

  it('breaks 120 lines across pages with repeated headers, page numbers and all positions', async () => {
    const pdf = await renderDocumentPdf({ doc: manyLines, number: 'RE-2025-00100', seller });
    const info = await pdfInfo(pdf);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = plain(await pdfText(pdf));
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, i) => {
      expect(page).toContain(`Seite ${i + 1} von ${pages}`);
      expect(page).toContain('Beschreibung'); // table header repeated
      expect(page).toContain('Amtsgericht Berlin-Charlottenburg'); // footer on every page
    });
    for (let i = 1; i <= 120; i++) expect(text).toContain(`ART-${String(i).padStart(4, '0')}`);
    expect(text).toContain(plain(eur(manyLines.totals.gross)));
    expect(pageTexts.at(-1)).toContain('Gesamtbetrag');
  });
});
