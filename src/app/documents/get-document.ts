import { findDocument, type StoredDocument } from '../../db/repos/documents.repo.js';
import type { DocumentData } from '../../domain/documents/document.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';

export interface DocumentDetail {
  id: string;
  type: StoredDocument['type'];
  status: StoredDocument['status'];
  number: string | null;
  issueDate: string | null;
  orderId: string;
  orderNumber: string;
  sourceKey: string;
  cancelsDocumentId: string | null;
  /** Cancellations issued against this invoice. */
  cancelledBy: { id: string; number: string | null; status: StoredDocument['status'] }[];
  taxCase: DocumentData['taxCase'];
  needsAttention: boolean;
  attentionReasons: string[];
  currency: string;
  totals: DocumentData['totals'];
  lines: DocumentData['lines'];
  customer: DocumentData['customer'];
  deliveryDate: string;
  paymentMethod: string | null;
  paidAt: string | null;
  splitByProportion: boolean;
  notes: string[];
  files: { kind: string; contentType: string; sha256: string; href: string }[];
  transfer: { state: string; updatedAt: string; lastError: string | null } | null;
  createdAt: string;
  finalizedAt: string | null;
}

const FILE_PATHS: Record<string, string> = { pdf: 'pdf', xml: 'xml', facturx: 'facturx', xrechnung: 'xrechnung' };

export async function getDocument(ctx: AppContext, shopId: string, documentId: string): Promise<DocumentDetail> {
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.shopId !== shopId) throw notFound(`Document ${documentId}`);
  const [order, files, transfer, cancelledBy] = await Promise.all([
    ctx.db.selectFrom('orders').select('number').where('id', '=', doc.orderId).executeTakeFirst(),
    ctx.db
      .selectFrom('document_files')
      .select(['kind', 'content_type', 'sha256'])
      .where('document_id', '=', doc.id)
      .orderBy('kind')
      .execute(),
    ctx.db
      .selectFrom('transfers')
      .select(['state', 'updated_at', 'last_error'])
      .where('document_id', '=', doc.id)
      .where('target', '=', 'sevdesk')
      .executeTakeFirst(),
    ctx.db
      .selectFrom('documents')
      .select(['id', 'number', 'status'])
      .where('cancels_document_id', '=', doc.id)
      .orderBy('id')
      .execute(),
  ]);
  const base = `/api/v1/shops/${shopId}/documents/${doc.id}`;
  return {
    id: doc.id,
    type: doc.type,
    status: doc.status,
    number: doc.number,
    issueDate: doc.issueDate,
    orderId: doc.orderId,
    orderNumber: order?.number ?? doc.data.orderNumber,
    sourceKey: doc.sourceKey,
    cancelsDocumentId: doc.cancelsDocumentId,
    cancelledBy,
    taxCase: doc.data.taxCase,
    needsAttention: doc.needsAttention,
    attentionReasons: doc.data.attentionReasons,
    currency: doc.data.currency,
    totals: doc.data.totals,
    lines: doc.data.lines,
    customer: doc.data.customer,
    deliveryDate: doc.data.deliveryDate,
    paymentMethod: doc.data.paymentMethodTitle ?? doc.data.paymentMethod,
    paidAt: doc.data.paidAt,
    splitByProportion: doc.data.splitByProportion ?? false,
    notes: doc.data.notes,
    files: files.map((f) => ({
      kind: f.kind,
      contentType: f.content_type,
      sha256: f.sha256,
      href: `${base}/${FILE_PATHS[f.kind] ?? f.kind}`,
    })),
    transfer: transfer
      ? { state: transfer.state, updatedAt: transfer.updated_at, lastError: transfer.last_error }
      : null,
    createdAt: doc.createdAt,
    finalizedAt: doc.finalizedAt,
  };
}
