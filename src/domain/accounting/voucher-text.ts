// How a voucher reads in sevDesk: its date, its description from the bookkeeper's template, and an optional remark
// (order number, payment method, payment transaction id). The stable marker `[BF:<document id>]` is always appended
// last and can be neither removed nor faked: values from the shop are cleaned of anything that looks like one.
import { berlinDate } from '../documents/dates.js';
import type { DocumentData } from '../documents/document.js';
import { transferMarker } from '../transfer/marker.js';
import type { DescriptionPlaceholder, VoucherDateMode, VoucherPresentation } from './accounting-settings.js';

/** sevDesk shows the description as the voucher number; keep it readable (the marker comes on top). */
export const DESCRIPTION_TEXT_MAX = 200;

export interface VoucherTextInput {
  documentId: string;
  type: DocumentData['type'];
  number: string;
  cancelledInvoiceNumber: string | null;
  orderNumber: string;
  customerName: string;
  paymentMethod: string | null;
  transactionId: string | null;
  /** ISO date of the voucher (YYYY-MM-DD). */
  voucherDate: string;
}

/** "2026-03-12" → "12.03.2026" */
export function germanDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** Shop text inside a description: one line, no marker look-alikes. */
function clean(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\[(\s*BF\s*:)/gi, '($1')
    .trim();
}

/** Spaces collapsed; separators left dangling by an empty placeholder removed at the ends. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s·,;:/|–-]+|[\s·,;:/|–-]+$/g, '')
    .trim();
}

export function renderTemplate(template: string, input: VoucherTextInput): string {
  const values: Record<DescriptionPlaceholder, string> = {
    invoiceNumber: clean(input.number),
    orderNumber: clean(input.orderNumber),
    customerName: clean(input.customerName),
    paymentMethod: clean(input.paymentMethod),
    date: germanDate(input.voucherDate),
    cancelledInvoiceNumber: clean(input.cancelledInvoiceNumber),
    transactionId: clean(input.transactionId),
  };
  return tidy(template.replace(/\{(\w+)\}/g, (all, name: string) => values[name as DescriptionPlaceholder] ?? all));
}

/** "Bestellung 1042 · Zahlart PayPal · Transaktion 5TY…" (parts without a value are left out). */
export function voucherRemark(
  input: Pick<VoucherTextInput, 'orderNumber' | 'paymentMethod' | 'transactionId'>,
): string {
  const parts = [
    input.orderNumber ? `Bestellung ${clean(input.orderNumber)}` : '',
    input.paymentMethod ? `Zahlart ${clean(input.paymentMethod)}` : '',
    input.transactionId ? `Transaktion ${clean(input.transactionId)}` : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

/** The description: rendered template, the remark when wanted, then the marker (always, and always last). */
export function voucherDescriptionFrom(presentation: VoucherPresentation, input: VoucherTextInput): string {
  const template =
    input.type === 'cancellation' ? presentation.description.cancellation : presentation.description.invoice;
  const parts = [renderTemplate(template, input) || clean(input.number)];
  if (presentation.remark) {
    const remark = voucherRemark(input);
    if (remark) parts.push(remark);
  }
  let text = parts.join(' · ');
  if (text.length > DESCRIPTION_TEXT_MAX) text = `${text.slice(0, DESCRIPTION_TEXT_MAX - 1)}…`;
  return `${text} ${transferMarker(input.documentId)}`;
}

/**
 * The voucher date: the invoice date, or — when chosen — the date the order was placed (Berlin calendar day).
 * A cancellation keeps its own date: backdating a Storno to the order would move it into another period.
 */
export function voucherDateOf(
  mode: VoucherDateMode,
  doc: { type: DocumentData['type']; issueDate: string },
  orderCreatedAt: string | null,
): { date: string; source: 'invoice_date' | 'order_date' } {
  if (mode === 'order_date' && doc.type === 'invoice' && orderCreatedAt) {
    try {
      return { date: berlinDate(orderCreatedAt), source: 'order_date' };
    } catch {
      // An unreadable order date falls back to the invoice date.
    }
  }
  return { date: doc.issueDate, source: 'invoice_date' };
}
