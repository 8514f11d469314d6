import type { Db } from '../../db/database.js';
import {
  documentsOfOrder,
  findDocumentBySource,
  replaceDraftData,
  type StoredDocument,
} from '../../db/repos/documents.repo.js';
import { setOrderAttention, type StoredOrder } from '../../db/repos/orders.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { buildPartialCancellation, type InvoiceRef } from '../../domain/documents/build-cancellation.js';
import { buildInvoice } from '../../domain/documents/build-invoice.js';
import type { DocumentData } from '../../domain/documents/document.js';
import type { ShopTaxSettings } from '../../domain/tax/determine-tax-case.js';
import { isAppError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { hasValidCurrency, orderFlags } from '../ingest/order-flags.js';
import { createDraft, deleteDraft, updateDraft } from './create-draft.js';
import { finalizeDocument } from './finalize-document.js';
import { buildRemainderCancellation } from './remainder-cancellation.js';
import { withSavepoint } from './savepoint.js';

// The documents an order calls for, derived from its latest snapshot and the shop's settings:
//   status in invoiceOnStatuses           → invoice            (source key order:<id>:invoice)
//   each refund                           → partial cancellation (refund:<id>), its own lines and VAT; the
//                                           refund's problems (OrderRefund.issues) flag it, so it stays a draft
//   status in cancelOnStatuses            → full cancellation of what remains (order:<id>:cancellation)
// Idempotent: every document has a source key, and running this twice changes nothing.
// Runs inside the caller's transaction; automatic finalization happens in a savepoint so a refusal (e.g. an
// incomplete seller profile) leaves a draft with the reason instead of failing the ingestion.

export interface DocumentChange {
  id: string;
  type: DocumentData['type'];
  sourceKey: string;
  action: 'created' | 'updated' | 'finalized' | 'deleted' | 'finalize_refused';
  number: string | null;
  reason?: string;
}

export const invoiceKey = (order: StoredOrder) => `order:${order.externalId}:invoice`;
export const fullCancellationKey = (order: StoredOrder) => `order:${order.externalId}:cancellation`;
export const refundKey = (refundId: string) => `refund:${refundId}`;

export function shopTaxSettings(shop: Shop): ShopTaxSettings {
  return {
    homeCountry: shop.settings.tax.homeCountry,
    smallBusiness: shop.settings.tax.smallBusiness || shop.seller.smallBusiness,
    ossRegistered: shop.settings.tax.ossRegistered,
  };
}

/** The invoice the order calls for right now, with ingestion flags as attention reasons. */
export function invoiceFromOrder(shop: Shop, order: StoredOrder): DocumentData {
  const data = { ...order.data, issues: [...order.data.issues, ...orderFlags(order.data)] };
  return buildInvoice(data, shopTaxSettings(shop));
}

const sameFigures = (a: DocumentData, b: DocumentData) =>
  JSON.stringify([a.lines, a.totals, a.taxCase]) === JSON.stringify([b.lines, b.totals, b.taxCase]);

export async function syncOrderDocuments(
  tx: Db,
  ctx: AppContext,
  shop: Shop,
  order: StoredOrder,
  notes: readonly string[] = [],
): Promise<{ changes: DocumentChange[]; attention: string[] }> {
  const changes: DocumentChange[] = [];
  // A refund's problems stay on the order for as long as the refund has them, cancellation or not.
  const refundIssues = order.data.refunds.flatMap((refund) => refund.issues ?? []);
  const attention: string[] = [...notes, ...orderFlags(order.data), ...refundIssues];
  const settings = shop.settings.documents;
  const cancelled = settings.cancelOnStatuses.includes(order.status);

  const record = (doc: StoredDocument, action: DocumentChange['action'], reason?: string) =>
    changes.push({ id: doc.id, type: doc.type, sourceKey: doc.sourceKey, action, number: doc.number, reason });

  /** Finalize automatically when the shop wants it and nothing needs a person's look. */
  const maybeFinalize = async (doc: StoredDocument): Promise<StoredDocument> => {
    if (!settings.autoFinalize || doc.status !== 'draft' || doc.data.attentionReasons.length > 0) return doc;
    try {
      const { document } = await withSavepoint(tx, () => finalizeDocument(ctx, shop, doc.id, { tx }));
      record(document, 'finalized');
      return document;
    } catch (e) {
      const reason = isAppError(e)
        ? `Automatic finalization refused: ${e.message}`
        : 'Automatic finalization failed with an internal error (see the log).';
      if (!isAppError(e)) ctx.logger.error({ err: e, documentId: doc.id }, 'automatic finalization failed');
      const data = { ...doc.data, attentionReasons: [...doc.data.attentionReasons, reason] };
      await replaceDraftData(tx, doc.id, data);
      record(doc, 'finalize_refused', reason);
      return { ...doc, data, needsAttention: true };
    }
  };

  const finish = async () => {
    const unique = [...new Set(attention)];
    if (JSON.stringify(unique) !== JSON.stringify(order.attention)) {
      await setOrderAttention(tx, order.id, unique, ctx.now().toISOString());
    }
    return { changes, attention: unique };
  };

  if (!hasValidCurrency(order.data) || order.deletedAt) return finish();

  // The invoice. Data the builders cannot even read (an impossible date) is stored and flagged, not a 500.
  let preview: DocumentData;
  try {
    preview = invoiceFromOrder(shop, order);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    attention.push(`No document can be built from this order: ${e.message}`);
    return finish();
  }
  attention.push(...preview.attentionReasons);
  let invoice = await findDocumentBySource(tx, shop.id, invoiceKey(order));
  if (!invoice && settings.invoiceOnStatuses.includes(order.status) && !cancelled) {
    invoice = await createDraft(tx, ctx, {
      shopId: shop.id,
      orderId: order.id,
      data: preview,
      sourceKey: invoiceKey(order),
      cancelsDocumentId: null,
    });
    record(invoice, 'created');
  } else if (invoice?.status === 'draft') {
    if (cancelled) {
      // Never issued, and now not owed: the draft goes, no cancellation is needed.
      await deleteDraft(tx, invoice);
      record(invoice, 'deleted');
      invoice = null;
    } else if (await updateDraft(tx, invoice, preview)) {
      invoice = { ...invoice, data: preview, needsAttention: preview.attentionReasons.length > 0 };
      record(invoice, 'updated');
    }
  } else if (invoice?.status === 'finalized' && !sameFigures(invoice.data, preview)) {
    attention.push(
      `The order changed after invoice ${invoice.number} was finalized; the invoice stays as issued (cancel it and issue a new one if needed).`,
    );
  }
  if (invoice) invoice = await maybeFinalize(invoice);

  // Cancellations refer to a finalized invoice by its number.
  if (!invoice || invoice.status !== 'finalized') {
    if (order.data.refunds.length > 0) {
      attention.push(
        invoice
          ? `${order.data.refunds.length} refund(s) wait until invoice draft ${invoice.id} is finalized.`
          : `${order.data.refunds.length} refund(s) but no invoice for this order; no cancellation is issued.`,
      );
    }
    return finish();
  }
  const ref: InvoiceRef = { documentId: invoice.id, number: invoice.number! };
  const cancellations = (await documentsOfOrder(tx, order.id)).filter((d) => d.cancelsDocumentId === invoice.id);

  for (const refund of order.data.refunds) {
    const key = refundKey(refund.refundId);
    const others = cancellations.filter((d) => d.sourceKey !== key).map((d) => d.data);
    let doc = cancellations.find((d) => d.sourceKey === key) ?? (await findDocumentBySource(tx, shop.id, key));
    if (doc && doc.orderId !== order.id) {
      attention.push(
        `Refund id ${refund.refundId} is already used by another order; refund ids must be unique per shop.`,
      );
      continue;
    }
    let built: DocumentData;
    try {
      built = buildPartialCancellation(invoice.data, ref, refund, { previousCancellations: others });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      attention.push(`No cancellation can be built for refund ${refund.refundId}: ${e.message}`);
      continue;
    }
    if (!doc) {
      doc = await createDraft(tx, ctx, {
        shopId: shop.id,
        orderId: order.id,
        data: built,
        sourceKey: key,
        cancelsDocumentId: invoice.id,
      });
      cancellations.push(doc);
      record(doc, 'created');
    } else if (doc.status === 'draft' && (await updateDraft(tx, doc, built))) {
      doc = { ...doc, data: built, needsAttention: built.attentionReasons.length > 0 };
      record(doc, 'updated');
    }
    const finalized = await maybeFinalize(doc);
    cancellations.splice(
      cancellations.findIndex((d) => d.id === finalized.id),
      1,
      finalized,
    );
  }

  if (cancelled) {
    const key = fullCancellationKey(order);
    let doc = cancellations.find((d) => d.sourceKey === key) ?? null;
    if (!doc) {
      const previous = cancellations.map((d) => d.data);
      const built = buildRemainderCancellation(invoice.data, ref, previous);
      if (built) {
        doc = await createDraft(tx, ctx, {
          shopId: shop.id,
          orderId: order.id,
          data: built,
          sourceKey: key,
          cancelsDocumentId: invoice.id,
        });
        record(doc, 'created');
      }
    }
    if (doc) await maybeFinalize(doc);
  }
  for (const c of cancellations) if (c.needsAttention) attention.push(...c.data.attentionReasons);
  return finish();
}
