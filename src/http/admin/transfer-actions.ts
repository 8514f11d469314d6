import type { AppContext } from '../../app/context.js';
import { SEVDESK_TARGET } from '../../app/transfer/enqueue-transfer.js';
import { requestTransfers } from '../../app/transfer/request-transfers.js';
import { type BulkAction, insertBulkAction } from '../../db/repos/bulk-actions.repo.js';
import { isAppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { isSettled } from './sevdesk-state.js';

// The admin UI's two ways to send documents to sevDesk: the icon of one row and the bulk action. Both use the
// transfer use case requestTransfers (transfer record + job in one transaction, interface must be active); the
// bulk action also keeps its selection so its progress can be shown.

export const MAX_BULK_SELECTION = 500;

export type TransferRefusal = { code: string; de: string; en: string };

/** The localized reason when the use case refuses (e.g. interface not active), else rethrow. */
function refusalOf(e: unknown): TransferRefusal {
  if (isAppError(e) && e.kind !== 'internal') {
    const d = e.detail as { de?: unknown; en?: unknown } | undefined;
    return {
      code: e.code,
      de: typeof d?.de === 'string' ? d.de : e.message,
      en: typeof d?.en === 'string' ? d.en : e.message,
    };
  }
  throw e;
}

export async function transferOneDocument(
  ctx: AppContext,
  documentId: string,
): Promise<{ outcome: 'enqueued' | 'not_found' | 'not_finalized' } | { outcome: 'refused'; reason: TransferRefusal }> {
  const doc = await ctx.db.selectFrom('documents').select(['shop_id']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return { outcome: 'not_found' };
  try {
    const r = await requestTransfers(ctx, doc.shop_id, { documentIds: [documentId] });
    const skipped = r.skipped[0];
    if (skipped) return { outcome: skipped.reason };
    return { outcome: 'enqueued' };
  } catch (e) {
    return { outcome: 'refused', reason: refusalOf(e) };
  }
}

export async function startBulkTransfer(
  ctx: AppContext,
  input: { shopId: string; userId: string; documentIds: string[] },
): Promise<{ bulk: BulkAction; skipped: number } | { refused: TransferRefusal }> {
  const requested = [...new Set(input.documentIds)].slice(0, MAX_BULK_SELECTION);
  let transfers: { documentId: string }[];
  let skipped: number;
  try {
    const r = await requestTransfers(ctx, input.shopId, { documentIds: requested });
    transfers = r.transfers;
    skipped = r.skipped.length;
  } catch (e) {
    return { refused: refusalOf(e) };
  }
  const bulk: BulkAction = {
    id: newId('blk'),
    shopId: input.shopId,
    userId: input.userId,
    kind: 'sevdesk_sync',
    documentIds: transfers.map((t) => t.documentId),
    createdAt: ctx.now().toISOString(),
  };
  await insertBulkAction(ctx.db, bulk);
  return { bulk, skipped };
}

export interface BulkCounts {
  total: number;
  settled: number;
  transferred: number;
  failed: number;
}

/** Progress from the transfer records of the selection (no COUNT over the whole table). */
export async function bulkCounts(ctx: AppContext, bulk: BulkAction): Promise<BulkCounts> {
  const counts: BulkCounts = { total: bulk.documentIds.length, settled: 0, transferred: 0, failed: 0 };
  for (let i = 0; i < bulk.documentIds.length; i += 200) {
    const ids = bulk.documentIds.slice(i, i + 200);
    const rows = await ctx.db
      .selectFrom('transfers')
      .select(['document_id', 'state'])
      .where('document_id', 'in', ids)
      .where('target', '=', SEVDESK_TARGET)
      .execute();
    for (const r of rows) {
      if (!isSettled(r.state)) continue;
      counts.settled++;
      if (r.state === 'transferred') counts.transferred++;
      else counts.failed++;
    }
  }
  return counts;
}
