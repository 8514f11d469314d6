import { findDocument } from '../../db/repos/documents.repo.js';
import { findOrder, lockOrder } from '../../db/repos/orders.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { unusableQuantities } from '../../domain/documents/quantity-rules.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { type FinalizedDocument, finalizeDocument } from './finalize-document.js';
import { type DocumentChange, syncOrderDocuments } from './sync-order-documents.js';

/**
 * Finalize a draft on a person's request (API, CLI, admin), then issue what waited for it (cancellations of
 * refunds that arrived while the invoice was a draft) — in the same transaction. The order's row is locked
 * first, as ingestion does, so a webhook for the same order cannot issue the same follow-up concurrently.
 */
export async function finalizeDraft(
  ctx: AppContext,
  shop: Shop,
  documentId: string,
): Promise<FinalizedDocument & { followUps: DocumentChange[] }> {
  const result = await inTransaction(ctx.db, async (tx) => {
    const doc = await findDocument(tx, documentId);
    if (!doc || doc.shopId !== shop.id) throw notFound(`Document ${documentId}`);
    const known = await findOrder(tx, doc.orderId);
    const order = known ? await lockOrder(tx, shop.id, known.externalId) : null;
    // A person may finalize a draft despite its attention reasons, but not one whose quantities cannot be printed.
    const unusable = doc.status === 'draft' ? unusableQuantities(doc.data) : [];
    if (unusable.length > 0) {
      throw new AppError(
        'conflict',
        'quantity_unusable',
        `Document ${documentId} cannot be finalized: ${unusable.map((u) => u.reason).join(' ')}`,
        { issues: unusable.map((u) => ({ path: `lines.${u.index}.quantity`, message: u.reason })) },
      );
    }
    const finalized = await finalizeDocument(ctx, shop, documentId, { tx });
    const followUps = order ? (await syncOrderDocuments(tx, ctx, shop, order)).changes : [];
    return { ...finalized, followUps };
  });
  ctx.onJobsEnqueued?.();
  return result;
}
