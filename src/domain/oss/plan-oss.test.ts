import { describe, expect, it } from 'vitest';
import type { DocumentData, DocumentLine } from '../documents/document.js';
import { sumTotals } from '../documents/totals.js';
import { planOssCancellation, planOssInvoice } from './plan-oss.js';

const line = (name: string, gross: number, rateBp: number, extra: Partial<DocumentLine> = {}): DocumentLine => {
  const tax = Math.sign(gross) * Math.round((Math.abs(gross) * rateBp) / (10_000 + rateBp));
  return {
    kind: 'product',
    position: 1,
    name,
    quantity: gross < 0 ? '-1' : '1',
    unitPriceNet: String(gross - tax),
    rateBp,
    net: gross - tax,
    tax,
    gross,
    ...extra,
  };
};

const doc = (lines: DocumentLine[], over: Partial<DocumentData> = {}): DocumentData => ({
  type: 'invoice',
  currency: 'EUR',
  issueDate: '2026-05-15',
  deliveryDate: '2026-05-14',
  orderNumber: '4711',
  orderId: '4711',
  paymentMethod: 'bacs',
  paymentMethodTitle: null,
  paymentTransactionId: null,
  paidAt: null,
  customer: {
    customerId: '9',
    email: 'jeanne@example.fr',
    phone: null,
    company: null,
    vatId: null,
    billing: { firstName: 'Jeanne', lastName: 'Dupont', street: 'Rue 1', zip: '75001', city: 'Paris', country: 'FR' },
    shipping: null,
  },
  taxCase: 'eu_b2c_oss',
  attentionReasons: [],
  lines,
  totals: sumTotals(lines),
  notes: [],
  ...over,
});

const negated = (d: DocumentData, lines = d.lines): DocumentData => {
  const neg = lines.map((l) => ({ ...l, quantity: `-${l.quantity}`, net: -l.net, tax: -l.tax, gross: -l.gross }));
  return {
    ...d,
    type: 'cancellation',
    lines: neg,
    totals: sumTotals(neg),
    cancels: { documentId: 'doc_1', number: 'RE-1', full: true },
  };
};

