import { describe, expect, it } from 'vitest';
import { buildPartialCancellation } from '../../domain/documents/build-cancellation.js';
import type { DocumentData, DocumentLine } from '../../domain/documents/document.js';
import { sumTotals } from '../../domain/documents/totals.js';
import { buildRemainderCancellation } from './remainder-cancellation.js';

const line = (position: number, rateBp: number, net: number, tax: number, quantity = '1'): DocumentLine => ({
  kind: 'product',
  position,
  name: `L${position}`,
  quantity,
  unitPriceNet: '0',
  rateBp,
  sourceLineId: String(position),
  net,
  tax,
  gross: net + tax,
});

const lines = [line(1, 1900, 3360, 638, '2'), line(2, 700, 1869, 131), line(3, 1900, 412, 78)];
const invoice = {
  type: 'invoice',
  currency: 'EUR',
  issueDate: '2026-11-20',
  deliveryDate: '2026-11-20',
  orderNumber: '1',
  orderId: '1',
  paymentMethod: null,
  paymentMethodTitle: null,
  paymentTransactionId: null,
  paidAt: null,
  customer: {} as DocumentData['customer'],
  taxCase: 'domestic',
  attentionReasons: [],
  lines,
  totals: sumTotals(lines),
  notes: [],
} satisfies DocumentData;
const ref = { documentId: 'doc_1', number: 'RE-1' };

describe('buildRemainderCancellation', () => {
  it('mirrors the invoice line by line when nothing was cancelled yet', () => {
    const full = buildRemainderCancellation(invoice, ref, [])!;
    expect(full.lines.map((l) => [l.quantity, l.gross])).toEqual([
      ['-2', -3998],
      ['-1', -2000],
      ['-1', -490],
    ]);
    expect(full.cancels).toEqual({ documentId: 'doc_1', number: 'RE-1', full: true });
  });

  it('cancels exactly what remains per rate after partial cancellations, to the cent', () => {
    const p1 = buildPartialCancellation(invoice, ref, {
      refundId: 'a',
      reason: null,
      amount: 1999,
      date: null,
      lines: null,
    });
    const p2 = buildPartialCancellation(invoice, ref, {
      refundId: 'b',
      reason: null,
      amount: 2000,
      date: null,
      lines: [
        {
          shopLineId: '2',
          kind: 'product',
          name: 'L2',
          quantity: '1',
          rateBp: 700,
          amounts: { net: 1869, tax: 131, gross: 2000 },
        },
      ],
    });
    const rest = buildRemainderCancellation(invoice, ref, [p1, p2])!;
    for (const rate of invoice.totals.byRate) {
      const sum = (pick: 'net' | 'tax' | 'gross') =>
        [invoice, p1, p2, rest].reduce(
          (s, d) => s + (d.totals.byRate.find((r) => r.rateBp === rate.rateBp)?.[pick] ?? 0),
          0,
        );
      expect([sum('net'), sum('tax'), sum('gross')]).toEqual([0, 0, 0]);
    }
    // The pro-rata refund took 7 % from the line the other refund returned in full: 7 % is over-refunded, so the
    // rest reverses it (a positive line) and a person is asked to look.
    expect(rest.lines.map((l) => [l.kind, l.rateBp, l.gross])).toEqual([
      ['product', 1900, -3105],
      ['product', 700, 616],
    ]);
    expect(rest.attentionReasons).toEqual([
      'Earlier cancellations of invoice RE-1 exceed it at some VAT rate; check them.',
    ]);
  });

  it('has no attention reason when the earlier cancellations fit', () => {
    const p1 = buildPartialCancellation(invoice, ref, {
      refundId: 'a',
      reason: null,
      amount: 1000,
      date: null,
      lines: null,
    });
    const rest = buildRemainderCancellation(invoice, ref, [p1])!;
    expect(rest.totals.gross).toBe(-(invoice.totals.gross - 1000));
    expect(rest.lines.every((l) => l.gross < 0)).toBe(true);
    expect(rest.attentionReasons).toEqual([]);
  });

  it('returns null when everything is already cancelled', () => {
    const all = buildRemainderCancellation(invoice, ref, [])!;
    expect(buildRemainderCancellation(invoice, ref, [all])).toBeNull();
  });
});
