import { describe, expect, it } from 'vitest';
import type { DocumentData, DocumentLine } from '../../domain/documents/document.js';
import type { GuidanceRow } from './sevdesk-api.js';
import { prepareVoucher, saveVoucherBody } from './voucher-payload.js';

const guidance: GuidanceRow[] = [
  {
    accountDatevId: '4101',
    accountNumber: '4400',
    accountName: 'Erlöse 19 %',
    receiptTypes: ['REVENUE'],
    rules: [{ id: 1, name: '', taxRates: ['NINETEEN'] }],
  },
  {
    accountDatevId: '4102',
    accountNumber: '4300',
    accountName: 'Erlöse 7 %',
    receiptTypes: ['REVENUE'],
    rules: [{ id: 1, name: '', taxRates: ['SEVEN'] }],
  },
  {
    accountDatevId: '4110',
    accountNumber: '4185',
    accountName: 'Kleinunternehmer',
    receiptTypes: ['REVENUE'],
    rules: [{ id: 11, name: '', taxRates: ['ZERO'] }],
  },
];

function line(name: string, gross: number, rateBp: number, position: number): DocumentLine {
  const tax = Math.round((gross * rateBp) / (10_000 + rateBp));
  return { kind: 'product', position, name, quantity: '1', unitPriceNet: '0', rateBp, net: gross - tax, tax, gross };
}

function doc(lines: DocumentLine[], over: Partial<DocumentData> = {}): DocumentData {
  const sum = (k: 'net' | 'tax' | 'gross', ls = lines) => ls.reduce((s, l) => s + l[k], 0);
  const rates = [...new Set(lines.map((l) => l.rateBp))];
  return {
    type: 'invoice',
    currency: 'EUR',
    issueDate: '2026-05-15',
    deliveryDate: '2026-05-14',
    orderNumber: '1',
    orderId: '1',
    paymentMethod: null,
    paymentMethodTitle: null,
    paymentTransactionId: null,
    paidAt: null,
    customer: {
      customerId: '1',
      email: null,
      phone: null,
      company: null,
      vatId: null,
      billing: { street: 'a', zip: '1', city: 'b', country: 'DE' },
      shipping: null,
    },
    taxCase: 'domestic',
    attentionReasons: [],
    lines,
    totals: {
      net: sum('net'),
      tax: sum('tax'),
      gross: sum('gross'),
      byRate: rates.map((rateBp) => {
        const at = lines.filter((l) => l.rateBp === rateBp);
        return { rateBp, net: sum('net', at), tax: sum('tax', at), gross: sum('gross', at) };
      }),
    },
    notes: [],
    ...over,
  };
}

const ctx = { bookkeepingVersion: '2.0' as const, guidance, revenueAccounts: {} };

describe('voucher payload', () => {
  it('plans positions per account so sevDesk derives the document VAT; body has the spec’s shape and order', () => {
    const data = doc([line('A', 3998, 1900, 1), line('Versand', 490, 1900, 2), line('Buch', 1070, 700, 3)]);
    const p = prepareVoucher({ id: 'doc_1', number: 'RE-1', data, cancelsNumber: null }, ctx);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.voucher.ruleId).toBe(1);
    expect(p.voucher.positions.filter((x) => x.rateBp === 1900).reduce((s, x) => s + x.tax, 0)).toBe(716);
    const body = saveVoucherBody(
      p.voucher,
      { id: 'doc_1', number: 'RE-1', data, cancelsNumber: null },
      {
        bookkeepingVersion: '2.0',
        contactId: '138',
        supplierName: 'Max',
        filename: 'f.pdf',
      },
    );
    expect(Object.keys(body)).toEqual(['voucher', 'voucherPosSave', 'voucherPosDelete', 'filename']);
    expect(body.voucher).toMatchObject({
      objectName: 'Voucher',
      mapAll: true,
      voucherDate: '15.05.2026',
      deliveryDate: '14.05.2026',
      supplier: { id: 138, objectName: 'Contact' },
      description: 'RE-1 [BF:doc_1]',
      status: 100,
      taxRule: { id: '1', objectName: 'TaxRule' },
      creditDebit: 'D',
      voucherType: 'VOU',
      currency: 'EUR',
    });
    const positions = body.voucherPosSave as Record<string, unknown>[];
    expect(positions.every((x) => x.net === false && typeof x.sumGross === 'number' && x.sumNet === undefined)).toBe(
      true,
    );
    expect(positions.find((x) => x.taxRate === 7)).toMatchObject({
      accountDatev: { id: 4102, objectName: 'AccountDatev' },
      sumGross: 10.7,
    });
  });

  it('holds documents it cannot map, before any write', () => {
    const base = { id: 'd', number: 'RE-2', cancelsNumber: null };
    const oss = prepareVoucher({ ...base, data: doc([line('x', 1200, 2000, 1)], { taxCase: 'eu_b2c_oss' }) }, ctx);
    expect(oss.ok ? null : oss.reason.code).toBe('needs_invoice_path');
    const att = prepareVoucher({ ...base, data: doc([line('x', 100, 1900, 1)], { attentionReasons: ['why'] }) }, ctx);
    expect(att.ok ? null : att.reason.code).toBe('document_needs_attention');
    const rate = prepareVoucher({ ...base, data: doc([line('x', 100, 1900, 1)], { taxCase: 'small_business' }) }, ctx);
    expect(rate.ok ? null : rate.reason.code).toBe('rate_not_allowed');
    const zero = prepareVoucher({ ...base, data: doc([line('x', 0, 1900, 1)]) }, ctx);
    expect(zero.ok ? null : zero.reason.code).toBe('nothing_to_book');
    const noAccount = prepareVoucher({ ...base, data: doc([line('x', 100, 0, 1)], { taxCase: 'export_goods' }) }, ctx);
    expect(noAccount.ok ? null : noAccount.reason.code).toBe('revenue_account_missing');
  });

  it('bookkeeping 1.0: taxType and accountingType; foreign currency carries the rate date', () => {
    const data = doc([line('x', 11900, 1900, 1)], { currency: 'USD' });
    const p = prepareVoucher(
      { id: 'd', number: 'RE-3', data, cancelsNumber: null },
      { ...ctx, bookkeepingVersion: '1.0' },
    );
    if (!p.ok) throw new Error(p.reason.en);
    const body = saveVoucherBody(
      p.voucher,
      { id: 'd', number: 'RE-3', data, cancelsNumber: null },
      {
        bookkeepingVersion: '1.0',
        contactId: null,
        supplierName: 'Max',
        filename: 'f.pdf',
      },
    );
    const v = body.voucher as Record<string, unknown>;
    expect(v.taxType).toBe('default');
    expect(v.taxRule).toBeUndefined();
    expect(v.supplier).toBeNull();
    expect(v.propertyForeignCurrencyDeadline).toBe('15.05.2026');
    expect((body.voucherPosSave as Record<string, unknown>[])[0]).toMatchObject({ accountingType: { id: 26 } });
  });
});
