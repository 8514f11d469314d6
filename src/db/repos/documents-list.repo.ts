import type { DocumentStatus, DocumentType } from '../../domain/documents/document.js';
import { sql } from 'kysely';
import type { Db } from '../database.js';

// The document list: filters that each map onto an index ordered by id, and keyset pagination by id
// (ids are time-sortable, so "newest first" is "id descending"). No COUNT(*): it would read every row.

/** The one transfer target whose state the list shows. */
const TRANSFER_TARGET = 'sevdesk';
export const NOT_TRANSFERRED = 'not_transferred';

export interface DocumentListFilter {
  type?: DocumentType | undefined;
  status?: DocumentStatus | undefined;
  /** A transfers.state, or 'not_transferred' for documents without a transfer record. */
  transferState?: string | undefined;
  /** Issue dates, inclusive (YYYY-MM-DD). Drafts have no issue date and drop out of a date-filtered list. */
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  needsAttention?: boolean | undefined;
  /** Lower-cased prefix, matched against the document's search terms. */
  termPrefix?: string | undefined;
  /** How to match it: collect the matches (few), or probe documents newest first (many). Default: decided by count. */
  termMatch?: 'list' | 'probe' | undefined;
  /**
   * Keyset position of the last row of the previous page. Lists are ordered by id (newest first), or, when an
   * issue-date range is given, by (issue date, id): then the range is read from the issue-date index in order.
   */
  after?: { id: string; issueDate?: string | null } | undefined;
  limit: number;
}

/** Which order (and so which cursor) a filter uses. */
export const ordersByIssueDate = (f: Pick<DocumentListFilter, 'issuedFrom' | 'issuedTo'>) =>
  Boolean(f.issuedFrom || f.issuedTo);

export interface DocumentListRow {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  number: string | null;
  issueDate: string | null;
  orderId: string;
  orderNumber: string;
  customerName: string;
  customerEmail: string | null;
  currency: string;
  net: number;
  tax: number;
  gross: number;
  taxCase: string | null;
  needsAttention: boolean;
  cancelsDocumentId: string | null;
  transferState: string;
  createdAt: string;
  finalizedAt: string | null;
}

/**
 * Terms are stored hex-encoded (UTF-8 bytes): hex digits sort the same under every collation (PostgreSQL may use
 * a linguistic one that ignores "-" and "@"), so `key >= hex(p) AND key < hex(p) + 'g'` is an exact prefix range
 * on both engines, read from the primary key.
 */
export const searchKey = (term: string) => Buffer.from(term, 'utf8').toString('hex');
const AFTER_HEX = 'g';

/**
 * Above this many matching search terms, scanning documents newest first and probing each one finds a page
 * sooner than collecting every match and sorting it (and below it, the other way round).
 */
export const DENSE_SEARCH_MATCHES = 5_000;

