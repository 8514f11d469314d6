import type { Db } from '../../db/database.js';
import { replaceSearchTerms } from '../../db/repos/documents-list.repo.js';
import {
  documentColumns,
  insertDocument,
  replaceDraftData,
  type StoredDocument,
  toStoredDocument,
} from '../../db/repos/documents.repo.js';
import type { DocumentData } from '../../domain/documents/document.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { documentSearchTerms } from './search-terms.js';

/** Store a new draft with its idempotency key (a second insert of the same key fails on the unique index). */
export async function createDraft(
  tx: Db,
  ctx: AppContext,
  input: { shopId: string; orderId: string; data: DocumentData; sourceKey: string; cancelsDocumentId: string | null },
): Promise<StoredDocument> {
  const row = {
    id: newId('doc', ctx.now().getTime()),
    shop_id: input.shopId,
    order_id: input.orderId,
    type: input.data.type,
    status: 'draft' as const,
    number: null,
    issue_date: null,
    cancels_document_id: input.cancelsDocumentId,
    source_key: input.sourceKey,
    created_at: ctx.now().toISOString(),
    finalized_at: null,
    ...documentColumns(input.data),
  };
  await insertDocument(tx, row);
  await replaceSearchTerms(tx, input.shopId, row.id, documentSearchTerms(input.data, null));
  return toStoredDocument(row);
}

/** Rebuild a draft's data; returns false when nothing changed. */
export async function updateDraft(tx: Db, doc: StoredDocument, data: DocumentData): Promise<boolean> {
  if (JSON.stringify(doc.data) === JSON.stringify(data)) return false;
  await replaceDraftData(tx, doc.id, data);
  await replaceSearchTerms(tx, doc.shopId, doc.id, documentSearchTerms(data, null));
  return true;
}

/** A draft that was never issued may go (e.g. the order was cancelled before its invoice was finalized). */
export async function deleteDraft(tx: Db, doc: StoredDocument): Promise<void> {
  await tx.deleteFrom('document_search_terms').where('document_id', '=', doc.id).execute();
  await tx.deleteFrom('documents').where('id', '=', doc.id).where('status', '=', 'draft').execute();
}
