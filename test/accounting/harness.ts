import { updateAccountingSettings } from '../../src/app/accounting/accounting-settings.js';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { runTransfer, type TransferOutcome } from '../../src/app/transfer/transfer-document.js';
import { documentColumns, insertDocumentFile } from '../../src/db/repos/documents.repo.js';
import type { CustomerSnapshot, DocumentData, DocumentLine } from '../../src/domain/documents/document.js';
import type { NormalizedOrder } from '../../src/domain/orders/order.js';
import { hasMarker } from '../../src/domain/transfer/marker.js';
import { newId } from '../../src/lib/ids.js';
import { type BookingHarness, type ConnectedShop, connectedShop } from '../booking/harness.js';
import { sampleDocumentData } from '../support/factories.js';

export { createBookingHarness as createAccountingHarness } from '../booking/harness.js';
export type { BookingHarness as AccountingHarness, ConnectedShop } from '../booking/harness.js';

// Accounting tests: the booking harness (real database, in-process sandbox, shared clock, HTTP app) with documents
// that carry products, product types, shipping and fees, transferred by the real transfer use case.

export interface LineSpec {
  name: string;
  /** Gross minor units (negative on cancellations). */
  gross: number;
  rateBp?: number;
  kind?: DocumentLine['kind'];
  sku?: string;
  productId?: string;
  productType?: DocumentLine['productType'];
}

export interface DocSpec {
  lines: LineSpec[];
  type?: 'invoice' | 'cancellation';
  orderNumber?: string;
  customer?: Partial<CustomerSnapshot>;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  transactionId?: string | null;
  /** The order's paid date (null: unpaid). */
  paidAt?: string | null;
  orderCreatedAt?: string;
  cancels?: { documentId: string; number: string };
  issueDate?: string;
}

let seq = 0;
export const nextOrderNumber = () => String(5000 + ++seq);

export function documentLines(specs: LineSpec[]): DocumentLine[] {
  return specs.map((l, i) => {
    const rateBp = l.rateBp ?? 1900;
    const tax = Math.sign(l.gross) * Math.round((Math.abs(l.gross) * rateBp) / (10_000 + rateBp));
    return {
      kind: l.kind ?? 'product',
      position: i + 1,
      name: l.name,
      sku: l.sku ?? null,
      productId: l.productId ?? null,
      productType: (l.kind ?? 'product') === 'product' ? (l.productType ?? 'goods') : null,
      quantity: l.gross < 0 ? '-1' : '1',
      unitPriceNet: String(Math.abs(l.gross - tax)),
      rateBp,
      net: l.gross - tax,
      tax,
      gross: l.gross,
    };
  });
}

export function docData(spec: DocSpec, orderNumber: string): DocumentData {
  const lines = documentLines(spec.lines);
  const rates = [...new Set(lines.map((l) => l.rateBp))].sort((a, b) => b - a);
  const sum = (xs: DocumentLine[], k: 'net' | 'tax' | 'gross') => xs.reduce((s, l) => s + l[k], 0);
  const base = sampleDocumentData();
  return sampleDocumentData({
    type: spec.type ?? 'invoice',
    issueDate: spec.issueDate ?? '2026-03-10',
    deliveryDate: spec.issueDate ?? '2026-03-10',
    orderNumber,
    orderId: orderNumber,
    paymentMethod: spec.paymentMethod ?? 'paypal',
    paymentMethodTitle: spec.paymentMethodTitle ?? (spec.paymentMethod === 'bacs' ? 'Überweisung' : 'PayPal'),
    paymentTransactionId: spec.transactionId ?? null,
    paidAt: spec.type === 'cancellation' ? null : (spec.paidAt ?? null),
    customer: { ...base.customer, ...spec.customer },
    lines,
    totals: {
      net: sum(lines, 'net'),
      tax: sum(lines, 'tax'),
      gross: sum(lines, 'gross'),
      byRate: rates.map((rateBp) => {
        const at = lines.filter((l) => l.rateBp === rateBp);
        return { rateBp, net: sum(at, 'net'), tax: sum(at, 'tax'), gross: sum(at, 'gross') };
      }),
    },
    cancels: spec.cancels ? { ...spec.cancels, full: true } : null,
  });
}

function orderOf(spec: DocSpec, orderNumber: string, data: DocumentData): NormalizedOrder {
  return {
    shopOrderId: orderNumber,
    number: orderNumber,
    status: 'processing',
    currency: 'EUR',
    createdAt: spec.orderCreatedAt ?? '2026-03-01T10:00:00Z',
    paidAt: spec.paidAt ?? null,
    completedAt: null,
    pricesIncludeTax: true,
    roundingMode: 'per_line',
    customer: data.customer,
    paymentMethod: data.paymentMethod,
    paymentMethodTitle: data.paymentMethodTitle,
    transactionId: data.paymentTransactionId,
    lines: [],
    coupons: [],
    totals: {
      total: Math.abs(data.totals.gross),
      totalTax: Math.abs(data.totals.tax),
      shipping: null,
      shippingTax: null,
      discount: null,
      discountTax: null,
      taxByRate: null,
    },
    refunds: [],
    issues: [],
  };
}