describe('planning an OSS invoice', () => {
  it('goods to France at 20 % and 5.5 %: rule 18, destination FR, positions reproducing the VAT', () => {
    const data = doc([
      line('Jacke', 12000, 2000),
      line('Buch', 1899, 550),
      line('Versand', 490, 2000, { kind: 'shipping' }),
    ]);
    const planned = planOssInvoice(data, 'RE-2026-00001');
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.plan).toMatchObject({ ruleId: 18, supply: 'goods', destination: 'FR', showNet: false });
    expect(planned.plan.ratesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(planned.plan.expected).toMatchObject({
      gross: 14389,
      tax: data.totals.tax,
      number: 'RE-2026-00001',
      ruleId: 18,
    });
    expect(planned.plan.positions).toHaveLength(3);
  });

  it('electronic services go by the billing country (rule 19), other services rule 20', () => {
    const digital = doc([line('E-Book', 1200, 2000, { productType: 'digital' })], {
      customer: {
        ...doc([]).customer,
        billing: { ...doc([]).customer.billing, country: 'AT' },
        shipping: { street: 'x', zip: '1', city: 'Paris', country: 'FR' },
      },
    });
    expect(planOssInvoice(digital, 'RE-1')).toMatchObject({ ok: true, plan: { ruleId: 19, destination: 'AT' } });
    const service = doc([line('Kurs', 12200, 2200, { productType: 'service' })], {
      customer: { ...doc([]).customer, billing: { ...doc([]).customer.billing, country: 'IT' } },
    });
    expect(planOssInvoice(service, 'RE-2')).toMatchObject({ ok: true, plan: { ruleId: 20, destination: 'IT' } });
  });

  it('refuses: mixed supplies, a rate France does not have, attention reasons, a later delivery date', () => {
    const mixed = doc([line('Jacke', 12000, 2000), line('E-Book', 1200, 2000, { productType: 'digital' })]);
    expect(planOssInvoice(mixed, 'RE-1')).toMatchObject({ ok: false, reason: { code: 'oss_mixed_supplies' } });
    const german = planOssInvoice(doc([line('Jacke', 11900, 1900)]), 'RE-1');
    expect(german).toMatchObject({ ok: false, reason: { code: 'oss_rate_not_in_destination' } });
    if (!german.ok) {
      expect(german.reason.en).toMatch(
        /19% VAT, a rate France does not have on 2026-05-1\d \(there: 20%, 10%, 5\.5%, 2\.1%; EU rate table as of/,
      );
      expect(german.reason.de).toMatch(/19 % USt/);
    }
    expect(planOssInvoice(doc([line('x', 100, 2000)], { attentionReasons: ['why'] }), 'RE-1')).toMatchObject({
      reason: { code: 'document_needs_attention' },
    });
    expect(planOssInvoice(doc([line('x', 1200, 2000)], { deliveryDate: '2026-05-20' }), 'RE-1')).toMatchObject({
      reason: { code: 'oss_delivery_after_invoice_date' },
    });
    expect(planOssInvoice(doc([line('x', 1200, 2000)], { taxCase: 'domestic' }), 'RE-1').ok).toBe(false);
    expect(planOssInvoice(doc([line('x', 0, 2000)]), 'RE-1')).toMatchObject({ reason: { code: 'nothing_to_book' } });
  });
});

describe('planning the cancellation of an OSS invoice', () => {
  const invoice = doc([
    line('E-Book', 1200, 2000, { productType: 'digital' }),
    line('Hörbuch', 1055, 550, { productType: 'digital' }),
  ]);

  it('a full mirror is cancelInvoice; the credit note is planned as the fallback', () => {
    const planned = planOssCancellation(negated(invoice), 'ST-1', { data: invoice, number: 'RE-1' });
    if (!planned.ok) throw new Error(planned.reason.en);
    expect(planned.plan).toMatchObject({ mode: 'cancel_invoice', ruleId: 19, destination: 'FR' });
    expect(planned.plan.cancelExpected).toMatchObject({ gross: -2255, number: null });
    expect(planned.plan.creditNote).toMatchObject({ ok: true, plan: { expected: { gross: 2255, number: 'ST-1' } } });
  });

  it('a partial cancellation is a credit note with positive positions at the invoice’s rates', () => {
    const partial = {
      ...negated(invoice, [invoice.lines[1]!]),
      cancels: { documentId: 'd', number: 'RE-1', full: false },
    };
    const planned = planOssCancellation(partial, 'ST-2', { data: invoice, number: 'RE-1' });
    if (!planned.ok) throw new Error(planned.reason.en);
    expect(planned.plan.mode).toBe('credit_note');
    if (!planned.plan.creditNote.ok) throw new Error('no credit plan');
    expect(planned.plan.creditNote.plan.positions.map((p) => [p.rateBp, p.amount, p.quantity])).toEqual([
      [550, 1055, 1],
    ]);
  });

  it('the rest after partial cancellations (full, but not a mirror) is a credit note too', () => {
    const rest = negated(invoice, [{ ...invoice.lines[0]!, productType: null }]);
    const planned = planOssCancellation(rest, 'ST-3', { data: invoice, number: 'RE-1' });
    // The rule comes from the origin invoice (rule 19), not from the cancellation's lines.
    expect(planned).toMatchObject({ ok: true, plan: { mode: 'credit_note', ruleId: 19 } });
  });

  it('a rate the origin invoice does not carry is refused', () => {
    const odd = negated(invoice, [line('x', 1100, 1000, { productType: 'digital' })]);
    expect(planOssCancellation(odd, 'ST-4', { data: invoice, number: 'RE-1' })).toMatchObject({
      ok: false,
      reason: { code: 'oss_rate_not_on_origin' },
    });
  });
});
