import type { Db } from '../../db/database.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { REQUEUEABLE_STATES, type TransferState } from '../../domain/transfer/transfer-state.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { TRANSFER_QUEUE } from './queues.js';

// A transfer record per (document, target) is the unit of exactly-once; the job only carries its id.

export const SEVDESK_TARGET = 'sevdesk';

export type TransferReason = 'auto' | 'manual';

/**
 * Create (or reuse) the transfer record of a document and enqueue its job — inside the caller's transaction,
 * so the job exists exactly when the state change that asked for it commits.
 *
 * A stopped transfer (failed, needs attention, paused) goes back to `queued`; one in progress keeps its state and
 * checkpoint (the job continues from there, searching sevDesk before any create); a transferred one stays
 * transferred — a manual request makes the job check that its voucher still exists.
 */
export async function enqueueTransfer(
  tx: Db,
  ctx: AppContext,
  input: { shopId: string; documentId: string; reason: TransferReason },
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
  } else if (existing && (REQUEUEABLE_STATES as readonly string[]).includes(existing.state)) {
    if (existing.state === 'transferred' && input.reason !== 'manual') return { transferId, enqueued: false };
    if (existing.state !== 'transferred') {
      await tx
        .updateTable('transfers')
        .set({ state: 'queued' satisfies TransferState, last_error: null, error_code: null, updated_at: now })
        .where('id', '=', transferId)
        .where('state', '=', existing.state)
        .execute();
    }
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

/**
 * Send stopped transfers of a shop back to the queue (after reconnect or activation), optionally only those
 * stopped for the given reasons. Runs in the caller's transaction.
 */
export async function requeueStoppedTransfers(
  tx: Db,
  ctx: AppContext,
  shopId: string,
  states: TransferState[],
  reasons?: string[],
): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const rows = await tx
      .selectFrom('transfers')
      .select(['id', 'document_id', 'error_code'])
      .where('shop_id', '=', shopId)
      .where('target', '=', SEVDESK_TARGET)
      .where('state', 'in', states)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    for (const row of rows) {
      if (reasons && !reasons.includes(row.error_code ?? '')) continue;
      await enqueueTransfer(tx, ctx, { shopId, documentId: row.document_id, reason: 'auto' });
      count++;
    }
    if (rows.length < 500) return count;
    after = rows[rows.length - 1]!.id;
  }
}
