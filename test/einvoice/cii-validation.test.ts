// Every fixture's CII passes the official XSD and EN 16931 Schematron (and the XRechnung Schematron for the
// XRECHNUNG profile) with zero errors, and its totals equal the document's to the cent.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCiiXml } from '../../src/render/einvoice/build-cii.js';
import { minorToDecimalString } from '../../src/render/common/decimal.js';
import {
  formatIssues,
  missingEinvoiceTools,
  type ValidationReport,
  validateCiiBatch,
} from '../support/einvoice-validator.js';
import { skipWithoutTools } from '../support/pdf-tools.js';
import { ALL_CASES, DOMESTIC_INVOICE, domestic19 } from './fixtures.js';

const skip = skipWithoutTools('e-invoice validation (XSD + Schematron)', missingEinvoiceTools());
const LEITWEG_ID = '04011000-12345-34';

function build(c: (typeof ALL_CASES)[number], profile: 'EN16931' | 'XRECHNUNG'): string {
  return buildCiiXml({
    doc: c.doc,
    number: c.number,
    seller: c.seller,
    profile,
    buyerReference: profile === 'XRECHNUNG' ? LEITWEG_ID : null,
    originalInvoice: c.doc.type === 'cancellation' ? DOMESTIC_INVOICE : null,
  });
}

function xmlValue(xml: string, element: string): string | null {
  return new RegExp(`<ram:${element}(?:\\s[^>]*)?>([^<]*)</ram:${element}>`).exec(xml)?.[1] ?? null;
}

describe.skipIf(skip)('CII e-invoices against the official rule sets', () => {
  const reports = new Map<string, ValidationReport>();
  const xmls = new Map<string, string>();

  beforeAll(async () => {
    const items = ALL_CASES.flatMap((c) =>
      (['EN16931', 'XRECHNUNG'] as const).map((profile) => {
        const name = `${c.name} / ${profile}`;
        const xml = build(c, profile);
        xmls.set(name, xml);
        return { name, xml, xrechnung: profile === 'XRECHNUNG' };
      }),
    );
    // Negative controls: the validator must see errors when there are some.
    const good = build(ALL_CASES[0]!, 'XRECHNUNG');
    items.push({
      name: 'control: wrong line total',
      xml: good.replace(/<ram:LineTotalAmount>[^<]*</, '<ram:LineTotalAmount>1.00<'),
      xrechnung: false,
    });
    items.push({
      name: 'control: no buyer reference',
      xml: good.replace(/<ram:BuyerReference>[^<]*<\/ram:BuyerReference>/, ''),
      xrechnung: true,
    });
    items.push({
      name: 'control: element order',
      xml: good
        .replace('<ram:TypeCode>380</ram:TypeCode>', '')
        .replace('</ram:IssueDateTime>', '</ram:IssueDateTime><ram:TypeCode>380</ram:TypeCode>'),
      xrechnung: false,
    });
    const started = performance.now();
    for (const [name, report] of await validateCiiBatch(items)) reports.set(name, report);
    process.stderr.write(`validated ${items.length} CII documents in ${Math.round(performance.now() - started)} ms\n`);
  });

  for (const c of ALL_CASES) {
    for (const profile of ['EN16931', 'XRECHNUNG'] as const) {
      const name = `${c.name} / ${profile}`;
      it(`${name}: XSD + EN 16931${profile === 'XRECHNUNG' ? ' + XRechnung' : ''} without errors`, () => {
        const report = reports.get(name)!;
        expect(report.errors, formatIssues(report.errors)).toEqual([]);
        // Not even a "should" rule is violated.
        expect(report.warnings, formatIssues(report.warnings)).toEqual([]);
      });
    }

    it(`${c.name}: totals equal the document's to the cent`, () => {
      const xml = xmls.get(`${c.name} / EN16931`)!;
      const sign = c.doc.type === 'cancellation' ? -1 : 1;
      const cur = c.doc.currency;
      expect(xmlValue(xml, 'TaxBasisTotalAmount')).toBe(minorToDecimalString(sign * c.doc.totals.net, cur));
      expect(xmlValue(xml, 'TaxTotalAmount')).toBe(minorToDecimalString(sign * c.doc.totals.tax, cur));
      expect(xmlValue(xml, 'GrandTotalAmount')).toBe(minorToDecimalString(sign * c.doc.totals.gross, cur));
      const due = c.doc.paidAt ? 0 : sign * c.doc.totals.gross;
      expect(xmlValue(xml, 'DuePayableAmount')).toBe(minorToDecimalString(due, cur));
      // Per-rate breakdown = doc.totals.byRate.
      const groups = [
        ...xml.matchAll(
          /<ram:ApplicableTradeTax>\s*<ram:CalculatedAmount>([^<]*)<[\s\S]*?<ram:BasisAmount>([^<]*)<[\s\S]*?<ram:RateApplicablePercent>([^<]*)</g,
        ),
      ];
      const expected = c.doc.totals.byRate.map((r) => [
        minorToDecimalString(sign * r.tax, cur),
        minorToDecimalString(sign * r.net, cur),
        String(r.rateBp / 100),
      ]);
      expect(groups.map((g) => [g[1], g[2], g[3]]).sort()).toEqual(expected.sort());
    });
  }

  it('sees the errors in the negative controls (the validator is not a no-op)', () => {
    expect(reports.get('control: wrong line total')!.errors.map((e) => e.id)).toContain('BR-CO-10');
    expect(reports.get('control: no buyer reference')!.errors.map((e) => e.id)).toContain('BR-DE-15');
    expect(reports.get('control: element order')!.errors.some((e) => e.ruleSet === 'xsd')).toBe(true);
  });

  it('writes credit notes (381) with positive amounts referencing the cancelled invoice', () => {
    const xml = xmls.get('full cancellation / XRECHNUNG')!;
    expect(xml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(xml).toContain(`<ram:IssuerAssignedID>${DOMESTIC_INVOICE.number}</ram:IssuerAssignedID>`);
    expect(xml).toContain('<qdt:DateTimeString format="102">20250314</qdt:DateTimeString>');
    expect(xmlValue(xml, 'GrandTotalAmount')).toBe(minorToDecimalString(domestic19.totals.gross, 'EUR'));
    expect(xml).not.toMatch(/<ram:(LineTotalAmount|ChargeAmount|BilledQuantity)[^>]*>-/);
  });
});
