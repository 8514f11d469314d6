import { describe, expect, it } from 'vitest';
import type { DocumentData } from '../../domain/documents/document.js';
import {
  DOMESTIC_INVOICE,
  exportGoods,
  exportServices,
  fullCancellation,
  intraEuGoods,
  intraEuServices,
  mixedRates,
  ossFrance,
  partialCancellation,
  seller,
  smallBusiness,
  smallBusinessSeller,
} from '../../../test/einvoice/fixtures.js';
import { buildCiiXml, EInvoiceDataError, GUIDELINE_EN16931, GUIDELINE_XRECHNUNG } from './build-cii.js';
import { paymentMeansFor } from './payment-means.js';

const values = (xml: string, element: string) =>
  [...xml.matchAll(new RegExp(`<ram:${element}(?:\\s[^>]*)?>([^<]*)</ram:${element}>`, 'g'))].map((m) => m[1]);

const build = (doc: DocumentData, extra: Partial<Parameters<typeof buildCiiXml>[0]> = {}) =>
  buildCiiXml({ doc, number: 'RE-1', seller, profile: 'EN16931', ...extra });

describe('buildCiiXml', () => {
  it('writes the EN 16931 or XRechnung guideline id and the buyer reference', () => {
    expect(build(mixedRates)).toContain(`<ram:ID>${GUIDELINE_EN16931}</ram:ID>`);
    expect(values(build(mixedRates), 'BuyerReference')).toEqual([mixedRates.orderNumber]);
    const xr = build(mixedRates, { profile: 'XRECHNUNG', buyerReference: '991-1-2' });
    expect(xr).toContain(`<ram:ID>${GUIDELINE_XRECHNUNG}</ram:ID>`);
    expect(values(xr, 'BuyerReference')).toEqual(['991-1-2']);
  });

  it('refuses XRechnung without a Leitweg-ID', () => {
    expect(() => build(mixedRates, { profile: 'XRECHNUNG' })).toThrow(EInvoiceDataError);
  });

  it('maps discounts to document-level allowances and keeps shipping and fees as lines', () => {
    const xml = build(mixedRates);
    expect(values(xml, 'LineID')).toEqual(['1', '2', '3', '6', '7']);
    expect(values(xml, 'ActualAmount')).toEqual(['6.42', '3.14']);
    expect(values(xml, 'ReasonCode')).toEqual(['95', '95']);
    expect(values(xml, 'AllowanceTotalAmount')).toEqual(['9.56']);
    expect(values(xml, 'LineTotalAmount').at(-1)).toBe('102.69'); // BT-106 = Σ line nets
    expect(values(xml, 'TaxBasisTotalAmount')).toEqual(['93.13']); // 102.69 − 9.56
    expect(values(xml, 'TypeCode')).toContain('58');
    expect(values(xml, 'IBANID')).toEqual(['DE89370400440532013000']);
    expect(xml).toMatch(/<ram:DueDateDateTime>\s*<udt:DateTimeString format="102">20250328</);
  });

  it('writes cancellations as 381 credit notes with positive amounts and the original invoice', () => {
    const xml = build(fullCancellation, { originalInvoice: DOMESTIC_INVOICE });
    expect(values(xml, 'TypeCode')[0]).toBe('381');
    expect(values(xml, 'GrandTotalAmount')).toEqual(['94.87']);
    expect(values(xml, 'BilledQuantity')).toEqual(['2', '1', '1']);
    expect(values(xml, 'IssuerAssignedID')).toContain(DOMESTIC_INVOICE.number);
    expect(xml).not.toMatch(/>-\d/);
    const partial = build(partialCancellation);
    expect(values(partial, 'IssuerAssignedID')).toContain(DOMESTIC_INVOICE.number); // from doc.cancels
    expect(values(partial, 'TotalPrepaidAmount')).toEqual(['34.99']);
    expect(values(partial, 'DuePayableAmount')).toEqual(['0.00']);
  });

  it('chooses the VAT category and exemption reason per tax case', () => {
    const cat = (doc: DocumentData, s = seller) =>
      values(buildCiiXml({ doc, number: 'X', seller: s, profile: 'EN16931' }), 'CategoryCode');
    expect(new Set(cat(mixedRates))).toEqual(new Set(['S']));
    expect(new Set(cat(smallBusiness, smallBusinessSeller))).toEqual(new Set(['E']));
    expect(new Set(cat(intraEuGoods))).toEqual(new Set(['K']));
    expect(new Set(cat(intraEuServices))).toEqual(new Set(['AE']));
    expect(new Set(cat(exportGoods))).toEqual(new Set(['G']));
    expect(new Set(cat(exportServices))).toEqual(new Set(['O']));
    expect(new Set(cat(ossFrance))).toEqual(new Set(['S']));
    const small = buildCiiXml({ doc: smallBusiness, number: 'X', seller: smallBusinessSeller, profile: 'EN16931' });
    expect(values(small, 'ExemptionReason')).toEqual([
      'Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG',
    ]);
    expect(values(build(intraEuGoods), 'ExemptionReasonCode')).toEqual(['VATEX-EU-IC']);
    expect(values(build(ossFrance), 'RateApplicablePercent')).toContain('5.5');
  });

  it('not subject to VAT (O): no VAT ids, the seller identified by BT-29', () => {
    const xml = build(exportServices);
    expect(xml).not.toContain('schemeID="VA"');
    expect(values(xml, 'ID')).toContain(seller.taxNumber);
  });

  it('intra-EU supply: buyer VAT id and deliver-to country', () => {
    const xml = build(intraEuGoods);
    expect(xml).toContain('<ram:ID schemeID="VA">ATU12345675</ram:ID>');
    expect(xml).toMatch(/<ram:ShipToTradeParty>[\s\S]*<ram:CountryID>AT<\/ram:CountryID>/);
  });

  it('refuses documents whose own figures do not add up', () => {
    const broken: DocumentData = { ...mixedRates, totals: { ...mixedRates.totals, net: mixedRates.totals.net + 1 } };
    expect(() => build(broken)).toThrow(/inconsistent document amounts/);
    const taxed: DocumentData = { ...smallBusiness, lines: smallBusiness.lines.map((l) => ({ ...l, rateBp: 1900 })) };
    expect(() => buildCiiXml({ doc: taxed, number: 'X', seller: smallBusinessSeller, profile: 'EN16931' })).toThrow(
      EInvoiceDataError,
    );
  });

  it('refuses missing seller data, naming the fields', () => {
    try {
      build(intraEuGoods, { seller: { ...seller, vatId: null, bank: null } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EInvoiceDataError);
      expect((e as EInvoiceDataError).missing.map((m) => m.field)).toEqual(['vatId', 'bank.iban']);
    }
  });

  it('is deterministic and escapes text', () => {
    expect(build(mixedRates)).toBe(build(mixedRates));
    expect(build(mixedRates)).toContain('&lt;Sonderedition&gt; &amp; mehr');
    expect(build(mixedRates)).toContain('Muster Handels GmbH &amp; Co. KG');
  });
});

describe('paymentMeansFor', () => {
  it('picks the UNTDID 4461 code from the payment method', () => {
    const code = (paymentMethod: string, paidAt: string | null = null, type: DocumentData['type'] = 'invoice') =>
      paymentMeansFor({ ...mixedRates, paymentMethod, paymentMethodTitle: null, paidAt, type }, seller).code;
    expect(code('bacs')).toBe('58');
    expect(code('paypal', '2025-01-01')).toBe('68');
    expect(code('stripe_cc', '2025-01-01')).toBe('68');
    expect(code('sepa_credit_transfer')).toBe('58');
    expect(code('cod')).toBe('10');
    expect(code('cheque')).toBe('20');
    expect(code('something_else')).toBe('58'); // unpaid, seller has an IBAN
    expect(code('something_else', '2025-01-01')).toBe('ZZZ');
    expect(code('bacs', null, 'cancellation')).toBe('ZZZ');
    expect(code('paypal', null, 'cancellation')).toBe('68');
  });
});
