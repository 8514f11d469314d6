// The hybrid ZUGFeRD/Factur-X PDF: factur-x.xml embedded as /Alternative and listed in the catalog /AF,
// Factur-X XMP, and the embedded XML, the visual PDF and the document agree to the cent.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { minorToDecimalString } from '../../src/render/common/decimal.js';
import { buildCiiXml } from '../../src/render/einvoice/build-cii.js';
import { FACTURX_FILENAME, renderFacturxPdf } from '../../src/render/einvoice/embed-facturx.js';
import { formatMoney } from '../../src/render/pdf/format.js';
import { formatIssues, missingEinvoiceTools, validateCiiBatch } from '../support/einvoice-validator.js';
import { missingPdfTools, pdfAttachments, pdfText, skipWithoutTools } from '../support/pdf-tools.js';
import { DOMESTIC_INVOICE, fullCancellation, mixedRates, seller } from './fixtures.js';

const skip = skipWithoutTools('Factur-X hybrid PDF', [...missingPdfTools(), ...missingEinvoiceTools()]);

function xmlValue(xml: string, element: string): string | null {
  return new RegExp(`<ram:${element}(?:\\s[^>]*)?>([^<]*)</ram:${element}>`).exec(xml)?.[1] ?? null;
}

/** The indirect object `n 0 obj … endobj` of an uncompressed pdfkit file. */
function object(raw: string, ref: string): string {
  const id = ref.split(' ')[0];
  const start = raw.indexOf(`\n${id} 0 obj`);
  return start < 0 ? '' : raw.slice(start, raw.indexOf('endobj', start));
}

describe.skipIf(skip)('Factur-X / ZUGFeRD hybrid PDF', () => {
  let invoice: { pdf: Buffer; xml: string };
  let credit: { pdf: Buffer; xml: string };

  beforeAll(async () => {
    invoice = await renderFacturxPdf({ doc: mixedRates, number: 'RE-2025-00043', seller });
    credit = await renderFacturxPdf({
      doc: fullCancellation,
      number: 'ST-2025-00008',
      seller,
      originalInvoice: DOMESTIC_INVOICE,
      profile: 'XRECHNUNG',
      buyerReference: '04011000-12345-34',
    });
  });

  it('embeds factur-x.xml as AFRelationship /Alternative, referenced from the catalog /AF array', () => {
    const raw = invoice.pdf.toString('latin1');
    const catalog = /\n(\d+) 0 obj\n<<\n\/Type \/Catalog[\s\S]*?endobj/.exec(raw)?.[0] ?? '';
    expect(catalog).not.toBe('');
    const af = /\/AF \[(\d+ 0 R)\]/.exec(catalog);
    expect(af, 'catalog has an /AF array').not.toBeNull();
    const filespec = object(raw, af![1]!);
    expect(filespec).toContain('/Type /Filespec');
    expect(filespec).toContain('/AFRelationship /Alternative');
    expect(filespec).toContain(`/F (${FACTURX_FILENAME})`);
    expect(filespec).toContain(`/UF (${FACTURX_FILENAME})`);
    expect(catalog).toContain('/Names');
    expect(raw).toContain('/Type /EmbeddedFile');
    expect(raw).toMatch(/\/Subtype \/text#2[fF]xml/);
    expect(raw).toContain('/ModDate (D:20250314000000Z)');
  });

  it('carries the PDF/A-3 id and the Factur-X extension schema in the XMP', () => {
    const raw = invoice.pdf.toString('utf8');
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain(
      '<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>',
    );
    expect(raw).toContain('<pdfaSchema:prefix>fx</pdfaSchema:prefix>');
    expect(raw).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
    expect(raw).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(raw).toContain('<fx:Version>1.0</fx:Version>');
    expect(raw).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(credit.pdf.toString('utf8')).toContain('<fx:ConformanceLevel>XRECHNUNG</fx:ConformanceLevel>');
  });

  it('the XMP packet is well-formed XML (seller names with "&" included)', async () => {
    const raw = invoice.pdf.toString('utf8');
    const start = raw.indexOf('<?xpacket begin');
    const endMarker = '<?xpacket end="w"?>';
    const xmp = raw.slice(start, raw.indexOf(endMarker) + endMarker.length);
    expect(start).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'belegfluss-xmp-'));
    try {
      writeFileSync(path.join(dir, 'xmp.xml'), xmp);
      await promisify(execFile)('xmllint', ['--noout', path.join(dir, 'xmp.xml')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(xmp).toContain('<rdf:li>Muster Handels GmbH + Co. KG</rdf:li>');
  });

  it('the embedded XML is exactly the CII built from the same document, and it validates', async () => {
    const attachments = await pdfAttachments(invoice.pdf);
    expect([...attachments.keys()]).toEqual([FACTURX_FILENAME]);
    const embedded = attachments.get(FACTURX_FILENAME)!.toString('utf8');
    expect(embedded).toBe(invoice.xml);
    expect(embedded).toBe(buildCiiXml({ doc: mixedRates, number: 'RE-2025-00043', seller, profile: 'EN16931' }));

    const creditXml = (await pdfAttachments(credit.pdf)).get(FACTURX_FILENAME)!.toString('utf8');
    const reports = await validateCiiBatch([
      { name: 'invoice', xml: embedded },
      { name: 'credit', xml: creditXml, xrechnung: true },
    ]);
    for (const report of reports.values()) expect(report.errors, formatIssues(report.errors)).toEqual([]);
  });

  it('embedded XML totals = visual PDF totals = document totals, to the cent', async () => {
    for (const [result, doc] of [
      [invoice, mixedRates],
      [credit, fullCancellation],
    ] as const) {
      const sign = doc.type === 'cancellation' ? -1 : 1;
      const xml = (await pdfAttachments(result.pdf)).get(FACTURX_FILENAME)!.toString('utf8');
      const text = (await pdfText(result.pdf)).replace(/\u00a0/g, ' ');
      // document ↔ XML
      expect(xmlValue(xml, 'GrandTotalAmount')).toBe(minorToDecimalString(sign * doc.totals.gross, 'EUR'));
      expect(xmlValue(xml, 'TaxTotalAmount')).toBe(minorToDecimalString(sign * doc.totals.tax, 'EUR'));
      expect(xmlValue(xml, 'TaxBasisTotalAmount')).toBe(minorToDecimalString(sign * doc.totals.net, 'EUR'));
      // XML ↔ visual PDF (the PDF prints the document's own sign)
      for (const element of ['GrandTotalAmount', 'TaxTotalAmount', 'TaxBasisTotalAmount']) {
        const minor = Math.round(Number(xmlValue(xml, element)) * 100) * sign;
        expect(text).toContain(formatMoney(minor, 'EUR', 'de').replace(/\u00a0/g, ' '));
      }
    }
  });
});
