// The sevDesk calls of booking (sevdesk-api.md §3, §4.6), on the shared SevdeskHttp (pacing, error classes, no
// blind write retries): the open transactions of a check account, one transaction, one voucher's payment.
// Filters are re-checked by the caller — sevDesk ignores unknown ones silently and `paymtPurpose` is a substring
// match, so no purpose filter is sent at all: one listing per account serves every waiting document.
import type { BankTransaction } from '../../domain/booking/match.js';
import type { Minor } from '../../domain/documents/document.js';
import { tryParseMinor } from '../../domain/money/minor.js';
import type { SevdeskHttp } from './sevdesk-http.js';
import { amountOut, asList, asObject, wireId, wireNumber, wireString } from './wire.js';

/** Page size of the transaction listing (sevDesk's maximum). */
export const TRANSACTION_PAGE = 1000;
/** More pages than this means the filters were ignored: stop instead of reading the whole account history. */
export const MAX_TRANSACTION_PAGES = 20;

export interface TransactionListing {
  transactions: BankTransaction[];
  /** HTTP pages read (a page shorter than the limit ends the listing). */
  pages: number;
}

export class TransactionListingTooLargeError extends Error {
  constructor(readonly checkAccountId: string) {
    super(`check account ${checkAccountId}: more than ${MAX_TRANSACTION_PAGES * TRANSACTION_PAGE} open transactions`);
    this.name = 'TransactionListingTooLargeError';
  }
}

export interface BookAmountInput {
  voucherId: string;
  /** Signed: the sign of the payment (negative for a refund of a revenue voucher). */
  amount: Minor;
  currency: string;
  /** RFC 3339 date-time, e.g. the transaction's valueDate. */
  date: string;
  checkAccountId: string;
  /** Required for online accounts, absent for offline/register accounts (sevDesk creates one then). */
  transactionId: string | null;
}

/** What bookAmount's answer (the booking log entry) says about the write. */
export interface BookAmountResult {
  /** The document's status before this payment: 100 = it was open, as the booking assumed. */
  fromStatus: number | null;
  toStatus: number | null;
  logId: string | null;
}

export class BookingApi {
  constructor(private readonly http: SevdeskHttp) {}

  /**
   * Every open (status 100) transaction of one account entered since `startDate` (YYYY-MM-DD), paged until a
   * short page. `direction` narrows to credits (payments in) or debits (refunds out) when all waiting documents
   * point the same way.
   */
  async openTransactions(input: {
    checkAccountId: string;
    currency: string;
    startDate: string;
    direction: 'credit' | 'debit' | 'both';
  }): Promise<TransactionListing> {
    const query: Record<string, string | number | boolean> = {
      'checkAccount[id]': input.checkAccountId,
      'checkAccount[objectName]': 'CheckAccount',
      // isBooked=false is ignored by sevDesk; status=100 works (sevdesk-api.md §3.3).
      status: 100,
      // Cuts on entryDate, not valueDate: the caller widened the window.
      startDate: berlinMidnightSeconds(input.startDate),
    };
    if (input.direction === 'credit') query.onlyCredit = true;
    if (input.direction === 'debit') query.onlyDebit = true;
    const transactions: BankTransaction[] = [];
    for (let page = 0; page < MAX_TRANSACTION_PAGES; page++) {
      const rows = asList(
        await this.http.get('/CheckAccountTransaction', {
          ...query,
          limit: TRANSACTION_PAGE,
          offset: page * TRANSACTION_PAGE,
        }),
      );
      transactions.push(...rows.map((r) => toTransaction(r, input.currency)));
      if (rows.length < TRANSACTION_PAGE) return { transactions, pages: page + 1 };
    }
    throw new TransactionListingTooLargeError(input.checkAccountId);
  }

  /** One transaction, also a deleted one (then `deleted` is set); 404 throws SevdeskNotFoundError. */
  async transaction(id: string, currency: string): Promise<BankTransaction> {
    return toTransaction(asObject(await this.http.get(`/CheckAccountTransaction/${encodeURIComponent(id)}`)), currency);
  }

  /**
   * PUT /Voucher/{id}/bookAmount, type FULL_PAYMENT. Returns the voucher's status before and after the booking, as
   * the booking log in the answer tells them (null when not told).
   */
  async bookVoucherAmount(input: BookAmountInput): Promise<BookAmountResult> {
    const body: Record<string, unknown> = {
      amount: amountOut(input.amount, input.currency),
      date: input.date,
      type: 'FULL_PAYMENT',
      checkAccount: { id: Number(input.checkAccountId), objectName: 'CheckAccount' },
      createFeed: false,
    };
    if (input.transactionId !== null)
      body.checkAccountTransaction = { id: Number(input.transactionId), objectName: 'CheckAccountTransaction' };
    const o = asObject(
      await this.http.write(
        'PUT',
        `/Voucher/${encodeURIComponent(input.voucherId)}/bookAmount`,
        { json: body },
        'PUT /Voucher/bookAmount',
      ),
    );
    return { fromStatus: wireNumber(o.fromStatus), toStatus: wireNumber(o.toStatus), logId: wireId(o.id) };
  }
}

/** sevDesk transaction → BankTransaction. The account's currency is the transaction's. */
export function toTransaction(r: Record<string, unknown>, currency: string): BankTransaction {
  const raw = r.amount;
  const amount =
    typeof raw === 'number' || typeof raw === 'string' ? tryParseMinor(String(raw).trim(), currency, 'exact') : null;
  return {
    id: wireId(r.id) ?? '',
    checkAccountId: wireId(r.checkAccount),
    amount,
    currency: currency.toUpperCase(),
    status: wireNumber(r.status),
    valueDate: wireDate(r.valueDate),
    entryDate: wireDate(r.entryDate),
    paymtPurpose: wireString(r.paymtPurpose),
    payeePayerName: wireString(r.payeePayerName),
    deleted: r.deletedAt !== null && r.deletedAt !== undefined && r.deletedAt !== '',
  };
}

/** ISO date-time as sent; dd.mm.yyyy → YYYY-MM-DD; epoch seconds → ISO. */
function wireDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const text = String(value).trim();
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (dotted) return `${dotted[3]}-${dotted[2]}-${dotted[1]}`;
  if (/^\d+$/.test(text)) return new Date(Number(text) * 1000).toISOString();
  return text;
}

/** Unix seconds of 00:00 Berlin (winter offset; an hour off in summer is irrelevant against a widened window). */
export function berlinMidnightSeconds(isoDate: string): number {
  const t = Date.parse(`${isoDate}T00:00:00+01:00`);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO date: ${isoDate}`);
  return Math.floor(t / 1000);
}

/** The `date` of bookAmount: a date-time as sevDesk sent it, or noon Berlin of a plain date (no day shift). */
export function bookingDateTime(dateOrDateTime: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dateOrDateTime) ? `${dateOrDateTime}T12:00:00+01:00` : dateOrDateTime;
}
