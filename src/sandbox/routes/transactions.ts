// CheckAccountTransaction and its link log (sevdesk-api.md §3.2–§3.4).
import type { ApiRouter } from '../api-router.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { applyFields, contains, type FieldTable, head, refFilter, renderFields, sevClientRef } from '../records.js';
import { boolParam, created, ok, one, page, textParam } from '../respond.js';
import type { AccountState, SandboxStore, TransactionLogRec, TransactionRec } from '../state.js';
import { isoBerlin, parseDateInput } from '../wire.js';
import { requireCheckAccount } from './check-accounts.js';

const TRANSACTION_FIELDS: FieldTable = {
  valueDate: 'date',
  entryDate: 'date',
  amount: 'money',
  gvCode: 'string',
  entryText: 'string',
  primaNotaNo: 'string',
  paymtPurpose: 'string',
  payeePayerBankCode: 'string',
  payeePayerAcctNo: 'string',
  payeePayerName: 'string',
  checkAccount: { ref: 'CheckAccount' },
  status: 'int',
  enshrined: 'date',
  deletedAt: 'date',
};

const WRITABLE_FIELDS: FieldTable = {
  valueDate: 'date',
  entryDate: 'date',
  amount: 'money',
  paymtPurpose: 'string',
  payeePayerName: 'string',
  payeePayerAcctNo: 'string',
  payeePayerBankCode: 'string',
  checkAccount: { ref: 'CheckAccount' },
  status: 'int',
  sourceTransaction: { ref: 'CheckAccountTransaction' },
  targetTransaction: { ref: 'CheckAccountTransaction' },
};

export const OFFLINE_ACCOUNT_MESSAGE =
  'You can only create transactions on online checkaccounts. Use document bookAmount to create transactions on other types.';

export function renderTransaction(account: AccountState, t: TransactionRec) {
  const out = head(t, 'CheckAccountTransaction');
  out.sevClient = sevClientRef(account.sevClientId);
  renderFields(t, TRANSACTION_FIELDS, out);
  out.feeAmount = null;
  out.score = null;
  out.compareHash = null;
  out.obonoReceiptUuid = null;
  out.externalId = null;
  out.restoredAt = null;
  if (t.sourceTransaction !== null)
    out.sourceTransaction = { id: String(t.sourceTransaction), objectName: 'CheckAccountTransaction' };
  if (t.targetTransaction !== null)
    out.targetTransaction = { id: String(t.targetTransaction), objectName: 'CheckAccountTransaction' };
  return out;
}

function renderTransactionLog(account: AccountState, log: TransactionLogRec) {
  return {
    id: String(log.id),
    objectName: 'CheckAccountTransactionLog',
    additionalInformation: null,
    create: isoBerlin(log.create),
    checkAccountTransaction: { id: String(log.checkAccountTransaction), objectName: 'CheckAccountTransaction' },
    fromStatus: String(log.fromStatus),
    toStatus: String(log.toStatus),
    amountPaid: log.amountPaid / 100,
    bookingDate: isoBerlin(log.bookingDate),
    sevClient: sevClientRef(account.sevClientId),
    object: { id: String(log.object.id), objectName: log.object.objectName },
  };
}

export interface NewTransaction {
  checkAccountId: number;
  amount: number;
  valueDate: number;
  entryDate?: number | null;
  paymtPurpose?: string | null;
  payeePayerName?: string | null;
  payeePayerAcctNo?: string | null;
  status?: number;
}

/** Inserts a transaction on an online account, as a bank/PayPal import or POST /CheckAccountTransaction would. */
export function insertTransaction(account: AccountState, store: SandboxStore, input: NewTransaction, now: number) {
  const checkAccount = requireCheckAccount(account, input.checkAccountId);
  if (checkAccount.type !== 'online') throw unprocessable(OFFLINE_ACCOUNT_MESSAGE);
  const transaction: TransactionRec = {
    id: store.nextId('transaction'),
    create: now,
    update: now,
    checkAccount: checkAccount.id,
    valueDate: input.valueDate,
    // entryDate defaults to valueDate (measured, sevdesk-api.md §3.4).
    entryDate: input.entryDate ?? input.valueDate,
    amount: input.amount,
    paymtPurpose: input.paymtPurpose ?? null,
    payeePayerName: input.payeePayerName ?? null,
    payeePayerAcctNo: input.payeePayerAcctNo ?? null,
    payeePayerBankCode: null,
    gvCode: null,
    entryText: null,
    primaNotaNo: null,
    status: input.status ?? 100,
    sourceTransaction: null,
    targetTransaction: null,
    enshrined: null,
    deletedAt: null,
    createdBy: null,
  };
  account.transactions.set(transaction.id, transaction);
  return transaction;
}

export function requireTransaction(account: AccountState, id: number): TransactionRec {
  const transaction = account.transactions.get(id);
  if (!transaction) throw notFound('CheckAccountTransaction', id);
  return transaction;
}

