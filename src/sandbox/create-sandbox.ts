// The sevDesk sandbox ("Testmodus"): a stateful stand-in for sevDesk's API under /api/v1, usable in-process
// (`sandbox.fetch` / `sandbox.app.fetch`) or over HTTP (`sandbox.listen`). See README.md.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { API_PREFIX, ApiRouter, authenticationRequired, CallCounter, type SandboxRuntime } from './api-router.js';
import { errorBody, SandboxConnectionDrop } from './errors.js';
import { FaultEngine, type FaultRule } from './faults.js';
import { StateFile } from './persistence.js';
import { registerRequestLog } from './request-log.js';
import { balances, registerCheckAccountRoutes } from './routes/check-accounts.js';
import { registerContactRoutes } from './routes/contacts.js';
import { registerCreditNoteRoutes } from './routes/credit-notes.js';
import { registerInspectRoutes, UnknownAccountError } from './routes/inspect.js';
import { registerInspectPages } from './routes/inspect-pages.js';
import { registerInvoiceRoutes } from './routes/invoices.js';
import { registerStaticRoutes } from './routes/static.js';
import { insertTransaction, registerTransactionRoutes } from './routes/transactions.js';
import { registerVoucherRoutes } from './routes/vouchers.js';
import { loadSpecIndex, resolveSpecPath } from './spec-validation.js';
import {
  type AccountState,
  type CreateAccountOptions,
  SandboxStore,
  type TempFileRec,
  type TransactionRec,
} from './state.js';
import { parseDateInput, toMinor } from './wire.js';

export type { FaultRule } from './faults.js';
export type { CreateAccountOptions } from './state.js';

export interface SandboxOptions {
  /** Seed of the fault dice (default 1). */
  seed?: number;
  /** Latency added to every /api/v1 request, in ms. */
  latencyMs?: number;
  /** Fault rules, as the compact grammar (README) or objects. */
  faults?: string | FaultRule[];
  /** Persist state as JSON here; reloaded on start. */
  stateFile?: string;
  /** The official openapi.yaml (default: env BELEGFLUSS_SEVDESK_SPEC, then ../shared/sevdesk/openapi.yaml). */
  specPath?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /** Debounce of state file writes, ms (default 200). */
  persistDebounceMs?: number;
}

export interface SandboxAccountInfo {
  token: string;
  name: string;
  bookkeepingVersion: '1.0' | '2.0';
  chart: 'SKR03' | 'SKR04';
  revoked: boolean;
  sevClientId: number;
  sevUserId: number;
  checkAccounts: Array<{ id: number; name: string; type: string; accountingNumber: string }>;
}

export interface ImportTransactionInput {
  checkAccountId: number;
  /** Cents; or `amount` as a decimal (119.5, "119.50"). */
  amountMinor?: number;
  amount?: number | string;
  paymtPurpose?: string | null;
  payeePayerName?: string | null;
  payeePayerAcctNo?: string | null;
  /** Date, epoch seconds, "dd.mm.yyyy" or ISO; valueDate defaults to now, entryDate to valueDate. */
  valueDate?: Date | number | string;
  entryDate?: Date | number | string;
}

export interface ListeningSandbox {
  /** Origin, e.g. http://127.0.0.1:4010 */
  url: string;
  /** Base URL of the sevDesk API, e.g. http://127.0.0.1:4010/api/v1 */
  apiUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface Sandbox {
  app: Hono;
  /** A fetch-compatible function that serves requests in-process (for openapi-fetch and other clients). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  listen(port?: number, host?: string): Promise<ListeningSandbox>;
  createAccount(options?: CreateAccountOptions): SandboxAccountInfo;
  accounts(): SandboxAccountInfo[];
  account(token: string): SandboxAccountInfo;
  /** The account's data in internal units: cents, basis points, epoch seconds. */
  dump(token: string): SandboxDump;
  calls(token: string): { total: number; routes: Record<string, number> };
  resetCalls(token?: string): void;
  revokeToken(token: string): void;
  /** Simulates a bank or PayPal import row on an online check account. */
  importTransaction(token: string, input: ImportTransactionInput): TransactionRec;
  setFaults(faults: string | FaultRule[], options?: { seed?: number; latencyMs?: number }): void;
  faults(): { seed: number; latencyMs: number; rules: FaultRule[]; spec: string };
  /** Writes the state file now (no-op without one). */
  flush(): Promise<void>;
  /** Cancels hanging faults, closes listeners and writes the state file. */
  close(): Promise<void>;
}

export type SandboxDump = ReturnType<typeof dumpAccount>;

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const spec = loadSpecIndex(resolveSpecPath(options.specPath));
  const store = new SandboxStore();
  const stateFile = options.stateFile ? new StateFile(options.stateFile, store, options.persistDebounceMs) : null;
  stateFile?.load();
  if (stateFile) store.onChange = () => stateFile.schedule();

