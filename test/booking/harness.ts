import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../src/app/context.js';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { type CreatedShop, createShop } from '../../src/app/shops/create-shop.js';
import { configSchema } from '../../src/config/schema.js';
import type { DbHandle } from '../../src/db/create-db.js';
import type { Engine } from '../../src/db/dialect.js';
import { documentColumns } from '../../src/db/repos/documents.repo.js';
import type { DocumentData } from '../../src/domain/documents/document.js';
import type { NormalizedOrder, OrderRefund } from '../../src/domain/orders/order.js';
import type { ShopSettingsInput } from '../../src/domain/shops/shop-settings.js';
import { createHttpApp, type HttpApp } from '../../src/http/app.js';
import { ROUTE_MODULES } from '../../src/http/routes.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { SecretBox } from '../../src/lib/crypto/secret-box.js';
import { newId } from '../../src/lib/ids.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { freshDb } from '../support/databases.js';
import { sampleDocumentData, testSeller } from '../support/factories.js';

// Booking tests: a real database (SQLite file or PostgreSQL), the sevDesk sandbox in-process and a clock both share,
// a shop connected to a sandbox account with its four check accounts (bank, PayPal, clearing account, cash register).
// Vouchers are created through the sandbox's API and `transfers` rows inserted as the transfer job leaves them.

export const SANDBOX_BASE_URL = 'http://sandbox.test/api/v1';

export interface Accounts {
  bank: string;
  paypal: string;
  clearing: string;
  register: string;
}

export interface BookingHarness {
  engine: Engine;
  db: DbHandle & { url: string };
  ctx: AppContext;
  sandbox: Sandbox;
  http: HttpApp;
  secretKey: string;
  clock: { now: Date; advance(ms: number): void; set(iso: string): void };
  close(): Promise<void>;
}

export async function createBookingHarness(engine: Engine, startAt = '2026-03-10T09:00:00Z'): Promise<BookingHarness> {
  const db = await freshDb(engine);
  const clock = {
    now: new Date(startAt),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
    set(iso: string) {
      this.now = new Date(iso);
    },
  };
  const secretKey = randomBytes(32).toString('base64');
  const ctx: AppContext = {
    config: configSchema.parse({ databaseUrl: db.url, logLevel: 'silent', secretKey }),
    db: db.db,
    engine,
    queue: new SqlJobQueue(db.db),
    secrets: new SecretBox(Buffer.from(secretKey, 'base64')),
    logger: silentLogger,
    now: () => clock.now,
  };
  const sandbox = createSandbox({ seed: 1, now: () => clock.now });
  setSevdeskDeps(ctx, {
    fetch: sandbox.fetch,
    rateLimiter: new TokenBucketRateLimiter(),
    timeoutMs: 2_000,
    readRetryBaseMs: 1,
    sleep: async () => {},
    requestsPerSecond: 1000,
  });
  return {
    engine,
    db,
    ctx,
    sandbox,
    http: createHttpApp(ctx, ROUTE_MODULES),
    secretKey,
    clock,
    close: async () => {
      await sandbox.close();
      await db.close();
    },
  };
}

export interface ConnectedShop extends CreatedShop {
  token: string;
  accounts: Accounts;
  /** accountDatev id of the 19 % revenue account. */
  revenueAccount: number;
}

/** A shop connected to a fresh sandbox account; booking settings are built from the account's check accounts. */
export async function connectedShop(
  h: BookingHarness,
  booking: (a: Accounts) => ShopSettingsInput['booking'] = (a) => ({
    enabled: true,
    defaultCheckAccountId: a.clearing,
    checkAccountByPaymentMethod: { bacs: a.bank, paypal: a.paypal, cod: a.register },
  }),
  opts: { baseUrl?: string; fetchToken?: string } = {},
): Promise<ConnectedShop> {
  const account = h.sandbox.createAccount(opts.fetchToken ? { token: opts.fetchToken } : {});
  const id = (name: string) => String(account.checkAccounts.find((c) => c.name === name)!.id);
  const accounts: Accounts = {
    bank: id('Geschäftskonto'),
    paypal: id('PayPal'),
    clearing: id('Verrechnungskonto'),
    register: id('Kasse'),
  };
  const created = await createShop(h.ctx, {
    name: 'Buchungsshop',
    settings: { sevdesk: { active: true }, booking: booking(accounts) },
    seller: testSeller,
  });
  await connectSevdesk(h.ctx, created.shop.id, { token: account.token, baseUrl: opts.baseUrl ?? SANDBOX_BASE_URL });
  const guidance = h.sandbox.dump(account.token).receiptGuidance;
  const revenueAccount = Number(guidance.find((g) => g.accountNumber === '4400')!.accountDatevId);
  return { ...created, token: account.token, accounts, revenueAccount };
}