export interface CreatedDoc {
  id: string;
  number: string;
  orderId: string;
  data: DocumentData;
}

/** An order (or the existing one of this order number) and a finalized document with a PDF. */
export async function finalizedDoc(h: BookingHarness, shop: ConnectedShop, spec: DocSpec): Promise<CreatedDoc> {
  const db = h.db.db;
  const now = h.clock.now.toISOString();
  const orderNumber = spec.orderNumber ?? nextOrderNumber();
  const type = spec.type ?? 'invoice';
  const data = docData(spec, orderNumber);
  let orderId = (
    await db
      .selectFrom('orders')
      .select('id')
      .where('shop_id', '=', shop.shop.id)
      .where('external_id', '=', orderNumber)
      .executeTakeFirst()
  )?.id;
  if (!orderId) {
    orderId = newId('ord');
    await db
      .insertInto('orders')
      .values({
        id: orderId,
        shop_id: shop.shop.id,
        external_id: orderNumber,
        number: orderNumber,
        status: 'processing',
        currency: 'EUR',
        data: JSON.stringify(orderOf(spec, orderNumber, data)),
        attention: '[]',
        source_modified_at: now,
        deleted_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
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
      source_key: `order:${orderNumber}:${type}:${id}`,
      created_at: now,
      finalized_at: now,
      ...documentColumns(data),
    })
    .execute();
  await insertDocumentFile(
    db,
    id,
    { kind: 'pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF-1.4\n% ${number}\n%%EOF\n`) },
    now,
  );
  return { id, number, orderId, data };
}

/** A real transfer run (contact, marker search, upload, saveVoucher, read-back, booking hook). */
export async function transferNow(
  h: BookingHarness,
  shop: ConnectedShop,
  documentId: string,
): Promise<TransferOutcome> {
  const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId: shop.shop.id, documentId, reason: 'manual' });
  const out = await runTransfer(h.ctx, transferId, { reason: 'manual' });
  if (!out) throw new Error('transfer vanished');
  return out;
}

/** A shop connected to a fresh sandbox account with these accounting settings (validated against the sandbox). */
export async function accountingShop(
  h: BookingHarness,
  accounting: Record<string, unknown> = {},
  opts: { baseUrl?: string } = {},
): Promise<ConnectedShop> {
  const shop = await connectedShop(h, undefined, opts);
  if (Object.keys(accounting).length > 0) await updateAccountingSettings(h.ctx, shop.shop.id, accounting);
  return shop;
}

export function voucherOf(h: BookingHarness, shop: ConnectedShop, documentId: string) {
  const found = h.sandbox.dump(shop.token).vouchers.filter((v) => hasMarker(v.description, documentId));
  if (found.length !== 1) throw new Error(`${found.length} vouchers for ${documentId}`);
  return found[0]!;
}

/** accountDatev id of an SKR number in this sandbox account. */
export function accountId(h: BookingHarness, shop: ConnectedShop, accountNumber: string): number {
  const row = h.sandbox.dump(shop.token).receiptGuidance.find((g) => g.accountNumber === accountNumber);
  if (!row) throw new Error(`no account ${accountNumber}`);
  return row.accountDatevId;
}

/** sevDesk calls that change something (POST/PUT/DELETE) made with this account's token. */
export function writeCalls(h: BookingHarness, shop: ConnectedShop): number {
  return Object.entries(h.sandbox.calls(shop.token).routes)
    .filter(([route]) => !route.startsWith('GET '))
    .reduce((n, [, count]) => n + count, 0);
}

/** The positions of a voucher as (SKR number, rate %, gross minor), in the order sevDesk holds them. */
export function positionsOf(h: BookingHarness, shop: ConnectedShop, documentId: string) {
  const guidance = h.sandbox.dump(shop.token).receiptGuidance;
  return voucherOf(h, shop, documentId).positions.map((p) => ({
    account: guidance.find((g) => g.accountDatevId === p.accountDatev)?.accountNumber ?? String(p.accountDatev),
    rate: p.taxRateBp / 100,
    gross: p.sumGross,
    tax: p.sumTax,
  }));
}

/** Berlin midnight of an ISO date as epoch seconds (how the sandbox stores voucher dates). */
export function berlinMidnightEpoch(iso: string): number {
  const noonUtc = Date.parse(`${iso}T12:00:00Z`);
  const offsetH = new Date(noonUtc).toLocaleString('en-US', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hour12: false,
  });
  return Math.round(noonUtc / 1000) - 12 * 3600 - (Number(offsetH) - 12) * 3600;
}
