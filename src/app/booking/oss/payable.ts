import { parseObjectRef, voucherEquivalentStatus } from '../../../domain/oss/sevdesk-ref.js';
import { type BookAmountInput, type BookAmountResult, BookingApi } from '../../../integrations/sevdesk/booking-api.js';
import { InvoiceApi } from '../../../integrations/sevdesk/invoice-api.js';
import type { VoucherInfo } from '../../../integrations/sevdesk/sevdesk-api.js';
import type { SevdeskSession } from '../../sevdesk/sevdesk-session.js';

// Booking reads and pays whatever sevDesk object a document became: a voucher (plain id) or — on the OSS invoice
// path — an invoice or credit note (`Invoice:<id>`, `CreditNote:<id>`). The strict rules of booking stay the same;
// only the calls differ: invoices and credit notes report "open" as 200 (translated to the voucher's 100 here),
// take bookAmount's `date` as Unix seconds, and a credit note is paid with a negative amount (the cancellation's
// amount is already negative: money goes out).

/** The document as booking sees it, in voucher terms (status 100 open, 750 partly paid, 1000 paid). */
export async function readPayable(session: SevdeskSession, stored: string): Promise<VoucherInfo> {
  const ref = parseObjectRef(stored);
  if (!ref || ref.kind === 'Voucher') return session.api.getVoucher(stored);
  const doc = await new InvoiceApi(session.api.http).get(ref.kind, ref.id);
  return {
    id: stored,
    description: doc.number,
    status: voucherEquivalentStatus(doc.status),
    creditDebit: null,
    currency: doc.currency,
    taxRuleId: doc.taxRuleId,
    taxType: null,
    supplierId: doc.contactId,
    sumNet: doc.sumNet,
    sumTax: doc.sumTax,
    sumGross: doc.sumGross,
  };
}

/** bookAmount on the object behind `input.voucherId`, type FULL_PAYMENT. */
export async function bookPayable(session: SevdeskSession, input: BookAmountInput): Promise<BookAmountResult> {
  const ref = parseObjectRef(input.voucherId);
  if (!ref || ref.kind === 'Voucher') return new BookingApi(session.api.http).bookVoucherAmount(input);
  // Invoices and credit notes are read before every write (isPlainVoucher), so their answer's status before is unused.
  const result = await new InvoiceApi(session.api.http).bookAmount({
    kind: ref.kind,
    id: ref.id,
    amount: input.amount,
    currency: input.currency,
    date: unixSeconds(input.date),
    checkAccountId: input.checkAccountId,
    transactionId: input.transactionId,
  });
  return { ...result, fromStatus: null };
}

/** A plain voucher (not an OSS invoice or credit note, which sevDesk may settle itself, e.g. a cancellation)? */
export function isPlainVoucher(stored: string): boolean {
  return parseObjectRef(stored)?.kind === 'Voucher';
}

/** An RFC 3339 date-time (or a plain date, read as noon Berlin) → Unix seconds. */
export function unixSeconds(dateTime: string): number {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(dateTime) ? `${dateTime}T12:00:00+01:00` : dateTime;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new RangeError(`not a date-time: ${dateTime}`);
  return Math.floor(t / 1000);
}
