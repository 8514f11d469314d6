// What a document's booking is about: the signed amount and the date the money moved. The finalized document is
// immutable, but the shop reports payment later in order updates ("paid later"): the order's latest snapshot
// decides whether and when an invoice was paid; a refund's date comes from the order's refunds.
import type { DocumentData, Minor } from '../documents/document.js';
import type { NormalizedOrder } from '../orders/order.js';

export interface BookableDocument {
  type: DocumentData['type'];
  /** Idempotency key of the document ("order:…:invoice", "refund:<id>", "order:…:cancellation"). */
  sourceKey: string;
  /** Own number. */
  number: string | null;
  issueDate: string | null;
  data: DocumentData;
}

export type PaymentFacts =
  | {
      ok: true;
      /** Signed: invoice > 0 (money in), cancellation < 0 (money out). */
      amount: Minor;
      currency: string;
      /** ISO date-time (or date) the money moved. */
      paidAt: string;
      paymentMethod: string | null;
      transactionId: string | null;
      orderNumber: string;
      /** The invoice's number (for a cancellation: the invoice it cancels). */
      invoiceNumber: string | null;
    }
  | { ok: false; code: 'unpaid' | 'never_paid' | 'zero_amount' };

const REFUND_PREFIX = 'refund:';

export function paymentFacts(doc: BookableDocument, order: NormalizedOrder | null): PaymentFacts {
  const amount = doc.data.totals.gross;
  if (amount === 0) return { ok: false, code: 'zero_amount' };
  const orderPaidAt = order?.paidAt ?? null;
  const common = {
    amount,
    currency: doc.data.currency.toUpperCase(),
    paymentMethod: order?.paymentMethod ?? doc.data.paymentMethod,
    transactionId: order?.transactionId ?? doc.data.paymentTransactionId,
    orderNumber: doc.data.orderNumber,
    invoiceNumber: doc.type === 'invoice' ? doc.number : (doc.data.cancels?.number ?? null),
  };
  if (doc.type === 'invoice') {
    const paidAt = orderPaidAt ?? doc.data.paidAt;
    return paidAt ? { ok: true, ...common, paidAt } : { ok: false, code: 'unpaid' };
  }
  // A refund: its own date (the order's latest data first, then the document's copy).
  if (doc.sourceKey.startsWith(REFUND_PREFIX)) {
    const refundId = doc.sourceKey.slice(REFUND_PREFIX.length);
    const refund = order?.refunds.find((r) => r.refundId === refundId);
    const paidAt = refund?.date ?? doc.data.paidAt ?? doc.issueDate;
    return paidAt ? { ok: true, ...common, paidAt } : { ok: false, code: 'unpaid' };
  }
  // A cancellation of what remains: money goes back only if the order was paid; dated by the document.
  if (doc.data.paidAt) return { ok: true, ...common, paidAt: doc.data.paidAt };
  if (!orderPaidAt) return { ok: false, code: 'never_paid' };
  const paidAt = doc.issueDate ?? doc.data.issueDate;
  return paidAt ? { ok: true, ...common, paidAt } : { ok: false, code: 'unpaid' };
}

/** The check account for a payment method: its mapping, else the default; null when neither is set. */
export function chooseCheckAccount(
  settings: { defaultCheckAccountId: string | null; checkAccountByPaymentMethod: Readonly<Record<string, string>> },
  paymentMethod: string | null,
): { id: string; source: 'payment_method' | 'default' } | null {
  const mapped = paymentMethod ? settings.checkAccountByPaymentMethod[paymentMethod] : undefined;
  if (mapped && mapped.trim() !== '') return { id: mapped.trim(), source: 'payment_method' };
  const fallback = settings.defaultCheckAccountId?.trim();
  return fallback ? { id: fallback, source: 'default' } : null;
}
