import { type DocumentFile, findDocumentFile } from '../../db/repos/documents.repo.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';

export const DOCUMENT_FILE_KINDS = ['pdf', 'xml', 'facturx', 'xrechnung'] as const;
export type DocumentFileKind = (typeof DOCUMENT_FILE_KINDS)[number];

/** A stored file of a finalized document, with the file name the download offers. */
export async function getDocumentFile(
  ctx: AppContext,
  shopId: string,
  documentId: string,
  kind: DocumentFileKind,
): Promise<DocumentFile & { filename: string }> {
  const doc = await ctx.db
    .selectFrom('documents')
    .select(['id', 'number', 'type'])
    .where('id', '=', documentId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!doc) throw notFound(`Document ${documentId}`);
  const file = await findDocumentFile(ctx.db, documentId, kind);
  if (!file) throw notFound(`The ${kind} file of document ${documentId}`);
  const base = (doc.number ?? doc.id).replace(/[^A-Za-z0-9._-]/g, '_');
  const ext = kind === 'xml' || kind === 'xrechnung' ? 'xml' : 'pdf';
  const suffix = kind === 'facturx' || kind === 'xrechnung' ? `-${kind}` : '';
  return { ...file, filename: `${base}${suffix}.${ext}` };
}
