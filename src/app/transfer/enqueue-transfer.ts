import type { Db } from '../../db/database.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { TRANSFER_QUEUE } from './queues.js';

// A transfer record per (document, target) is the unit of exactly-once; the job only carries its id.

export const SEVDESK_TARGET = 'sevdesk';

/**
 * Create (or reuse) the transfer record of a document and enqueue its job — inside the caller's transaction,
 * so the job exists exactly when the state change that asked for it commits.
 */
export async function enqueueTransfer(
  tx: Db,
  ctx: AppContext,
  input: { shopId: string; documentId: string; reason: 'auto' | 'manual' },
): Promise<{ transferId: string; enqueued: boolean }> {
  const now = ctx.now().toISOString();
  const existing = await tx
    .selectFrom('transfers')
    .select(['id', 'state'])
    .where('document_id', '=', input.documentId)
    .where('target', '=', SEVDESK_TARGET)
    .executeTakeFirst();
  let transferId = existing?.id;
  if (!transferId) {
    transferId = newId('trf');
    await tx
      .insertInto('transfers')
      .values({
        id: transferId,
        shop_id: input.shopId,
        document_id: input.documentId,
        target: SEVDESK_TARGET,
        state: 'queued',
        checkpoint: '{}',
        sevdesk_voucher_id: null,
        sevdesk_contact_id: null,
        booking_state: null,
        last_error: null,
        attempts: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } else if (existing && existing.state !== 'transferred') {
    await tx.updateTable('transfers').set({ state: 'queued', updated_at: now }).where('id', '=', transferId).execute();
  }
  const jobId = await ctx.queue.enqueue(tx, {
    queue: TRANSFER_QUEUE,
    payload: { transferId, reason: input.reason },
    shopId: input.shopId,
    dedupeKey: `transfer:${transferId}`,
  });
  return { transferId, enqueued: jobId !== null };
}

/** Called by the finalize use case inside its transaction: automatic transfer when the interface is active. */
export async function onDocumentFinalized(tx: Db, ctx: AppContext, shop: Shop, documentId: string): Promise<void> {
  if (!shop.settings.sevdesk.active || !shop.settings.sevdesk.autoTransfer) return;
  await enqueueTransfer(tx, ctx, { shopId: shop.id, documentId, reason: 'auto' });
}
