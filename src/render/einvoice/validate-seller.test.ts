import { describe, expect, it } from 'vitest';
import {
  domestic19,
  exportGoods,
  intraEuGoods,
  intraEuServices,
  mixedRates,
  seller,
  smallBusiness,
  smallBusinessSeller,
} from '../../../test/einvoice/fixtures.js';
import { missingBuyerFields, missingSellerFields } from './validate-seller.js';

const fields = (list: { field: string }[]) => list.map((m) => m.field);

describe('missingSellerFields', () => {
  it('accepts complete seller profiles', () => {
    expect(missingSellerFields(seller, mixedRates, { profile: 'XRECHNUNG' })).toEqual([]);
    expect(missingSellerFields(smallBusinessSeller, smallBusiness)).toEqual([]);
  });

  it('names the missing legal name and address parts', () => {
    const broken = { ...seller, legalName: ' ', address: { street: '', zip: '', city: 'Berlin', country: 'Germany' } };
    expect(fields(missingSellerFields(broken, domestic19))).toEqual([
      'legalName',
      'address.street',
      'address.zip',
      'address.country',
    ]);
  });

  it('needs a VAT id or a tax number; a VAT id for intra-EU supplies and exports', () => {
    const none = { ...seller, vatId: null, taxNumber: null };
    expect(fields(missingSellerFields(none, domestic19))).toEqual(['vatId']);
    const taxNumberOnly = { ...seller, vatId: null };
    expect(fields(missingSellerFields(taxNumberOnly, domestic19))).toEqual([]);
    expect(fields(missingSellerFields(taxNumberOnly, intraEuServices))).toEqual([]);
    expect(fields(missingSellerFields(taxNumberOnly, intraEuGoods))).toEqual(['vatId']);
    expect(fields(missingSellerFields(taxNumberOnly, exportGoods))).toEqual(['vatId']);
    expect(missingSellerFields(taxNumberOnly, exportGoods)[0]?.message).toMatch(/USt-IdNr/);
  });

  it('needs an IBAN for unpaid bank-transfer invoices only', () => {
    const noBank = { ...seller, bank: null };
    expect(fields(missingSellerFields(noBank, mixedRates))).toEqual(['bank.iban']);
    expect(fields(missingSellerFields(noBank, domestic19))).toEqual([]); // paid with PayPal
  });

  it('needs the contact for XRechnung', () => {
    const noContact = { ...seller, contactName: null, phone: '', email: null };
    expect(fields(missingSellerFields(noContact, domestic19))).toEqual([]);
    expect(fields(missingSellerFields(noContact, domestic19, { profile: 'XRECHNUNG' }))).toEqual([
      'contactName',
      'phone',
      'email',
    ]);
  });
});

describe('missingBuyerFields', () => {
  it('needs the buyer VAT id for intra-EU B2B and a tax case', () => {
    expect(missingBuyerFields(intraEuGoods)).toEqual([]);
    const noVatId = { ...intraEuGoods, customer: { ...intraEuGoods.customer, vatId: null } };
    expect(fields(missingBuyerFields(noVatId))).toEqual(['customer.vatId']);
    expect(fields(missingBuyerFields({ ...domestic19, taxCase: null }))).toEqual(['taxCase']);
  });
});
