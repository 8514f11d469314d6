import { describe, expect, it } from 'vitest';
import type { DocumentData } from '../../domain/documents/document.js';
import type { SalesPosition } from '../../domain/oss/plan-positions.js';
import { addressFields, saveCreditNoteBody, saveInvoiceBody, shopDocumentReference } from './invoice-payload.js';

const data = {
  currency: 'eur',
  issueDate: '2026-05-15',
  deliveryDate: '2026-05-14',
  orderNumber: '4711',
  customer: {
    customerId: '9',
    email: 'jeanne@example.fr',
    phone: null,
    company: null,
    vatId: null,
    billing: {
      firstName: 'Jeanne',
      lastName: 'Dupont',
      street: 'Rue 1',
      street2: 'Bât. B',
      zip: '75001',
      city: 'Paris',
      country: 'FR',
    },
    shipping: null,
  },
} as unknown as DocumentData;

const positions: SalesPosition[] = [
  {
    rateBp: 2000,
    amount: 3998,
    quantity: 2,
    unitAmount: 1999,
    name: 'Tasse',
    net: 3332,
    tax: 666,
    gross: 3998,
    lineIndexes: [0],
  },
  {
    rateBp: 550,
    amount: 1055,
    quantity: 1,
    unitAmount: 1055,
    name: 'Buch',
    net: 1000,
    tax: 55,
    gross: 1055,
    lineIndexes: [1],
  },
];
const plan = {
  ruleId: 18,
  supply: 'goods' as const,
  destination: 'FR',
  ratesAsOf: '2026-01-01',
  showNet: false,
  positions,
};
const input = {
  documentId: 'doc_01ABC',
  number: 'RE-2026-00042',
  data,
  contactId: '77',
  contactPersonId: '5',
  addressCountryId: '12',
  pdf: { sha256: 'abcdef0123456789abcdef' },
};

describe('saveInvoice body', () => {
  it('keeps the shop’s number, the order reference, the address and the destination', () => {
    const body = saveInvoiceBody(plan, input);
    expect(Object.keys(body)).toEqual([
      'invoice',
      'invoicePosSave',
      'invoicePosDelete',
      'discountSave',
      'discountDelete',
      'takeDefaultAddress',
    ]);
    expect(body.takeDefaultAddress).toBe(false);
    expect(body.invoice).toMatchObject({
      objectName: 'Invoice',
      mapAll: true,
      invoiceNumber: 'RE-2026-00042',
      customerInternalNote: '4711',
      contact: { id: 77, objectName: 'Contact' },
      contactPerson: { id: 5, objectName: 'SevUser' },
      invoiceDate: '15.05.2026',
      deliveryDate: '14.05.2026',
      addressCountry: { id: 12, objectName: 'StaticCountry' },
      deliveryAddressCountry: 'fr',
      status: 100,
      taxRule: { id: '18', objectName: 'TaxRule' },
      invoiceType: 'RE',
      currency: 'EUR',
      showNet: false,
      propertyIsEInvoice: false,
      address: 'Jeanne Dupont\nRue 1, Bât. B\n75001 Paris\nFrankreich',
      addressName: 'Jeanne Dupont',
      addressStreet: 'Rue 1, Bât. B',
      addressZip: '75001',
      addressCity: 'Paris',
    });
    expect((body.invoice as { footText: string }).footText).toContain('RE-2026-00042');
    expect((body.invoice as { footText: string }).footText).toContain('[BF:doc_01ABC]');
    expect(body.invoicePosSave).toEqual([
      {
        objectName: 'InvoicePos',
        mapAll: true,
        quantity: 2,
        price: 19.99,
        name: 'Tasse',
        unity: { id: 1, objectName: 'Unity' },
        taxRate: 20,
        positionNumber: 1,
      },
      expect.objectContaining({ quantity: 1, price: 10.55, taxRate: 5.5, positionNumber: 2 }),
    ]);
  });

  it('a credit note refers to its invoice with UNDERACHIEVEMENT', () => {
    const body = saveCreditNoteBody(plan, {
      ...input,
      number: 'ST-2026-00003',
      originInvoiceId: '900',
      originNumber: 'RE-2026-00042',
    });
    expect(body.creditNote).toMatchObject({
      creditNoteNumber: 'ST-2026-00003',
      bookingCategory: 'UNDERACHIEVEMENT',
      refSrcInvoice: { id: 900, objectName: 'Invoice' },
      taxRule: { id: '18', objectName: 'TaxRule' },
      status: 100,
      customerInternalNote: '4711',
      header: 'Gutschrift ST-2026-00003 zur Rechnung RE-2026-00042',
    });
    expect((body.creditNotePosSave as { objectName: string }[])[0]?.objectName).toBe('CreditNotePos');
  });

  it('names a company first and the person below it', () => {
    const company = { ...data.customer, company: 'Dupont SARL' };
    expect(addressFields(company).address.split('\n').slice(0, 2)).toEqual(['Dupont SARL', 'Jeanne Dupont']);
    expect(shopDocumentReference({ documentId: 'doc_1', number: 'RE-1', pdfSha256: null })).toMatch(
      /RE-1.*\[BF:doc_1\]$/,
    );
  });
});
