// CheckAccount (sevdesk-api.md §3.1): online (bank, PayPal, file import), offline (clearing), register (cash).
import type { ApiRouter } from '../api-router.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { applyFields, type FieldTable, head, renderFields, sevClientRef } from '../records.js';
import { created, ok, one, page } from '../respond.js';
import type { AccountState, CheckAccountRec } from '../state.js';
import { berlinDay, formatMinor, parseDateInput } from '../wire.js';

const CHECK_ACCOUNT_FIELDS: FieldTable = {
  name: 'string',
  type: 'string',
  importType: 'string',
  currency: 'string',
  defaultAccount: 'bool',
  status: 'int',
  bankServer: 'string',
  accountingNumber: 'string',
  iban: 'string',
  bic: 'string',
  baseAccount: 'bool',
  priority: 'int',
  autoMapTransaction: 'bool',
  autoSyncTransactions: 'bool',
  lastSync: 'date',
};

// PUT takes the singular `autoMapTransaction`; the spec's plural is silently ignored (sevdesk-api.md §3.1).
const CHECK_ACCOUNT_UPDATE_FIELDS: FieldTable = {
  name: 'string',
  defaultAccount: 'bool',
  accountingNumber: 'string',
  iban: 'string',
  bic: 'string',
  autoMapTransaction: 'bool',
};

export function balances(account: AccountState, untilEpoch = Number.POSITIVE_INFINITY): Map<number, number> {
  const sums = new Map<number, number>();
  for (const t of account.transactions.values()) {
    if (t.deletedAt !== null || t.valueDate > untilEpoch) continue;
    sums.set(t.checkAccount, (sums.get(t.checkAccount) ?? 0) + t.amount);
  }
  return sums;
}

export function renderCheckAccount(account: AccountState, checkAccount: CheckAccountRec, balance: number) {
  const out = head(checkAccount, 'CheckAccount');
  out.sevClient = sevClientRef(account.sevClientId);
  renderFields(checkAccount, CHECK_ACCOUNT_FIELDS, out);
  out.balance = formatMinor(balance);
  out.checkAccId = null;
  out.countryCode = null;
  return out;
}

export function requireCheckAccount(account: AccountState, id: number): CheckAccountRec {
  const checkAccount = account.checkAccounts.get(id);
  if (!checkAccount) throw notFound('CheckAccount', id);
  return checkAccount;
}

/** The next free booking account number in a chart range (bank accounts 1801…, SKR03 1201…). */
function nextAccountingNumber(account: AccountState, first: number): string {
  const used = new Set([...account.checkAccounts.values()].map((c) => c.accountingNumber));
  let n = first;
  while (used.has(String(n))) n++;
  return String(n);
}

export function registerCheckAccountRoutes(api: ApiRouter): void {
  api.get('/CheckAccount', (req) => {
    const sums = balances(req.account);
    return page(req.query, [...req.account.checkAccounts.values()], (c) =>
      renderCheckAccount(req.account, c, sums.get(c.id) ?? 0),
    );
  });

  api.get('/CheckAccount/{checkAccountId}', (req) => {
    const checkAccount = requireCheckAccount(req.account, req.params.checkAccountId!);
    return one(renderCheckAccount(req.account, checkAccount, balances(req.account).get(checkAccount.id) ?? 0));
  });

  api.post('/CheckAccount/Factory/fileImportAccount', (req) => {
    const { account, body } = req;
    if (typeof body.name !== 'string' || body.name.trim() === '') throw unprocessable('name is required');
    if (typeof body.importType !== 'string') throw unprocessable('importType is required (CSV or MT940)');
    const checkAccount = insertCheckAccount(req.account, req.store.nextId('checkAccount'), req.now, {
      name: body.name,
      type: 'online',
      importType: body.importType,
      iban: typeof body.iban === 'string' ? body.iban : null,
      accountingNumber:
        body.accountingNumber != null
          ? String(body.accountingNumber)
          : nextAccountingNumber(account, account.chart === 'SKR03' ? 1201 : 1801),
    });
    return created(renderCheckAccount(account, checkAccount, 0));
  });

  api.post('/CheckAccount/Factory/clearingAccount', (req) => {
    const { account, body } = req;
    if (typeof body.name !== 'string' || body.name.trim() === '') throw unprocessable('name is required');
    const checkAccount = insertCheckAccount(account, req.store.nextId('checkAccount'), req.now, {
      name: body.name,
      type: 'offline',
      importType: null,
      iban: null,
      accountingNumber:
        body.accountingNumber != null ? String(body.accountingNumber) : account.chart === 'SKR03' ? '1360' : '1460',
    });
    return created(renderCheckAccount(account, checkAccount, 0));
  });

  api.put('/CheckAccount/{checkAccountId}', (req) => {
    const { account, now } = req;
    const checkAccount = requireCheckAccount(account, req.params.checkAccountId!);
    applyFields(checkAccount, req.body, CHECK_ACCOUNT_UPDATE_FIELDS);
    checkAccount.update = now;
    if (checkAccount.defaultAccount)
      for (const other of account.checkAccounts.values()) if (other !== checkAccount) other.defaultAccount = false;
    return ok(renderCheckAccount(account, checkAccount, balances(account).get(checkAccount.id) ?? 0));
  });

  api.delete('/CheckAccount/{checkAccountId}', (req) => {
    const { account } = req;
    const checkAccount = requireCheckAccount(account, req.params.checkAccountId!);
    if (checkAccount.baseAccount) throw conflict('The base account can not be deleted', null);
    if ([...account.transactions.values()].some((t) => t.checkAccount === checkAccount.id && t.deletedAt === null))
      throw conflict('The check account has transactions and can not be deleted', null);
    account.checkAccounts.delete(checkAccount.id);
    return ok([null]);
  });

  api.get('/CheckAccount/{checkAccountId}/getBalanceAtDate', (req) => {
    const checkAccount = requireCheckAccount(req.account, req.params.checkAccountId!);
    // "up to this date at 23:59:59" Berlin time: every transaction whose Berlin day is not later.
    const day = berlinDay(parseDateInput(req.query.get('date')) ?? 0);
    let sum = 0;
    for (const t of req.account.transactions.values())
      if (t.checkAccount === checkAccount.id && t.deletedAt === null && berlinDay(t.valueDate) <= day) sum += t.amount;
    return ok(formatMinor(sum));
  });
}

function insertCheckAccount(
  account: AccountState,
  id: number,
  now: number,
  fields: Pick<CheckAccountRec, 'name' | 'type' | 'importType' | 'iban' | 'accountingNumber'>,
): CheckAccountRec {
  const checkAccount: CheckAccountRec = {
    id,
    create: now,
    update: now,
    currency: 'EUR',
    defaultAccount: false,
    baseAccount: false,
    priority: account.checkAccounts.size + 1,
    status: 100,
    bankServer: null,
    bic: null,
    autoMapTransaction: true,
    autoSyncTransactions: false,
    lastSync: null,
    ...fields,
  };
  account.checkAccounts.set(id, checkAccount);
  return checkAccount;
}