export function registerTransactionRoutes(api: ApiRouter): void {
  api.post('/CheckAccountTransaction', (req) => {
    const input = { valueDate: 0, entryDate: null, amount: 0, checkAccount: 0, status: 100 } as Record<string, unknown>;
    applyFields(input, req.body, WRITABLE_FIELDS);
    const transaction = insertTransaction(
      req.account,
      req.store,
      {
        checkAccountId: input.checkAccount as number,
        amount: input.amount as number,
        valueDate: input.valueDate as number,
        entryDate: input.entryDate as number | null,
        paymtPurpose: (input.paymtPurpose as string | null | undefined) ?? null,
        payeePayerName: (input.payeePayerName as string | null | undefined) ?? null,
        payeePayerAcctNo: (input.payeePayerAcctNo as string | null | undefined) ?? null,
        status: input.status as number,
      },
      req.now,
    );
    return created(renderTransaction(req.account, transaction));
  });

  api.get('/CheckAccountTransaction', (req) => {
    const { account, query } = req;
    const checkAccount = refFilter(query, 'checkAccount');
    // isBooked=true filters; isBooked=false is ignored by sevDesk and returns everything (§3.3).
    const onlyBooked = boolParam(query, 'isBooked') === true;
    const purpose = textParam(query, 'paymtPurpose');
    const payee = textParam(query, 'payeePayerName');
    // startDate/endDate cut on entryDate, not valueDate (measured).
    const start = dateParam(query, 'startDate');
    const end = dateParam(query, 'endDate');
    const onlyCredit = boolParam(query, 'onlyCredit') === true;
    const onlyDebit = boolParam(query, 'onlyDebit') === true;
    const status = textParam(query, 'status');
    const found: TransactionRec[] = [];
    for (const t of account.transactions.values()) {
      if (t.deletedAt !== null) continue;
      if (checkAccount !== undefined && t.checkAccount !== checkAccount) continue;
      if (onlyBooked && t.status < 350) continue;
      if (purpose !== undefined && !contains(t.paymtPurpose, purpose)) continue;
      if (payee !== undefined && !contains(t.payeePayerName, payee)) continue;
      const entry = t.entryDate ?? t.valueDate;
      if (start !== undefined && entry < start) continue;
      if (end !== undefined && entry > end) continue;
      if (onlyCredit && t.amount <= 0) continue;
      if (onlyDebit && t.amount >= 0) continue;
      if (status !== undefined && t.status !== Number(status)) continue;
      found.push(t);
    }
    return page(query, found, (t) => renderTransaction(account, t));
  });

  // Deleted transactions stay readable by id, with deletedAt set.
  api.get('/CheckAccountTransaction/{checkAccountTransactionId}', (req) =>
    one(renderTransaction(req.account, requireTransaction(req.account, req.params.checkAccountTransactionId!))),
  );

  api.put('/CheckAccountTransaction/{checkAccountTransactionId}', (req) => {
    const { account, now } = req;
    const transaction = requireTransaction(account, req.params.checkAccountTransactionId!);
    if (transaction.deletedAt !== null) throw notFound('CheckAccountTransaction', transaction.id);
    if (transaction.enshrined !== null) throw unprocessable('Enshrined transactions can not be changed');
    const next = { ...transaction };
    applyFields(next, req.body, WRITABLE_FIELDS);
    if (next.checkAccount !== transaction.checkAccount) requireCheckAccount(account, next.checkAccount);
    Object.assign(transaction, next, { update: now });
    return ok(renderTransaction(account, transaction));
  });

  api.delete('/CheckAccountTransaction/{checkAccountTransactionId}', (req) => {
    const transaction = requireTransaction(req.account, req.params.checkAccountTransactionId!);
    if (transaction.deletedAt !== null) throw notFound('CheckAccountTransaction', transaction.id);
    if (transaction.status !== 100) throw conflict('The transaction is linked or booked and can not be deleted');
    transaction.deletedAt = req.now;
    transaction.update = req.now;
    return ok([null]);
  });

  api.put('/CheckAccountTransaction/{checkAccountTransactionId}/enshrine', (req) => {
    const transaction = requireTransaction(req.account, req.params.checkAccountTransactionId!);
    if (transaction.status < 200) throw unprocessable('Only linked or booked transactions can be enshrined');
    if (transaction.enshrined !== null) throw unprocessable('The transaction is already enshrined');
    transaction.enshrined = req.now;
    transaction.update = req.now;
    return ok(null);
  });

  // Filters by transaction only; object[id] filters are ignored, as in sevDesk.
  api.get('/CheckAccountTransactionLog', (req) => {
    const transaction = refFilter(req.query, 'checkAccountTransaction');
    const logs = [...req.account.transactionLogs.values()].filter(
      (log) => transaction === undefined || log.checkAccountTransaction === transaction,
    );
    return page(req.query, logs, (log) => renderTransactionLog(req.account, log));
  });
}

function dateParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : (parseDateInput(value) ?? undefined);
}
