import { describe, expect, it } from 'vitest';
import { buildFullCancellation, buildPartialCancellation } from './build-cancellation.js';
import type { DocumentData, DocumentLine } from './document.js';
import { sumTotals } from './totals.js';

const line = (
  position: number,
  rateBp: number,
  net: number,
  tax: number,
  extra: Partial<DocumentLine> = {},
): DocumentLine => ({
  position,
  kind: 'product',
  name: `Item ${position}`,
  quantity: '2',
  unitPriceNet: '0',
  rateBp,
  sourceLineId: `s${position}`,
  net,
  tax,
  gross: net + tax,
  ...extra,
});

function invoice(lines: DocumentLine[]): DocumentData {
  return {
    type: 'invoice',
    currency: 'EUR',
    issueDate: '2026-04-01',
    deliveryDate: '2026-04-01',
    orderNumber: '1001',
    orderId: '1001',
    paymentMethod: 'paypal',
    paymentMethodTitle: 'PayPal',
    paymentTransactionId: 'TX',
    paidAt: '2026-04-01T08:00:00Z',
    customer: {
      customerId: null,
      email: null,
      phone: null,
      company: null,
      vatId: null,
      billing: { street: 'Weg 1', zip: '10115', city: 'Berlin', country: 'DE' },
      shipping: null,
    },
    taxCase: 'domestic',
    attentionReasons: [],
    lines,
    totals: sumTotals(lines),
    cancels: null,
    notes: [],
  };
}

const ref = { documentId: 'd1', number: 'RE-2026-00001' };
const inv = invoice([line(1, 1900, 10000, 1900), line(2, 700, 5000, 350)]);

describe('buildFullCancellation', () => {
  it('mirrors lines with negative quantities and no -0', () => {
    const doc = buildFullCancellation(invoice([line(1, 0, 500, 0)]), ref, {
      issueDate: '2026-05-01',
      refundedAt: '2026-05-01T10:00:00Z',
    });
    expect(doc.lines[0]).toMatchObject({ quantity: '-2', net: -500, tax: 0, gross: -500 });
    expect(Object.is(doc.lines[0]?.tax, 0)).toBe(true);
    expect(doc.issueDate).toBe('2026-05-01');
    expect(doc.paidAt).toBe('2026-05-01T10:00:00Z');
    expect(doc.cancels).toEqual({ ...ref, full: true });
  });

  it('flags a full cancellation after partial ones', () => {
    const partial = buildPartialCancellation(inv, ref, {
      refundId: 'r',
      reason: null,
      amount: 1000,
      date: null,
      lines: null,
    });
    const full = buildFullCancellation(inv, ref, { previousCancellations: [partial] });
    expect(full.attentionReasons).toEqual([
      'Invoice RE-2026-00001 already has 1 cancellation(s) over 10.00 EUR; a full cancellation would refund more than remains.',
    ]);
  });

  it('carries the invoice attention reasons', () => {
    const flagged = { ...inv, taxCase: null, attentionReasons: ['x'] };
    expect(buildFullCancellation(flagged, ref).attentionReasons).toEqual(['x']);
  });
});

