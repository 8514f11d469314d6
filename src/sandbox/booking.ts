// bookAmount for vouchers, invoices and credit notes (sevdesk-api.md §4.6, §5.3, §5.4): online accounts
// link an existing transaction, offline/register accounts get one created; the document moves to 750/1000.
import { notFound, unprocessable } from './errors.js';
import { sevClientRef } from './records.js';
import type { AccountState, BookingLogRec, DocumentRef, SandboxStore, TransactionRec } from './state.js';
import { formatMinor, isoBerlin } from './wire.js';

/** The payment fields VoucherRec and SalesDocRec share. */
export interface PayableDocument {
  status: number;
  /** Signed gross total in cents. */
  sumGross: number;
  /** Paid so far in cents, towards |sumGross|. */
  paidAmount: number;
  payDate: number | null;
  update: number;
}

export interface BookingInput {
  amount: number;
  date: number;
  type: string;
  checkAccountId: number;
  transactionId: number | null;
}

export interface BookingContext {
  account: AccountState;
  store: SandboxStore;
  now: number;
  ref: DocumentRef;
  /** The status a document returns to without payments (voucher 100, invoice/credit note 200). */
  openStatus: number;
  /** +1 when money comes in to pay the document (revenue), -1 when it goes out (expense, credit note). */
  direction: 1 | -1;
  purpose: string | null;
  payeePayerName: string | null;
}

// Payment-difference types settle the document although the amount differs (skonto, fees, other reasons).
const SETTLING_TYPES = new Set(['CB', 'O', 'OF', 'MTC']);

/** Books a payment; mutates the document and returns the booking log. Validation errors throw before any change. */
export function bookPayment(doc: PayableDocument, input: BookingInput, ctx: BookingContext): BookingLogRec {
  const { account, store, now } = ctx;
  const checkAccount = account.checkAccounts.get(input.checkAccountId);
  if (!checkAccount) throw notFound('CheckAccount', input.checkAccountId);
  if (checkAccount.status !== 100) throw unprocessable(`Check account ${checkAccount.id} is archived`);

  let transaction: TransactionRec | undefined;
  if (checkAccount.type === 'online') {
    if (input.transactionId === null)
      throw unprocessable(
        'A check account transaction is required when booking on an online check account. Select the transaction that pays the document.',
      );
    transaction = account.transactions.get(input.transactionId);
    if (!transaction || transaction.deletedAt !== null) throw notFound('CheckAccountTransaction', input.transactionId);
    if (transaction.checkAccount !== checkAccount.id)
      throw unprocessable(`Transaction ${transaction.id} does not belong to check account ${checkAccount.id}`);
    if (transaction.status === 300) throw unprocessable(`Transaction ${transaction.id} is marked as private`);
    if (transaction.status >= 350) throw unprocessable(`Transaction ${transaction.id} is already booked`);
  } else if (input.transactionId !== null) {
    throw unprocessable(
      `Check account ${checkAccount.id} is of type ${checkAccount.type}; do not provide a transaction, it is created by the booking`,
    );
  }

  const total = Math.abs(doc.sumGross);
  const effective = input.amount * ctx.direction * (doc.sumGross < 0 ? -1 : 1);
  const paid = SETTLING_TYPES.has(input.type) ? total : Math.min(total, Math.max(0, doc.paidAmount + effective));
  const fromStatus = doc.status;
  const toStatus = paid >= total ? 1000 : paid > 0 ? 750 : ctx.openStatus;

  if (!transaction) {
    const id = store.nextId('transaction');
    transaction = {
      id,
      create: now,
      update: now,
      checkAccount: checkAccount.id,
      valueDate: input.date,
      entryDate: input.date,
      amount: input.amount,
      paymtPurpose: ctx.purpose,
      payeePayerName: ctx.payeePayerName,
      payeePayerAcctNo: null,
      payeePayerBankCode: null,
      gvCode: null,
      entryText: null,
      primaNotaNo: null,
      status: 100,
      sourceTransaction: null,
      targetTransaction: null,
      enshrined: null,
      deletedAt: null,
      createdBy: ctx.ref,
    };
    account.transactions.set(id, transaction);
  }
  // The payment date is the bank row's value date (sevdesk-api.md §3.2).
  const bookingDate = transaction.valueDate;
  const transactionFrom = transaction.status;
  const logId = store.nextId('transactionLog');
  account.transactionLogs.set(logId, {
    id: logId,
    create: now,
    checkAccountTransaction: transaction.id,
    object: ctx.ref,
    fromStatus: transactionFrom,
    toStatus: 0,
    amountPaid: input.amount,
    bookingDate,
  });
  refreshTransactionStatus(account, transaction, now);
  account.transactionLogs.get(logId)!.toStatus = transaction.status;

  doc.paidAmount = paid;
  doc.status = toStatus;
  doc.payDate = toStatus === 1000 ? bookingDate : doc.payDate;
  doc.update = now;

  const log: BookingLogRec = {
    id: store.nextId('bookingLog'),
    create: now,
    object: ctx.ref,
    fromStatus,
    toStatus,
    amount: input.amount,
    bookingDate,
    type: input.type,
    checkAccount: checkAccount.id,
    checkAccountTransaction: transaction.id,
  };
  account.bookingLogs.set(log.id, log);
  return log;
}

