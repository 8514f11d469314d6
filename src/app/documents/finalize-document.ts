import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { replaceSearchTerms } from '../../db/repos/documents-list.repo.js';
import { findDocument, insertDocumentFile, markFinalized, type StoredDocument } from '../../db/repos/documents.repo.js';
import { takeNextNumber } from '../../db/repos/number-sequences.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { berlinDate } from '../../domain/documents/dates.js';
import type { DocumentData } from '../../domain/documents/document.js';
import { formatDocumentNumber, numberSequencePeriod } from '../../domain/documents/numbering.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { buildCiiXml, EInvoiceDataError } from '../../render/einvoice/build-cii.js';
import { facturxFromPdf } from '../../render/einvoice/embed-facturx.js';
import { missingSellerFields } from '../../render/einvoice/validate-seller.js';
import { renderDocumentPdf } from '../../render/pdf/render-document-pdf.js';
import type { AppContext } from '../context.js';
import { onDocumentFinalized } from '../transfer/enqueue-transfer.js';
import { wantsEInvoice, xrechnungBuyerReference } from './e-invoice-policy.js';
import { documentSearchTerms } from './search-terms.js';

// Finalization: number, issue date, rendered files and the immutable status in ONE transaction, with the
// transfer enqueued in it. A failure anywhere (rendering included) leaves the draft as it was and returns the
// number to the sequence, so numbers stay gapless and no finalized document lacks its PDF.

export interface FinalizedDocument {
  document: StoredDocument;
  files: { kind: string; contentType: string; bytes: number; sha256: string }[];
  /** Wall-clock time of the transaction, for the operator's log. */
  ms: number;
}

export interface FinalizeOptions {
  /** YYYY-MM-DD; default today in Berlin. */
  issueDate?: string;
  /** The caller's transaction to join (never the outer db inside a transaction: one SQLite connection). */
  tx?: Db;
}

export class SellerProfileIncompleteError extends AppError {
  constructor(fields: { field: string; message: string }[]) {
    super(
      'conflict',
      'seller_profile_incomplete',
      `The seller profile lacks what this e-invoice needs: ${fields.map((f) => `seller.${f.field}`).join(', ')}.`,
      { issues: fields.map((f) => ({ path: `seller.${f.field}`, message: f.message })) },
    );
  }
}

interface RenderedFile {
  kind: string;
  contentType: string;
  content: Buffer;
}

async function renderFiles(
  shop: Shop,
  data: DocumentData,
  number: string,
  originalInvoice: { number: string; issueDate: string } | null,
  eInvoice: boolean,
  xrechnungReference: string | null,
): Promise<RenderedFile[]> {
  const pdfInput = { doc: data, number, seller: shop.seller, lang: 'de' as const, originalInvoice };
  const pdf = await renderDocumentPdf(pdfInput);
  const files: RenderedFile[] = [{ kind: 'pdf', contentType: 'application/pdf', content: pdf }];
  if (eInvoice) {
    const buyerReference = data.customer.buyerReference?.trim() || null;
    let xml: string;
    let xrechnung: string | null = null;
    try {
      xml = buildCiiXml({
        doc: data,
        number,
        seller: shop.seller,
        profile: 'EN16931',
        buyerReference,
        originalInvoice,
      });
      if (xrechnungReference) {
        xrechnung = buildCiiXml({
          doc: data,
          number,
          seller: shop.seller,
          profile: 'XRECHNUNG',
          buyerReference: xrechnungReference,
          originalInvoice,
        });
      }
    } catch (e) {
      if (e instanceof EInvoiceDataError) {
        throw new AppError('conflict', 'einvoice_not_possible', `No valid e-invoice can be built: ${e.message}`, {
          issues: e.missing.map((m) => ({ path: m.field, message: m.message })),
        });
      }
      throw e;
    }
    files.push({ kind: 'xml', contentType: 'application/xml', content: Buffer.from(xml, 'utf8') });
    // The hybrid: the same visual PDF with the XML embedded as factur-x.xml (PDF/A-3b, Factur-X EN 16931),
    // attached to the PDF rendered above rather than rendered a second time.
    const facturx = await facturxFromPdf(pdf, pdfInput, xml);
    files.push({ kind: 'facturx', contentType: 'application/pdf', content: facturx });
    if (xrechnung) files.push({ kind: 'xrechnung', contentType: 'application/xml', content: Buffer.from(xrechnung) });
  }
  return files;
}

/** Finalize a draft. Inside a caller's transaction it joins it (the caller decides about savepoints). */
export async function finalizeDocument(
  ctx: AppContext,
  shop: Shop,
  documentId: string,
  opts: FinalizeOptions = {},
): Promise<FinalizedDocument> {
  const started = performance.now();
  const result = await inTransaction(opts.tx ?? ctx.db, async (tx) => {
    const draft = await findDocument(tx, documentId);
    if (!draft || draft.shopId !== shop.id) throw notFound(`Document ${documentId}`);
    if (draft.status !== 'draft') {
      throw conflict('already_finalized', `Document ${documentId} is already finalized as ${draft.number}.`);
    }
    const issueDate = opts.issueDate ?? berlinDate(ctx.now().toISOString());
    const data: DocumentData = { ...draft.data, issueDate };
    // An XRechnung goes with the e-invoice: a shop producing XRechnungen issues one whenever the buyer's
    // Leitweg-ID is known, even to a buyer without a VAT id (public authorities have none).
    const xrechnungReference = xrechnungBuyerReference(shop, data);
    const eInvoice = wantsEInvoice(shop, data) || xrechnungReference !== null;
    if (eInvoice) {
      const missing = missingSellerFields(shop.seller, data, {
        profile: xrechnungReference ? 'XRECHNUNG' : 'EN16931',
      });
      if (missing.length > 0) throw new SellerProfileIncompleteError(missing);
    }

    const format = shop.settings.numbering[draft.type];
    const seq = await takeNextNumber(tx, shop.id, draft.type, numberSequencePeriod(format, issueDate));
    const number = formatDocumentNumber(format, { date: issueDate, seq });
    const finalizedAt = ctx.now().toISOString();
    // Guarded draft → finalized: a concurrent finalization of the same draft finds no draft and rolls back.
    if (!(await markFinalized(tx, draft.id, { number, issueDate, data, finalizedAt }))) {
      throw conflict('already_finalized', `Document ${documentId} was finalized concurrently.`);
    }

    const original = draft.cancelsDocumentId ? await findDocument(tx, draft.cancelsDocumentId) : null;
    const originalInvoice =
      original?.number && original.issueDate ? { number: original.number, issueDate: original.issueDate } : null;
    const files = await renderFiles(shop, data, number, originalInvoice, eInvoice, xrechnungReference);
    for (const file of files) await insertDocumentFile(tx, draft.id, file, finalizedAt);
    await replaceSearchTerms(tx, shop.id, draft.id, documentSearchTerms(data, number));
    await onDocumentFinalized(tx, ctx, shop, draft.id);

    const document = await findDocument(tx, draft.id);
    return {
      document: document!,
      files: files.map((f) => ({
        kind: f.kind,
        contentType: f.contentType,
        bytes: f.content.length,
        sha256: createHash('sha256').update(f.content).digest('hex'),
      })),
    };
  });
  const ms = Math.round(performance.now() - started);
  if (!opts.tx) ctx.onJobsEnqueued?.();
  ctx.logger.info(
    { shopId: shop.id, documentId, number: result.document.number, ms, files: result.files.map((f) => f.kind) },
    'document finalized',
  );
  return { ...result, ms };
}