async function sandboxCall(h: BookingHarness, token: string, method: string, path: string, body?: unknown) {
  const res = await h.sandbox.fetch(`${SANDBOX_BASE_URL}${path}`, {
    method,
    headers: { authorization: token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { objects?: unknown; error?: unknown };
  if (!res.ok || json.error) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error)}`);
  return json.objects;
}

/** An open revenue voucher (status 100) of `gross` minor units (negative for a cancellation). */
export async function createVoucher(
  h: BookingHarness,
  shop: ConnectedShop,
  gross: number,
  description: string,
): Promise<string> {
  const objects = (await sandboxCall(h, shop.token, 'POST', '/Voucher/Factory/saveVoucher', {
    voucher: {
      objectName: 'Voucher',
      mapAll: true,
      voucherDate: '10.03.2026',
      supplierName: 'Max Kunde',
      description,
      status: 100,
      taxRule: { id: '1', objectName: 'TaxRule' },
      creditDebit: 'D',
      voucherType: 'VOU',
      currency: 'EUR',
    },
    voucherPosSave: [
      {
        objectName: 'VoucherPos',
        mapAll: true,
        accountDatev: { id: shop.revenueAccount, objectName: 'AccountDatev' },
        taxRate: 19,
        net: false,
        sumGross: gross / 100,
      },
    ],
    voucherPosDelete: null,
    filename: null,
  })) as { voucher: { id: string } };
  return String(objects.voucher.id);
}

export async function voucherStatus(h: BookingHarness, shop: ConnectedShop, voucherId: string): Promise<number> {
  const v = h.sandbox.dump(shop.token).vouchers.find((x) => String(x.id) === voucherId);
  if (!v) throw new Error(`voucher ${voucherId} not in the sandbox`);
  return v.status;
}

export interface DocumentSpec {
  orderNumber: string;
  /** Gross minor units; negative for a cancellation. */
  gross: number;
  paymentMethod?: string | null;
  /** The order's paid date (null = unpaid). */
  paidAt?: string | null;
  transactionId?: string | null;
  type?: 'invoice' | 'cancellation';
  /** For a refund cancellation: its id and date (source key refund:<id>). */
  refund?: { id: string; date: string };
  cancels?: { documentId: string; number: string };
  /** Create the voucher and the transferred transfer row (default true). */
  transferred?: boolean;
  currency?: string;
  /** Override the document's source key (e.g. a re-issued invoice of the same order). */
  sourceKey?: string;
}

export interface CreatedDocument {
  id: string;
  orderId: string;
  number: string;
  voucherId: string | null;
  transferId: string | null;
}

let seq = 0;

function orderData(spec: DocumentSpec, refunds: OrderRefund[]): NormalizedOrder {
  const customer = sampleDocumentData().customer;
  return {
    shopOrderId: spec.orderNumber,
    number: spec.orderNumber,
    status: 'processing',
    currency: spec.currency ?? 'EUR',
    createdAt: '2026-03-01T10:00:00Z',
    paidAt: spec.paidAt ?? null,
    completedAt: null,
    pricesIncludeTax: true,
    roundingMode: 'per_line',
    customer,
    paymentMethod: spec.paymentMethod ?? 'bacs',
    paymentMethodTitle: spec.paymentMethod === 'paypal' ? 'PayPal' : 'Überweisung',
    transactionId: spec.transactionId ?? null,
    lines: [],
    coupons: [],
    totals: {
      total: Math.abs(spec.gross),
      totalTax: 0,
      shipping: null,
      shippingTax: null,
      discount: null,
      discountTax: null,
      taxByRate: null,
    },
    refunds,
    issues: [],
  };
}

function documentData(spec: DocumentSpec): DocumentData {
  const gross = spec.gross;
  const tax = Math.sign(gross) * Math.round((Math.abs(gross) * 1900) / 11900);
  return sampleDocumentData({
    type: spec.type ?? 'invoice',
    currency: spec.currency ?? 'EUR',
    orderNumber: spec.orderNumber,
    orderId: spec.orderNumber,
    paymentMethod: spec.paymentMethod ?? 'bacs',
    paymentMethodTitle: spec.paymentMethod === 'paypal' ? 'PayPal' : 'Überweisung',
    paymentTransactionId: spec.transactionId ?? null,
    // The finalized document keeps what was known at issue; the order carries later payment news.
    paidAt: spec.type === 'cancellation' ? (spec.refund?.date ?? null) : null,
    lines: [
      {
        kind: 'product',
        position: 1,
        name: 'Artikel',
        quantity: gross < 0 ? '-1' : '1',
        unitPriceNet: String(Math.abs(gross - tax)),
        rateBp: 1900,
        net: gross - tax,
        tax,
        gross,
      },
    ],
    totals: { net: gross - tax, tax, gross, byRate: [{ rateBp: 1900, net: gross - tax, tax, gross }] },
    cancels: spec.cancels ? { ...spec.cancels, full: !spec.refund } : null,
  });
}

/** Order + finalized document (+ voucher in the sandbox + transferred transfer row). */
export async function createDocument(
  h: BookingHarness,
  shop: ConnectedShop,
  spec: DocumentSpec,
): Promise<CreatedDocument> {
  const db = h.db.db;
  const now = h.clock.now.toISOString();
  const type = spec.type ?? 'invoice';
  const refunds: OrderRefund[] = spec.refund
    ? [{ refundId: spec.refund.id, reason: null, amount: Math.abs(spec.gross), date: spec.refund.date, lines: null }]
    : [];
  let orderId = (
    await db
      .selectFrom('orders')
      .select('id')
      .where('shop_id', '=', shop.shop.id)
      .where('external_id', '=', spec.orderNumber)
      .executeTakeFirst()
  )?.id;
  if (!orderId) {
    orderId = newId('ord');
    await db
      .insertInto('orders')
      .values({
        id: orderId,
        shop_id: shop.shop.id,
        external_id: spec.orderNumber,
        number: spec.orderNumber,
        status: 'processing',
        currency: spec.currency ?? 'EUR',
        data: JSON.stringify(orderData(spec, refunds)),
        attention: '[]',
        source_modified_at: now,
        deleted_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } else if (refunds.length > 0) {
    await setOrderData(h, orderId, (o) => ({ ...o, refunds: [...o.refunds, ...refunds] }));
  }
  const data = documentData(spec);
  const number = `${type === 'invoice' ? 'RE' : 'ST'}-2026-${String(++seq).padStart(5, '0')}`;
  const id = newId('doc');
  await db
    .insertInto('documents')
    .values({
      id,
      shop_id: shop.shop.id,
      order_id: orderId,
      type,
      status: 'finalized',
      number,
      issue_date: data.issueDate,
      cancels_document_id: spec.cancels?.documentId ?? null,
      source_key: spec.sourceKey ?? (spec.refund ? `refund:${spec.refund.id}` : `order:${spec.orderNumber}:${type}`),
      created_at: now,
      finalized_at: now,
      ...documentColumns(data),
    })
    .execute();
  if (spec.transferred === false) return { id, orderId, number, voucherId: null, transferId: null };
  const voucherId = await createVoucher(h, shop, spec.gross, `${number} [BF:${id}]`);
  const transferId = newId('trf');
  await db
    .insertInto('transfers')
    .values({
      id: transferId,
      shop_id: shop.shop.id,
      document_id: id,
      target: 'sevdesk',
      state: 'transferred',
      checkpoint: '{}',
      sevdesk_voucher_id: voucherId,
      sevdesk_contact_id: null,
      booking_state: null,
      last_error: null,
      attempts: 0,
      created_at: now,
      updated_at: now,
      transferred_at: now,
    })
    .execute();
  return { id, orderId, number, voucherId, transferId };
}

/** A later order update (e.g. the shop reports the payment). */
export async function setOrderData(
  h: BookingHarness,
  orderId: string,
  change: (o: NormalizedOrder) => NormalizedOrder,
): Promise<void> {
  const row = await h.db.db.selectFrom('orders').select('data').where('id', '=', orderId).executeTakeFirstOrThrow();
  await h.db.db
    .updateTable('orders')
    .set({
      data: JSON.stringify(change(JSON.parse(row.data) as NormalizedOrder)),
      updated_at: h.clock.now.toISOString(),
    })
    .where('id', '=', orderId)
    .execute();
}

/** A bank/PayPal import row on an online account. */
export function importTx(
  h: BookingHarness,
  shop: ConnectedShop,
  input: { account: string; amount: number; purpose: string; valueDate: string; entryDate?: string; payer?: string },
): string {
  const t = h.sandbox.importTransaction(shop.token, {
    checkAccountId: Number(input.account),
    amountMinor: input.amount,
    paymtPurpose: input.purpose,
    payeePayerName: input.payer ?? 'Max Kunde',
    valueDate: input.valueDate,
    entryDate: input.entryDate ?? input.valueDate,
  });
  return String(t.id);
}

export function transactionOf(h: BookingHarness, shop: ConnectedShop, id: string) {
  return h.sandbox.dump(shop.token).transactions.find((t) => String(t.id) === id)!;
}

export const authHeader = (shop: ConnectedShop) => ({ authorization: `Bearer ${shop.apiKey}` });
