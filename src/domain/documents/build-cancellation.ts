// Cancellations (Storno): a full one mirrors the invoice with negative amounts; a partial one follows
// a refund, by its lines (the shop's VAT per line) or, for an amount only, split across the invoice's rates.
import { allocate } from '../money/allocate.js';
import { formatMinor } from '../money/minor.js';
import { taxFromGross } from '../money/vat.js';
import type { OrderRefund, RefundLine } from '../orders/order.js';
import { formatRate, formatRateDe } from '../tax/rate-format.js';
import type { NoteLanguage } from '../tax/tax-notes.js';
import { berlinDate } from './dates.js';
import type { DocumentData, DocumentLine, Minor } from './document.js';
import { unitPriceNet } from './line-amounts.js';
import { quantityReasons } from './quantity-rules.js';
import { negate, sumTotals } from './totals.js';

export interface InvoiceRef {
  documentId: string;
  number: string;
}

export interface CancellationOptions {
  /** YYYY-MM-DD; default: the refund's date (partial) or the invoice's issue date (full). */
  issueDate?: string;
  language?: NoteLanguage;
  /** ISO date-time the money went back (full cancellation); a partial one takes the refund's date. */
  refundedAt?: string | null;
  /** Cancellations already issued for this invoice, to know what remains refundable. */
  previousCancellations?: readonly DocumentData[];
}

type LineDraft = Omit<DocumentLine, 'position'>;

function negateQuantity(quantity: string): string {
  if (/^-/.test(quantity)) return quantity.slice(1);
  return /^0*(\.0*)?$/.test(quantity) ? quantity : `-${quantity}`;
}

function mirrorLine(line: DocumentLine): LineDraft {
  const { position: _position, ...rest } = line;
  return {
    ...rest,
    quantity: negateQuantity(line.quantity),
    net: negate(line.net),
    tax: negate(line.tax),
    gross: negate(line.gross),
  };
}

function numbered(lines: LineDraft[]): DocumentLine[] {
  return lines.map((line, i) => ({ position: i + 1, ...line }));
}

function money(minor: Minor, currency: string): string {
  return `${formatMinor(minor, currency)} ${currency}`;
}

function cancellationNote(invoice: InvoiceRef, full: boolean, reason: string | null, language: NoteLanguage): string {
  const de = language === 'de';
  const head = de
    ? `${full ? 'Storno' : 'Teilstorno'} zur Rechnung ${invoice.number}.`
    : `${full ? 'Cancellation' : 'Partial cancellation'} of invoice ${invoice.number}.`;
  return reason ? `${head} ${de ? 'Grund' : 'Reason'}: ${reason}` : head;
}

function base(invoice: DocumentData, ref: InvoiceRef, full: boolean, lines: DocumentLine[]): DocumentData {
  return {
    ...invoice,
    type: 'cancellation',
    lines,
    totals: sumTotals(lines),
    cancels: { documentId: ref.documentId, number: ref.number, full },
    splitByProportion: false,
    attentionReasons: [...invoice.attentionReasons],
    notes: [...invoice.notes],
  };
}

/** Mirrors the invoice line by line with negative quantities and amounts. */
export function buildFullCancellation(
  invoice: DocumentData,
  ref: InvoiceRef,
  options: CancellationOptions = {},
): DocumentData {
  const language = options.language ?? 'de';
  const doc = base(invoice, ref, true, numbered(invoice.lines.map(mirrorLine)));
  const previous = options.previousCancellations ?? [];
  if (previous.length > 0) {
    const already = -previous.reduce((sum, c) => sum + c.totals.gross, 0);
    doc.attentionReasons.push(
      `Invoice ${ref.number} already has ${previous.length} cancellation(s) over ${money(already, invoice.currency)}; a full cancellation would refund more than remains.`,
    );
  }
  doc.issueDate = options.issueDate ?? invoice.issueDate;
  doc.paidAt = options.refundedAt ?? null;
  doc.notes = [cancellationNote(ref, true, null, language), ...invoice.notes];
  doc.attentionReasons = [...new Set(doc.attentionReasons)];
  return doc;
}

function refundLineToDraft(line: RefundLine, invoice: DocumentData, reasons: string[]): LineDraft {
  const source = line.shopLineId ? invoice.lines.find((l) => l.sourceLineId === line.shopLineId) : undefined;
  if (line.rateBp === null) reasons.push(`Refund line "${line.name}" has no VAT rate.`);
  if (source && line.rateBp !== null && source.rateBp !== line.rateBp) {
    reasons.push(
      `Refund line "${line.name}" is taxed at ${formatRate(line.rateBp)} but the invoice line at ${formatRate(source.rateBp)}.`,
    );
  }
  return {
    kind: line.kind,
    name: line.name,
    sku: source?.sku ?? null,
    productId: source?.productId ?? null,
    productType: source?.productType ?? null,
    quantity: negateQuantity(line.quantity),
    unitPriceNet: unitPriceNet(line.amounts.net, line.quantity, invoice.currency),
    rateBp: line.rateBp ?? source?.rateBp ?? 0,
    sourceLineId: line.shopLineId,
    net: negate(line.amounts.net),
    tax: negate(line.amounts.tax),
    gross: negate(line.amounts.gross),
  };
}

