// Shared setup for the sandbox suites: a sandbox with one account and a small JSON client for /api/v1.
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/create-sandbox.js';

export interface ApiReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: wire bodies are inspected loosely in assertions
  body: any;
  headers: Headers;
}

export interface SandboxFixture {
  sandbox: Sandbox;
  token: string;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiReply>;
  accountDatev(accountNumber: string): number;
  checkAccountId(name: string): number;
}

export function sandboxFixture(options: SandboxOptions = {}, account: Parameters<Sandbox['createAccount']>[0] = {}) {
  const sandbox = createSandbox(options);
  const { token } = sandbox.createAccount(account);
  return fixtureFor(sandbox, token);
}

export function fixtureFor(sandbox: Sandbox, token: string): SandboxFixture {
  return {
    sandbox,
    token,
    async api(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { Authorization: token, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
      }
      const response = await sandbox.fetch(`http://sandbox.test/api/v1${path}`, init);
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    accountDatev(accountNumber) {
      const row = sandbox.dump(token).receiptGuidance.find((g) => g.accountNumber === accountNumber);
      if (!row) throw new Error(`no guidance account ${accountNumber}`);
      return row.accountDatevId;
    },
    checkAccountId(name) {
      const found = sandbox.account(token).checkAccounts.find((c) => c.name === name);
      if (!found) throw new Error(`no check account ${name}`);
      return found.id;
    },
  };
}

export const CUSTOMER = { id: 3, objectName: 'Category' } as const;

/** A revenue voucher (D, rule 1) with gross positions; `positions` as [accountDatevId, rate, sumGross]. */
export function revenueVoucher(
  positions: Array<[number, number | string, number | string]>,
  overrides: Record<string, unknown> = {},
  net = false,
) {
  return {
    voucher: {
      objectName: 'Voucher',
      mapAll: true,
      voucherDate: '15.05.2026',
      deliveryDate: '14.05.2026',
      supplierName: 'Erika Mustermann',
      description: 'RE-2026-10042 [SHOP-ORDER:10042]',
      status: 100,
      taxRule: { id: '1', objectName: 'TaxRule' },
      creditDebit: 'D',
      voucherType: 'VOU',
      currency: 'EUR',
      ...overrides,
    },
    voucherPosSave: positions.map(([accountDatev, taxRate, sum], i) => ({
      objectName: 'VoucherPos',
      mapAll: true,
      accountDatev: { id: accountDatev, objectName: 'AccountDatev' },
      taxRate,
      net,
      ...(net ? { sumNet: sum } : { sumGross: sum }),
      comment: `Position ${i + 1}`,
    })),
    voucherPosDelete: null,
    filename: null,
  };
}

export function bookBody(checkAccountId: number, amount: number, transactionId?: number, type = 'FULL_PAYMENT') {
  return {
    amount,
    date: '2026-05-20T12:00:00+02:00',
    type,
    checkAccount: { id: checkAccountId, objectName: 'CheckAccount' },
    ...(transactionId !== undefined
      ? { checkAccountTransaction: { id: transactionId, objectName: 'CheckAccountTransaction' } }
      : {}),
  };
}