describe('buildPartialCancellation', () => {
  it('splits an amount-only refund by the invoice gross per rate', () => {
    // 119.00 at 19 % and 53.50 at 7 %: 50.00 splits 34.49 / 15.51
    const doc = buildPartialCancellation(inv, ref, {
      refundId: 'r',
      reason: 'Kulanz',
      amount: 5000,
      date: '2026-04-03T22:30:00Z',
      lines: null,
    });
    expect(doc.splitByProportion).toBe(true);
    expect(doc.totals.byRate).toEqual([
      { rateBp: 1900, net: -2898, tax: -551, gross: -3449 },
      { rateBp: 700, net: -1450, tax: -101, gross: -1551 },
    ]);
    expect(doc.lines.map((l) => l.name)).toEqual([
      'Erstattung (anteilig, 19 % USt.)',
      'Erstattung (anteilig, 7 % USt.)',
    ]);
    expect(doc.issueDate).toBe('2026-04-04');
    expect(doc.paidAt).toBe('2026-04-03T22:30:00Z');
    expect(doc.notes[0]).toBe('Teilstorno zur Rechnung RE-2026-00001. Grund: Kulanz');
  });

  it('uses refund lines and splits only the amount beyond them', () => {
    const doc = buildPartialCancellation(
      inv,
      ref,
      {
        refundId: 'r',
        reason: null,
        amount: 6950,
        date: null,
        lines: [
          {
            shopLineId: 's1',
            kind: 'product',
            name: 'Item 1',
            quantity: '1',
            rateBp: 1900,
            amounts: { net: 5000, tax: 950, gross: 5950 },
          },
        ],
      },
      { language: 'en' },
    );
    expect(doc.lines.map((l) => [l.name, l.quantity, l.gross])).toEqual([
      ['Item 1', '-1', -5950],
      ['Refund (pro rata, 19% VAT)', '-1', -690],
      ['Refund (pro rata, 7% VAT)', '-1', -310],
    ]);
    expect(doc.totals.gross).toBe(-6950);
    expect(doc.splitByProportion).toBe(true);
    expect(doc.attentionReasons).toEqual([]);
  });

  it('flags lines that exceed the refund amount, rate mismatches and missing rates', () => {
    const doc = buildPartialCancellation(inv, ref, {
      refundId: 'r',
      reason: null,
      amount: 1000,
      date: null,
      lines: [
        {
          shopLineId: 's1',
          kind: 'product',
          name: 'Item 1',
          quantity: '1',
          rateBp: 700,
          amounts: { net: 1000, tax: 70, gross: 1070 },
        },
        {
          shopLineId: null,
          kind: 'fee',
          name: 'Gebühr',
          quantity: '1',
          rateBp: null,
          amounts: { net: 100, tax: 0, gross: 100 },
        },
      ],
    });
    expect(doc.attentionReasons).toEqual([
      'Refund line "Item 1" is taxed at 7% but the invoice line at 19%.',
      'Refund line "Gebühr" has no VAT rate.',
      'Refund r lines add up to 11.70 EUR, more than its amount of 10.00 EUR.',
      'The refund at 0% (1.00 EUR) exceeds the 0.00 EUR that remain at that rate on invoice RE-2026-00001.',
    ]);
  });

  it('flags refunds beyond the invoice, also per rate', () => {
    const all = buildPartialCancellation(inv, ref, {
      refundId: 'r',
      reason: null,
      amount: 20000,
      date: null,
      lines: null,
    });
    expect(all.attentionReasons).toEqual([
      'The refund of 200.00 EUR exceeds the 172.50 EUR that remain refundable on invoice RE-2026-00001.',
      'The refund at 19% (137.97 EUR) exceeds the 119.00 EUR that remain at that rate on invoice RE-2026-00001.',
      'The refund at 7% (62.03 EUR) exceeds the 53.50 EUR that remain at that rate on invoice RE-2026-00001.',
    ]);
    const rateOnly = buildPartialCancellation(inv, ref, {
      refundId: 'r',
      reason: null,
      amount: 6000,
      date: null,
      lines: [
        {
          shopLineId: 's2',
          kind: 'product',
          name: 'Item 2',
          quantity: '1',
          rateBp: 700,
          amounts: { net: 5607, tax: 393, gross: 6000 },
        },
      ],
    });
    expect(rateOnly.attentionReasons).toEqual([
      'The refund at 7% (60.00 EUR) exceeds the 53.50 EUR that remain at that rate on invoice RE-2026-00001.',
    ]);
  });

  it("carries the refund's own problems, so its cancellation is never finalized automatically", () => {
    const refund = { refundId: '740', reason: null, amount: 1000, date: null, lines: null };
    const problem = 'Refund 740, line "Item 1", does not refer to a line of order 1001.';
    expect(buildPartialCancellation(inv, ref, refund).attentionReasons).toEqual([]);
    expect(buildPartialCancellation(inv, ref, { ...refund, issues: [problem] }).attentionReasons).toEqual([problem]);
  });

  it('flags a refund line whose quantity no document can carry', () => {
    const doc = buildPartialCancellation(inv, ref, {
      refundId: 'r',
      reason: null,
      amount: 1190,
      date: null,
      lines: [
        {
          shopLineId: 's1',
          kind: 'product',
          name: 'Item 1',
          quantity: '0.00001',
          rateBp: 1900,
          amounts: { net: 1000, tax: 190, gross: 1190 },
        },
      ],
    });
    expect(doc.attentionReasons).toEqual([
      'Line 1 "Item 1" has an unusable quantity: -0.00001 has more than 4 decimals.',
    ]);
  });

  it('flags non-positive refunds and invoices without amounts', () => {
    const zero = buildPartialCancellation(invoice([]), ref, {
      refundId: 'r',
      reason: null,
      amount: 0,
      date: null,
      lines: null,
    });
    expect(zero.attentionReasons).toEqual(['Refund r has no positive amount (0.00 EUR).']);
    const empty = buildPartialCancellation(invoice([]), ref, {
      refundId: 'r',
      reason: null,
      amount: 100,
      date: null,
      lines: null,
    });
    expect(empty.attentionReasons).toEqual(['The invoice has no amounts to split the refund of 1.00 EUR across.']);
  });
});