  const pending = new Set<{ timer: NodeJS.Timeout; reject: (error: Error) => void }>();
  const clock = options.now ?? (() => new Date());
  const rt: SandboxRuntime = {
    store,
    spec,
    faults: new FaultEngine(options.seed ?? 1, options.faults ?? []),
    calls: new CallCounter(),
    latencyMs: options.latencyMs ?? 0,
    now: () => Math.floor(clock().getTime() / 1000),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        const entry = {
          timer: setTimeout(() => {
            pending.delete(entry);
            resolve();
          }, ms),
          reject,
        };
        pending.add(entry);
      }),
  };

  const app = new Hono();
  app.onError((error, c) => {
    // A simulated network failure must reach the caller as a rejected fetch / a dropped socket.
    if (error instanceof SandboxConnectionDrop) throw error;
    console.error('sandbox: unexpected error', error);
    return c.json(errorBody(500, `Internal sandbox error: ${error.message}`), 500);
  });

  registerRequestLog(app, store);
  const api = new ApiRouter(app, rt);
  registerStaticRoutes(api);
  registerContactRoutes(api);
  registerCheckAccountRoutes(api);
  registerTransactionRoutes(api);
  registerVoucherRoutes(api);
  registerInvoiceRoutes(api);
  registerCreditNoteRoutes(api);
  registerUnknownRoutes(app, rt);

  const requireAccount = (token: string): AccountState => {
    const account = store.account(token);
    if (!account) throw new UnknownAccountError(token);
    return account;
  };
  const servers = new Set<Server>();

  const sandbox: Sandbox = {
    app,
    fetch: (input, init) =>
      Promise.resolve(app.fetch(input instanceof Request && !init ? input : new Request(input, init))),
    listen: (port = 4010, host = '127.0.0.1') => listen(app, port, host, servers),
    createAccount: (accountOptions = {}) => accountInfo(store.createAccount(accountOptions, rt.now())),
    accounts: () => [...store.accounts.values()].map(accountInfo),
    account: (token) => accountInfo(requireAccount(token)),
    dump: (token) => dumpAccount(requireAccount(token)),
    calls: (token) => rt.calls.get(requireAccount(token).token),
    resetCalls: (token) => rt.calls.reset(token),
    revokeToken: (token) => {
      requireAccount(token).revoked = true;
      store.markChanged();
    },
    importTransaction: (token, input) => {
      const account = requireAccount(token);
      const transaction = insertTransaction(account, store, importInput(input, rt.now()), rt.now());
      store.markChanged();
      return structuredClone(transaction);
    },
    setFaults: (faults, faultOptions = {}) => {
      rt.faults.configure(faults, faultOptions.seed);
      if (faultOptions.latencyMs !== undefined) rt.latencyMs = faultOptions.latencyMs;
    },
    faults: () => ({ ...rt.faults.describe(), latencyMs: rt.latencyMs }),
    flush: async () => {
      await stateFile?.flush();
    },
    close: async () => {
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.reject(new SandboxConnectionDrop('ECONNRESET'));
      }
      pending.clear();
      await Promise.all([...servers].map((server) => closeServer(server)));
      await stateFile?.flush();
    },
  };
  registerInspectPages(app, store);
  registerInspectRoutes(app, {
    ...sandbox,
    createAccount: (input) => sandbox.createAccount(validateAccountOptions(input)),
    importTransaction: (token, input) => sandbox.importTransaction(token, input as unknown as ImportTransactionInput),
  });
  return sandbox;
}

/** /api/v1 paths without a handler: 401 without a valid token, 501 for spec routes the sandbox does not emulate, else 404. */
function registerUnknownRoutes(app: Hono, rt: SandboxRuntime): void {
  app.all(`${API_PREFIX}/*`, (c) => {
    const account = rt.store.account(c.req.header('authorization')?.trim());
    if (!account || account.revoked) return authenticationRequired();
    // c.req.path includes the mount point when the sandbox is mounted inside another app (e.g. /sandbox/api/v1/…).
    const path = c.req.path.slice(c.req.path.indexOf(API_PREFIX) + API_PREFIX.length);
    if (rt.spec.matchesPath(path))
      return c.json(errorBody(501, `${c.req.method} ${path} is not emulated by the Belegfluss sandbox`), 501);
    return c.json(errorBody(404, `Unknown resource ${path}`), 404);
  });
}