/** Splits a gross amount across the invoice's rates by their gross; tax per part as sevDesk derives it. */
function proportionalLines(
  amount: Minor,
  invoice: DocumentData,
  language: NoteLanguage,
  reasons: string[],
): LineDraft[] {
  const rates = invoice.totals.byRate.filter((t) => t.gross !== 0);
  if (rates.length === 0) {
    reasons.push(`The invoice has no amounts to split the refund of ${money(amount, invoice.currency)} across.`);
    return [];
  }
  const de = language === 'de';
  const parts = allocate(
    amount,
    rates.map((t) => t.gross),
  );
  return rates.flatMap((t, i) => {
    const gross = parts[i] ?? 0;
    if (gross === 0) return [];
    const tax = taxFromGross(gross, t.rateBp);
    const rateText = de ? `${formatRateDe(t.rateBp)} USt.` : `${formatRate(t.rateBp)} VAT`;
    return [
      {
        kind: 'discount' as const,
        name: de ? `Erstattung (anteilig, ${rateText})` : `Refund (pro rata, ${rateText})`,
        sku: null,
        productId: null,
        productType: null,
        quantity: '-1',
        unitPriceNet: unitPriceNet(gross - tax, '1', invoice.currency),
        rateBp: t.rateBp,
        sourceLineId: null,
        net: negate(gross - tax),
        tax: negate(tax),
        gross: negate(gross),
      },
    ];
  });
}

function quantityNumber(quantity: string): number {
  return Math.abs(Number(quantity));
}

/** Refunds may not exceed what the invoice still has: in total, per rate, and per line in units. */
function checkRemaining(
  invoice: DocumentData,
  ref: InvoiceRef,
  doc: DocumentData,
  previous: readonly DocumentData[],
): string[] {
  const { currency } = invoice;
  const reasons: string[] = [];
  const refunded = (pick: (d: DocumentData) => Minor) => -previous.reduce((sum, d) => sum + pick(d), 0);
  const remaining = invoice.totals.gross - refunded((d) => d.totals.gross);
  if (-doc.totals.gross > remaining) {
    reasons.push(
      `The refund of ${money(-doc.totals.gross, currency)} exceeds the ${money(remaining, currency)} that remain refundable on invoice ${ref.number}.`,
    );
  }
  for (const t of doc.totals.byRate) {
    const invoiced = invoice.totals.byRate.find((r) => r.rateBp === t.rateBp)?.gross ?? 0;
    const left = invoiced - refunded((d) => d.totals.byRate.find((r) => r.rateBp === t.rateBp)?.gross ?? 0);
    if (-t.gross > left) {
      reasons.push(
        `The refund at ${formatRate(t.rateBp)} (${money(-t.gross, currency)}) exceeds the ${money(left, currency)} that remain at that rate on invoice ${ref.number}.`,
      );
    }
  }
  for (const line of doc.lines) {
    if (!line.sourceLineId) continue;
    const source = invoice.lines.find((l) => l.sourceLineId === line.sourceLineId);
    if (!source) continue;
    const before = previous.flatMap((d) => d.lines).filter((l) => l.sourceLineId === line.sourceLineId);
    const units = quantityNumber(line.quantity) + before.reduce((sum, l) => sum + quantityNumber(l.quantity), 0);
    if (units > quantityNumber(source.quantity)) {
      reasons.push(`Refunds of "${line.name}" add up to ${units} units, but the invoice has ${source.quantity}.`);
    }
  }
  return reasons;
}

/**
 * Partial cancellation from a refund. Refund lines keep their own VAT; an amount beyond the lines (or a
 * refund without lines) is split across the invoice's rates by gross proportion (splitByProportion).
 */
export function buildPartialCancellation(
  invoice: DocumentData,
  ref: InvoiceRef,
  refund: OrderRefund,
  options: CancellationOptions = {},
): DocumentData {
  const language = options.language ?? 'de';
  const { currency } = invoice;
  // The refund's own problems (as the shop reported it) decide what this document would contain.
  const reasons: string[] = [...(refund.issues ?? [])];
  if (refund.amount <= 0)
    reasons.push(`Refund ${refund.refundId} has no positive amount (${money(refund.amount, currency)}).`);

  const drafts = (refund.lines ?? []).map((line) => refundLineToDraft(line, invoice, reasons));
  const linesGross = (refund.lines ?? []).reduce((sum, line) => sum + line.amounts.gross, 0);
  const rest = refund.amount - linesGross;
  let split = false;
  if (rest > 0) {
    drafts.push(...proportionalLines(rest, invoice, language, reasons));
    split = true;
  } else if (rest < 0) {
    reasons.push(
      `Refund ${refund.refundId} lines add up to ${money(linesGross, currency)}, more than its amount of ${money(refund.amount, currency)}.`,
    );
  }

  const doc = base(invoice, ref, false, numbered(drafts));
  doc.splitByProportion = split;
  doc.issueDate = options.issueDate ?? (refund.date ? berlinDate(refund.date) : invoice.issueDate);
  doc.paidAt = refund.date;
  doc.notes = [cancellationNote(ref, false, refund.reason, language), ...invoice.notes];
  doc.attentionReasons = [
    ...new Set([
      ...doc.attentionReasons,
      ...reasons,
      ...quantityReasons(doc),
      ...checkRemaining(invoice, ref, doc, options.previousCancellations ?? []),
    ]),
  ];
  return doc;
}
