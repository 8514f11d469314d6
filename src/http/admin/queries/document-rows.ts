import type { Db } from '../../../db/database.js';
import {
  type DocumentListFilter,
  type DocumentListRow,
  listDocuments,
  NOT_TRANSFERRED,
  ordersByIssueDate,
} from '../../../db/repos/documents-list.repo.js';
import { SEVDESK_TARGET } from '../../../app/transfer/enqueue-transfer.js';
import { loadConnectionView } from '../connection-view.js';
import { formatterFor, type Locale, messagesFor } from '../i18n/index.js';
import type { RowContext } from '../partials/document-row.partial.js';

// The rows of the "Buchhaltung" table: the shared keyset list query (documents-list.repo) plus, for the rows of
// the page only, what the table shows besides it (payment method, sevDesk voucher id, booking state, last error).

export interface DocumentRowView {
  id: string;
  shopId: string;
  type: 'invoice' | 'cancellation';
  status: 'draft' | 'finalized';
  number: string | null;
  issueDate: string | null;
  orderNumber: string;
  customerName: string;
  customerEmail: string | null;
  currency: string;
  gross: number;
  paymentMethod: string | null;
  needsAttention: boolean;
  transferState: string | null;
  bookingState: string | null;
  voucherId: string | null;
  lastError: string | null;
  /** JSON {code, de, en}: why the booking waits or needs a person. */
  bookingReason: string | null;
}

interface Extra {
  paymentMethod: string | null;
  bookingState: string | null;
  voucherId: string | null;
  lastError: string | null;
  bookingReason: string | null;
}

async function extrasFor(db: Db, ids: string[]): Promise<Map<string, Extra>> {
  const out = new Map<string, Extra>();
  if (ids.length === 0) return out;
  const [docs, transfers, bookings] = await Promise.all([
    db.selectFrom('documents').select(['id', 'payment_method']).where('id', 'in', ids).execute(),
    db
      .selectFrom('transfers')
      .select(['document_id', 'booking_state', 'sevdesk_voucher_id', 'last_error'])
      .where('document_id', 'in', ids)
      .where('target', '=', SEVDESK_TARGET)
      .execute(),
    db.selectFrom('bookings').select(['document_id', 'reason']).where('document_id', 'in', ids).execute(),
  ]);
  for (const d of docs)
    out.set(d.id, {
      paymentMethod: d.payment_method,
      bookingState: null,
      voucherId: null,
      lastError: null,
      bookingReason: null,
    });
  for (const b of bookings) {
    const e = out.get(b.document_id);
    if (e) e.bookingReason = b.reason;
  }
  for (const t of transfers) {
    const e = out.get(t.document_id);
    if (e) {
      e.bookingState = t.booking_state;
      e.voucherId = t.sevdesk_voucher_id;
      e.lastError = t.last_error;
    }
  }
  return out;
}

function toView(shopId: string, r: DocumentListRow, e: Extra | undefined): DocumentRowView {
  return {
    id: r.id,
    shopId,
    type: r.type,
    status: r.status,
    number: r.number,
    issueDate: r.issueDate,
    orderNumber: r.orderNumber,
    customerName: r.customerName,
    customerEmail: r.customerEmail,
    currency: r.currency,
    gross: r.gross,
    paymentMethod: e?.paymentMethod ?? null,
    needsAttention: r.needsAttention,
    transferState: r.transferState === NOT_TRANSFERRED ? null : r.transferState,
    bookingState: e?.bookingState ?? null,
    voucherId: e?.voucherId ?? null,
    lastError: e?.lastError ?? null,
    bookingReason: e?.bookingReason ?? null,
  };
}

/**
 * The page cursor in the URL: the last row's id, or "<issue date>~<id>" when a date range orders the list by issue
 * date (the list query's keyset). Anything else is ignored, which shows the first page.
 */
export function encodeCursor(filter: DocumentListFilter, row: { id: string; issueDate: string | null }): string {
  return ordersByIssueDate(filter) && row.issueDate ? `${row.issueDate}~${row.id}` : row.id;
}

export function decodeCursor(value: string | undefined): DocumentListFilter['after'] {
  const m = value ? /^(?:(\d{4}-\d{2}-\d{2})~)?(doc_[0-9A-Z]{10,40})$/.exec(value) : null;
  if (!m) return undefined;
  return m[1] ? { id: m[2]!, issueDate: m[1] } : { id: m[2]! };
}

/** One page, newest first, and the cursor of the next (older) page — one extra row is read instead of a COUNT. */
export async function loadDocumentPage(
  db: Db,
  shopId: string,
  filter: DocumentListFilter,
): Promise<{ rows: DocumentRowView[]; next: string | null }> {
  const rows = await listDocuments(db, shopId, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const extras = await extrasFor(
    db,
    page.map((r) => r.id),
  );
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => toView(shopId, r, extras.get(r.id))),
    next: rows.length > filter.limit && last ? encodeCursor(filter, last) : null,
  };
}

/** A single row, for the polling and the per-row transfer (same shape as the list). */
export async function loadDocumentRow(db: Db, documentId: string): Promise<DocumentRowView | null> {
  const d = await db
    .selectFrom('documents as d')
    .innerJoin('orders as o', 'o.id', 'd.order_id')
    .leftJoin('transfers as t', (j) => j.onRef('t.document_id', '=', 'd.id').on('t.target', '=', SEVDESK_TARGET))
    .leftJoin('bookings as b', 'b.document_id', 'd.id')
    .select([
      'b.reason as booking_reason',
      'd.id',
      'd.shop_id',
      'd.type',
      'd.status',
      'd.number',
      'd.issue_date',
      'o.number as order_number',
      'd.customer_name',
      'd.customer_email',
      'd.currency',
      'd.gross',
      'd.payment_method',
      'd.needs_attention',
      't.state as transfer_state',
      't.booking_state',
      't.sevdesk_voucher_id',
      't.last_error',
    ])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!d) return null;
  return {
    id: d.id,
    shopId: d.shop_id,
    type: d.type,
    status: d.status,
    number: d.number,
    issueDate: d.issue_date,
    orderNumber: d.order_number,
    customerName: d.customer_name,
    customerEmail: d.customer_email,
    currency: d.currency,
    gross: Number(d.gross),
    paymentMethod: d.payment_method,
    needsAttention: d.needs_attention === 1,
    transferState: d.transfer_state,
    bookingState: d.booking_state,
    voucherId: d.sevdesk_voucher_id,
    lastError: d.last_error,
    bookingReason: d.booking_reason,
  };
}

/** One row with what rendering it alone needs: texts in the request's language and its shop's sevDesk connection. */
export async function loadRowView(
  db: Db,
  id: string,
  locale: Locale,
): Promise<{ row: DocumentRowView; rc: RowContext } | null> {
  const row = await loadDocumentRow(db, id);
  if (!row) return null;
  const connection = await loadConnectionView(db, row.shopId);
  return { row, rc: { t: messagesFor(locale), fmt: formatterFor(locale), locale, connection } };
}