function validateAccountOptions(input: unknown): CreateAccountOptions {
  const o = (input ?? {}) as Record<string, unknown>;
  if (o.bookkeepingVersion !== undefined && o.bookkeepingVersion !== '1.0' && o.bookkeepingVersion !== '2.0')
    throw new RangeError('bookkeepingVersion must be "1.0" or "2.0"');
  if (o.chart !== undefined && o.chart !== 'SKR03' && o.chart !== 'SKR04')
    throw new RangeError('chart must be "SKR03" or "SKR04"');
  if (o.token !== undefined && typeof o.token !== 'string') throw new RangeError('token must be a string');
  if (o.name !== undefined && typeof o.name !== 'string') throw new RangeError('name must be a string');
  return o as CreateAccountOptions;
}

function importInput(input: ImportTransactionInput, now: number) {
  const date = (value: Date | number | string | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const epoch = value instanceof Date ? Math.floor(value.getTime() / 1000) : parseDateInput(value);
    if (epoch === null) throw new RangeError(`not a date: ${String(value)}`);
    return epoch;
  };
  if (!Number.isInteger(Number(input.checkAccountId))) throw new RangeError('checkAccountId is required');
  let amount: number;
  if (input.amountMinor !== undefined) {
    if (!Number.isInteger(input.amountMinor)) throw new RangeError('amountMinor must be an integer');
    amount = input.amountMinor;
  } else if (input.amount !== undefined) {
    amount = toMinor(input.amount);
  } else {
    throw new RangeError('amountMinor or amount is required');
  }
  const valueDate = date(input.valueDate, now);
  return {
    checkAccountId: Number(input.checkAccountId),
    amount,
    valueDate,
    entryDate: date(input.entryDate, valueDate),
    paymtPurpose: input.paymtPurpose ?? null,
    payeePayerName: input.payeePayerName ?? null,
    payeePayerAcctNo: input.payeePayerAcctNo ?? null,
  };
}

function accountInfo(account: AccountState): SandboxAccountInfo {
  return {
    token: account.token,
    name: account.name,
    bookkeepingVersion: account.bookkeepingVersion,
    chart: account.chart,
    revoked: account.revoked,
    sevClientId: account.sevClientId,
    sevUserId: account.sevUserId,
    checkAccounts: [...account.checkAccounts.values()].map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      accountingNumber: c.accountingNumber,
    })),
  };
}

function dumpAccount(account: AccountState) {
  const sums = balances(account);
  return structuredClone({
    account: accountInfo(account),
    units: { money: 'cents', taxRate: 'basis points', dates: 'epoch seconds' } as const,
    contacts: [...account.contacts.values()],
    contactAddresses: [...account.addresses.values()],
    communicationWays: [...account.communicationWays.values()],
    checkAccounts: [...account.checkAccounts.values()].map((c) => ({ ...c, balance: sums.get(c.id) ?? 0 })),
    transactions: [...account.transactions.values()],
    transactionLogs: [...account.transactionLogs.values()],
    bookings: [...account.bookingLogs.values()],
    vouchers: [...account.vouchers.values()].map((v) => {
      const file = v.filename ? account.files.get(v.filename) : undefined;
      return { ...v, file: file ? fileInfo(file) : null };
    }),
    files: [...account.files.values()].map(fileInfo),
    invoices: [...account.invoices.values()],
    creditNotes: [...account.creditNotes.values()],
    receiptGuidance: account.guidance,
  });
}

function fileInfo(file: TempFileRec): Omit<TempFileRec, 'contentBase64'> {
  const { contentBase64: _content, ...info } = file;
  return info;
}

async function listen(app: Hono, port: number, host: string, servers: Set<Server>): Promise<ListeningSandbox> {
  const listener = getRequestListener(async (request, env) => {
    try {
      return await app.fetch(request, env);
    } catch (error) {
      if (!(error instanceof SandboxConnectionDrop)) throw error;
      // Drop the connection without an answer, the way a reset or a proxy timeout looks to the client.
      env.incoming.socket?.destroy();
      return new Response(null, { status: 500 });
    }
  });
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  servers.add(server);
  const address = server.address() as AddressInfo;
  const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: origin,
    apiUrl: `${origin}${API_PREFIX}`,
    port: address.port,
    close: async () => {
      servers.delete(server);
      await closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