/** 400 booked when the links use up the transaction's amount, 200 linked when partly, 100 open when unlinked. */
export function refreshTransactionStatus(account: AccountState, transaction: TransactionRec, now: number): void {
  let linked = 0;
  let links = 0;
  for (const log of account.transactionLogs.values()) {
    if (log.checkAccountTransaction !== transaction.id) continue;
    linked += log.amountPaid;
    links++;
  }
  const remaining = transaction.amount - linked;
  const usedUp = remaining === 0 || Math.sign(remaining) !== Math.sign(transaction.amount);
  transaction.status = links === 0 ? 100 : usedUp ? 400 : 200;
  transaction.update = now;
}

/** resetToOpen: removes the document's payment links; transactions it created itself are deleted. */
export function removePayments(
  doc: PayableDocument,
  ref: DocumentRef,
  openStatus: number,
  account: AccountState,
  now: number,
): void {
  const isDocument = (object: DocumentRef) => object.objectName === ref.objectName && object.id === ref.id;
  const touched = new Set<number>();
  for (const log of account.transactionLogs.values()) {
    if (!isDocument(log.object)) continue;
    const transaction = account.transactions.get(log.checkAccountTransaction);
    if (transaction?.enshrined)
      throw unprocessable(`Transaction ${transaction.id} is enshrined; the payment can not be reset`);
    touched.add(log.checkAccountTransaction);
  }
  for (const [id, log] of account.transactionLogs) if (isDocument(log.object)) account.transactionLogs.delete(id);
  for (const transactionId of touched) {
    const transaction = account.transactions.get(transactionId);
    if (!transaction) continue;
    if (transaction.createdBy && isDocument(transaction.createdBy)) {
      transaction.deletedAt = now;
      transaction.update = now;
    } else {
      refreshTransactionStatus(account, transaction, now);
    }
  }
  doc.paidAmount = 0;
  doc.payDate = null;
  doc.status = openStatus;
  doc.update = now;
}

/** sevdesk-Update 2.0 no longer takes currency fluctuation (CF) as a payment difference reason. */
export function refuseCurrencyFluctuation(type: unknown, account: AccountState): void {
  if (type === 'CF' && account.bookkeepingVersion === '2.0')
    throw unprocessable('The currency fluctuation (CF) type is no longer supported as a payment difference reason');
}

/**
 * The answer of bookAmount: the document's log entry (`VoucherLog`, `InvoiceLog`, `CreditNoteLog`) under the
 * document's key. Invoices and credit notes spell the amount `ammountPayed`, vouchers `amountPayed`.
 */
export function renderBookingLog(
  account: AccountState,
  log: BookingLogRec,
  documentKey: string,
  amountKey: 'amountPayed' | 'ammountPayed',
) {
  return {
    id: String(log.id),
    objectName: `${log.object.objectName}Log`,
    additionalInformation: null,
    create: isoBerlin(log.create),
    [documentKey]: { id: String(log.object.id), objectName: log.object.objectName },
    fromStatus: String(log.fromStatus),
    toStatus: String(log.toStatus),
    [amountKey]: formatMinor(Math.abs(log.amount)),
    bookingDate: isoBerlin(log.bookingDate),
    sevClient: sevClientRef(account.sevClientId),
  };
}

export function bookingInput(body: Record<string, unknown>, amount: number, date: number): BookingInput {
  const checkAccount = body.checkAccount as { id: number };
  const transaction = body.checkAccountTransaction as { id: number } | null | undefined;
  return {
    amount,
    date,
    type: String(body.type),
    checkAccountId: Number(checkAccount.id),
    transactionId: transaction?.id !== undefined && transaction?.id !== null ? Number(transaction.id) : null,
  };
}
