import { describe, expect, it } from 'vitest';
import { markersIn } from '../transfer/marker.js';
import { voucherPresentationSchema } from './accounting-settings.js';
import { germanDate, renderTemplate, voucherDateOf, voucherDescriptionFrom, voucherRemark } from './voucher-text.js';

const input = {
  documentId: 'doc_01ABC',
  type: 'invoice' as const,
  number: 'RE-2026-00042',
  cancelledInvoiceNumber: null,
  orderNumber: '1042',
  customerName: 'Erika Mustermann',
  paymentMethod: 'PayPal',
  transactionId: '5TY12345',
  voucherDate: '2026-03-12',
};

describe('voucher description', () => {
  it('renders the template and always appends the marker', () => {
    const p = voucherPresentationSchema.parse({
      description: { invoice: '{invoiceNumber} · Bestellung {orderNumber}' },
    });
    expect(voucherDescriptionFrom(p, input)).toBe('RE-2026-00042 · Bestellung 1042 [BF:doc_01ABC]');
    expect(renderTemplate('{customerName} {date} {paymentMethod} {transactionId}', input)).toBe(
      'Erika Mustermann 12.03.2026 PayPal 5TY12345',
    );
  });

  it('keeps the old reading by default, including cancellations', () => {
    const p = voucherPresentationSchema.parse({});
    expect(voucherDescriptionFrom(p, input)).toBe('RE-2026-00042 [BF:doc_01ABC]');
    expect(
      voucherDescriptionFrom(p, {
        ...input,
        type: 'cancellation',
        number: 'ST-2026-00003',
        cancelledInvoiceNumber: 'RE-2026-00042',
      }),
    ).toBe('ST-2026-00003 Storno zu RE-2026-00042 [BF:doc_01ABC]');
  });

  it('adds the remark when wanted and leaves out what is missing', () => {
    const p = voucherPresentationSchema.parse({ remark: true });
    expect(voucherDescriptionFrom(p, input)).toBe(
      'RE-2026-00042 · Bestellung 1042 · Zahlart PayPal · Transaktion 5TY12345 [BF:doc_01ABC]',
    );
    expect(voucherRemark({ orderNumber: '7', paymentMethod: null, transactionId: null })).toBe('Bestellung 7');
  });

  it('cannot lose or fake the marker: shop values are cleaned and long text is cut before it', () => {
    const p = voucherPresentationSchema.parse({ description: { invoice: '{customerName} {invoiceNumber}' } });
    const sneaky = voucherDescriptionFrom(p, { ...input, customerName: 'Evil [BF:doc_OTHER]\nCorp' });
    expect(markersIn(sneaky)).toEqual(['doc_01ABC']);
    const long = voucherDescriptionFrom(p, { ...input, customerName: 'x'.repeat(500) });
    expect(long.endsWith('[BF:doc_01ABC]')).toBe(true);
    expect(long.length).toBeLessThan(230);
    // Dangling separators of empty values disappear.
    expect(renderTemplate('{transactionId} · {invoiceNumber} ·', { ...input, transactionId: null })).toBe(
      'RE-2026-00042',
    );
  });
});

describe('voucher date', () => {
  it('is the invoice date unless the order date is chosen; cancellations keep their own', () => {
    const doc = { type: 'invoice' as const, issueDate: '2026-03-12' };
    expect(voucherDateOf('invoice_date', doc, '2026-03-01T10:00:00Z')).toEqual({
      date: '2026-03-12',
      source: 'invoice_date',
    });
    // 23:30 UTC on 28 Feb is 1 March in Berlin.
    expect(voucherDateOf('order_date', doc, '2026-02-28T23:30:00Z')).toEqual({
      date: '2026-03-01',
      source: 'order_date',
    });
    expect(voucherDateOf('order_date', { ...doc, type: 'cancellation' }, '2026-03-01T10:00:00Z').source).toBe(
      'invoice_date',
    );
    expect(voucherDateOf('order_date', doc, null).date).toBe('2026-03-12');
    expect(germanDate('2026-03-01')).toBe('01.03.2026');
  });
});
