import { describe, expect, it } from 'vitest';
import type { DocumentData } from '../documents/document.js';
import type { NormalizedOrder } from '../orders/order.js';
import { type BookableDocument, chooseCheckAccount, paymentFacts } from './payment.js';

const data = (over: Partial<DocumentData> = {}): DocumentData =>
  ({
    type: 'invoice',
    currency: 'eur',
    issueDate: '2026-03-01',
    deliveryDate: '2026-03-01',
    orderNumber: '3718',
    orderId: '3718',
    paymentMethod: 'bacs',
    paymentMethodTitle: 'Überweisung',
    paymentTransactionId: null,
    paidAt: null,
    totals: { net: 10000, tax: 1900, gross: 11900, byRate: [] },
    lines: [],
    notes: [],
    attentionReasons: [],
    taxCase: 'domestic',
    customer: {} as DocumentData['customer'],
    ...over,
  }) as DocumentData;

const invoice = (over: Partial<DocumentData> = {}): BookableDocument => ({
  type: 'invoice',
  sourceKey: 'order:3718:invoice',
  number: 'RE-2026-00001',
  issueDate: '2026-03-01',
  data: data(over),
});

const order = (over: Partial<NormalizedOrder> = {}) =>
  ({ paidAt: null, paymentMethod: 'bacs', transactionId: null, refunds: [], ...over }) as unknown as NormalizedOrder;

describe('paymentFacts', () => {
  it('an unpaid invoice waits', () => {
    expect(paymentFacts(invoice(), order())).toEqual({ ok: false, code: 'unpaid' });
  });

  it('reads the paid date from the order’s latest data (paid later)', () => {
    const facts = paymentFacts(invoice(), order({ paidAt: '2026-03-05T09:00:00Z', transactionId: 'TX1' }));
    expect(facts).toMatchObject({
      ok: true,
      amount: 11900,
      currency: 'EUR',
      paidAt: '2026-03-05T09:00:00Z',
      transactionId: 'TX1',
      orderNumber: '3718',
      invoiceNumber: 'RE-2026-00001',
    });
  });

  it('falls back to the document’s paid date without an order', () => {
    expect(paymentFacts(invoice({ paidAt: '2026-03-01T10:00:00Z' }), null)).toMatchObject({
      ok: true,
      paidAt: '2026-03-01T10:00:00Z',
    });
  });

  it('a refund cancellation is negative and dated by its refund', () => {
    const doc: BookableDocument = {
      type: 'cancellation',
      sourceKey: 'refund:77',
      number: 'ST-2026-00001',
      issueDate: '2026-03-08',
      data: data({
        type: 'cancellation',
        totals: { net: -4202, tax: -798, gross: -5000, byRate: [] },
        cancels: { documentId: 'doc_1', number: 'RE-2026-00001', full: false },
      }),
    };
    const facts = paymentFacts(
      doc,
      order({
        paidAt: '2026-03-01T10:00:00Z',
        refunds: [{ refundId: '77', reason: null, amount: 5000, date: '2026-03-07T12:00:00Z', lines: null }],
      }),
    );
    expect(facts).toMatchObject({
      ok: true,
      amount: -5000,
      paidAt: '2026-03-07T12:00:00Z',
      invoiceNumber: 'RE-2026-00001',
    });
  });

  it('a full cancellation of a never paid order has nothing to book', () => {
    const doc: BookableDocument = {
      type: 'cancellation',
      sourceKey: 'order:3718:cancellation',
      number: 'ST-2026-00002',
      issueDate: '2026-03-09',
      data: data({ type: 'cancellation', totals: { net: -10000, tax: -1900, gross: -11900, byRate: [] } }),
    };
    expect(paymentFacts(doc, order())).toEqual({ ok: false, code: 'never_paid' });
    expect(paymentFacts(doc, order({ paidAt: '2026-03-01T10:00:00Z' }))).toMatchObject({
      ok: true,
      amount: -11900,
      paidAt: '2026-03-09',
    });
  });

  it('a zero document is not booked', () => {
    expect(paymentFacts(invoice({ totals: { net: 0, tax: 0, gross: 0, byRate: [] } }), order())).toEqual({
      ok: false,
      code: 'zero_amount',
    });
  });
});

describe('chooseCheckAccount', () => {
  const settings = { defaultCheckAccountId: '10', checkAccountByPaymentMethod: { paypal: '20', bacs: ' ' } };
  it('prefers the payment method’s account, then the default', () => {
    expect(chooseCheckAccount(settings, 'paypal')).toEqual({ id: '20', source: 'payment_method' });
    expect(chooseCheckAccount(settings, 'bacs')).toEqual({ id: '10', source: 'default' });
    expect(chooseCheckAccount(settings, null)).toEqual({ id: '10', source: 'default' });
    expect(chooseCheckAccount({ defaultCheckAccountId: null, checkAccountByPaymentMethod: {} }, 'x')).toBeNull();
  });
});