export function listDocumentsQuery(db: Db, shopId: string, f: DocumentListFilter) {
  const byDate = ordersByIssueDate(f);
  // A transfer state (other than "none") drives the scan from the transfers index (shop_id, state, document_id),
  // read in document order: fast whether the state is rare or common. With a date range the date index leads.
  const state = f.transferState && f.transferState !== NOT_TRANSFERRED && !byDate ? f.transferState : null;
  const documents = () => db.selectFrom('documents as d');
  // CROSS JOIN fixes the loop order on SQLite (transfers outside); PostgreSQL plans it like an inner join.
  const from = state
    ? (db
        .selectFrom('transfers as ts')
        .crossJoin('documents as d')
        .whereRef('d.id', '=', 'ts.document_id')
        .where('ts.shop_id', '=', shopId)
        .where('ts.state', '=', state)
        .where('ts.target', '=', TRANSFER_TARGET) as unknown as ReturnType<typeof documents>)
    : documents();
  let q = from
    .select((eb) => [
      'd.id',
      'd.type',
      'd.status',
      'd.number',
      'd.issue_date',
      'd.order_id',
      // Looked up for the page's rows only: joins here would make the planners read whole tables.
      eb.selectFrom('orders as o').select('o.number').whereRef('o.id', '=', 'd.order_id').as('order_number'),
      'd.customer_name',
      'd.customer_email',
      'd.currency',
      'd.net',
      'd.tax',
      'd.gross',
      'd.tax_case',
      'd.needs_attention',
      'd.cancels_document_id',
      eb
        .selectFrom('transfers as t')
        .select('t.state')
        .whereRef('t.document_id', '=', 'd.id')
        .where('t.target', '=', TRANSFER_TARGET)
        .as('transfer_state'),
      'd.created_at',
      'd.finalized_at',
    ])
    .where('d.shop_id', '=', shopId);
  if (f.type) q = q.where('d.type', '=', f.type);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.needsAttention !== undefined) q = q.where('d.needs_attention', '=', f.needsAttention ? 1 : 0);
  if (f.issuedFrom) q = q.where('d.issue_date', '>=', f.issuedFrom);
  if (f.issuedTo) q = q.where('d.issue_date', '<=', f.issuedTo);
  if (f.transferState === NOT_TRANSFERRED) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('transfers as tx')
            .select('tx.id')
            .whereRef('tx.document_id', '=', 'd.id')
            .where('tx.target', '=', TRANSFER_TARGET),
        ),
      ),
    );
  } else if (f.transferState && !state) {
    const only = f.transferState;
    q = q.where('d.id', 'in', (eb) =>
      eb
        .selectFrom('transfers')
        .select('document_id')
        .where('shop_id', '=', shopId)
        .where('state', '=', only)
        .where('target', '=', TRANSFER_TARGET),
    );
  }
  if (f.termPrefix) {
    const lo = searchKey(f.termPrefix);
    const hi = lo + AFTER_HEX;
    q =
      f.termMatch === 'probe'
        ? q.where(({ exists, selectFrom }) =>
            exists(
              selectFrom('document_search_terms as s')
                .select('s.document_id')
                .whereRef('s.document_id', '=', 'd.id')
                .where('s.term', '>=', lo)
                .where('s.term', '<', hi),
            ),
          )
        : q.where('d.id', 'in', (eb) =>
            eb
              .selectFrom('document_search_terms')
              .select('document_id')
              .where('shop_id', '=', shopId)
              .where('term', '>=', lo)
              .where('term', '<', hi),
          );
  }
  if (byDate) {
    const after = f.after;
    if (after?.issueDate) {
      q = q.where((eb) => eb(eb.refTuple('d.issue_date', 'd.id'), '<', eb.tuple(after.issueDate!, after.id)));
    }
    return q.orderBy('d.issue_date', 'desc').orderBy('d.id', 'desc').limit(f.limit);
  }
  if (state) {
    const documentId = sql.ref<string>('ts.document_id');
    if (f.after) q = q.where(documentId, '<', f.after.id);
    return q.orderBy(documentId, 'desc').limit(f.limit);
  }
  if (f.after) q = q.where('d.id', '<', f.after.id);
  return q.orderBy('d.id', 'desc').limit(f.limit);
}

/** How many search terms match a prefix, counted up to `cap` (an index range read of at most `cap` entries). */
export async function countTermMatches(db: Db, shopId: string, prefix: string, cap: number): Promise<number> {
  const lo = searchKey(prefix);
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('document_search_terms')
        .select('document_id')
        .where('shop_id', '=', shopId)
        .where('term', '>=', lo)
        .where('term', '<', lo + AFTER_HEX)
        .limit(cap)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Decide what the filter leaves open (how to match a search prefix) from a cheap count. */
export async function resolveFilter(db: Db, shopId: string, f: DocumentListFilter): Promise<DocumentListFilter> {
  if (!f.termPrefix || f.termMatch) return f;
  const dense = (await countTermMatches(db, shopId, f.termPrefix, DENSE_SEARCH_MATCHES)) >= DENSE_SEARCH_MATCHES;
  return { ...f, termMatch: dense ? 'probe' : 'list' };
}

export async function listDocuments(db: Db, shopId: string, f: DocumentListFilter): Promise<DocumentListRow[]> {
  const rows = await listDocumentsQuery(db, shopId, await resolveFilter(db, shopId, f)).execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    number: r.number,
    issueDate: r.issue_date,
    orderId: r.order_id,
    orderNumber: r.order_number ?? '',
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    currency: r.currency,
    net: Number(r.net),
    tax: Number(r.tax),
    gross: Number(r.gross),
    taxCase: r.tax_case,
    needsAttention: r.needs_attention === 1,
    cancelsDocumentId: r.cancels_document_id,
    transferState: r.transfer_state ?? NOT_TRANSFERRED,
    createdAt: r.created_at,
    finalizedAt: r.finalized_at,
  }));
}

/** Replace a document's search terms (drafts change; finalization adds the number). */
export async function replaceSearchTerms(tx: Db, shopId: string, documentId: string, terms: string[]): Promise<void> {
  await tx.deleteFrom('document_search_terms').where('document_id', '=', documentId).execute();
  const unique = [...new Set(terms.map(searchKey))];
  if (unique.length === 0) return;
  await tx
    .insertInto('document_search_terms')
    .values(unique.map((term) => ({ shop_id: shopId, term, document_id: documentId })))
    .execute();
}
