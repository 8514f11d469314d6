import { createHash } from 'node:crypto';
import type { DocumentData, DocumentType } from '../../domain/documents/document.js';
import type { Db, DocumentsTable } from '../database.js';

export interface StoredDocument {
  id: string;
  shopId: string;
  orderId: string;
  type: DocumentType;
  status: 'draft' | 'finalized';
  number: string | null;
  issueDate: string | null;
  data: DocumentData;
  needsAttention: boolean;
  cancelsDocumentId: string | null;
  sourceKey: string;
  createdAt: string;
  finalizedAt: string | null;
}

export function toStoredDocument(row: DocumentsTable): StoredDocument {
  return {
    id: row.id,
    shopId: row.shop_id,
    orderId: row.order_id,
    type: row.type,
    status: row.status,
    number: row.number,
    issueDate: row.issue_date,
    data: JSON.parse(row.data) as DocumentData,
    needsAttention: row.needs_attention === 1,
    cancelsDocumentId: row.cancels_document_id,
    sourceKey: row.source_key,
    createdAt: row.created_at,
    finalizedAt: row.finalized_at,
  };
}

/** The list/search columns are derived from the document data here, in one place. */
export function documentColumns(
  data: DocumentData,
): Pick<
  DocumentsTable,
  | 'customer_name'
  | 'customer_email'
  | 'currency'
  | 'net'
  | 'tax'
  | 'gross'
  | 'payment_method'
  | 'paid_at'
  | 'tax_case'
  | 'needs_attention'
  | 'data'
> {
  const b = data.customer.billing;
  const person = [b.firstName, b.lastName].filter(Boolean).join(' ');
  return {
    customer_name: data.customer.company || b.company || person || data.customer.email || '—',
    customer_email: data.customer.email,
    currency: data.currency,
    net: data.totals.net,
    tax: data.totals.tax,
    gross: data.totals.gross,
    payment_method: data.paymentMethodTitle ?? data.paymentMethod,
    paid_at: data.paidAt,
    tax_case: data.taxCase,
    needs_attention: data.attentionReasons.length > 0 ? 1 : 0,
    data: JSON.stringify(data),
  };
}

export async function findDocument(db: Db, id: string): Promise<StoredDocument | null> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredDocument(row) : null;
}

export async function findDocumentBySource(db: Db, shopId: string, sourceKey: string): Promise<StoredDocument | null> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return row ? toStoredDocument(row) : null;
}

export async function documentsOfOrder(db: Db, orderId: string): Promise<StoredDocument[]> {
  const rows = await db.selectFrom('documents').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map(toStoredDocument);
}

export async function insertDocument(db: Db, row: DocumentsTable): Promise<void> {
  await db.insertInto('documents').values(row).execute();
}

/** Drafts may be rebuilt when the order changes; the trigger refuses this once finalized. */
export async function replaceDraftData(db: Db, id: string, data: DocumentData): Promise<void> {
  await db
    .updateTable('documents')
    .set(documentColumns(data))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

/** draft → finalized, with its number and issue date, in one guarded update. */
export async function markFinalized(
  db: Db,
  id: string,
  set: { number: string; issueDate: string; data: DocumentData; finalizedAt: string },
): Promise<boolean> {
  const res = await db
    .updateTable('documents')
    .set({
      ...documentColumns(set.data),
      status: 'finalized',
      number: set.number,
      issue_date: set.issueDate,
      finalized_at: set.finalizedAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface DocumentFile {
  kind: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

export async function insertDocumentFile(
  db: Db,
  documentId: string,
  file: Omit<DocumentFile, 'sha256'>,
  now: string,
): Promise<void> {
  await db
    .insertInto('document_files')
    .values({
      document_id: documentId,
      kind: file.kind,
      content_type: file.contentType,
      content: file.content,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      created_at: now,
    })
    .execute();
}

/** The first of `kinds` (in that order of preference) the document has, in one query. */
export async function findPreferredDocumentFile(
  db: Db,
  documentId: string,
  kinds: readonly string[],
): Promise<DocumentFile | null> {
  if (kinds.length === 0) return null;
  const rows = await db
    .selectFrom('document_files')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('kind', 'in', [...kinds])
    .execute();
  const row = rows.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind))[0];
  return row
    ? { kind: row.kind, contentType: row.content_type, content: Buffer.from(row.content), sha256: row.sha256 }
    : null;
}

export async function findDocumentFile(db: Db, documentId: string, kind: string): Promise<DocumentFile | null> {
  const row = await db
    .selectFrom('document_files')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row
    ? { kind: row.kind, contentType: row.content_type, content: Buffer.from(row.content), sha256: row.sha256 }
    : null;
}
