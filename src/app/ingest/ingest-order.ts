import type { Db } from '../../db/database.js';
import {
  findOrderByExternalId,
  insertOrderIfAbsent,
  lockOrder,
  type OrderWrite,
  type StoredOrder,
  updateOrder,
} from '../../db/repos/orders.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import type { NormalizedOrder } from '../../domain/orders/order.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { type DocumentChange, syncOrderDocuments } from '../documents/sync-order-documents.js';
import { mergeRefunds } from './merge-refunds.js';
import { orderFlags } from './order-flags.js';

// One order snapshot in: upsert by (shop, external id), ignore what is older than what we have, keep the
// normalized snapshot, then create/finalize the documents it calls for — all in one transaction.

export type IngestOutcome = 'created' | 'updated' | 'unchanged' | 'stale';

export interface IngestOrderInput {
  order: NormalizedOrder;
  /** The shop's modification stamp (WooCommerce date_modified_gmt); older deliveries are ignored. */
  sourceModifiedAt?: string | null;
  /** Problems found on the way in (e.g. refund details not fetched), shown with the order's attention reasons. */
  notes?: string[];
}

export interface IngestOrderResult {
  outcome: IngestOutcome;
  orderId: string;
  documents: DocumentChange[];
  attention: string[];
}

const toMs = (iso: string | null | undefined) => {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
};

/** Is `incoming` older than what is stored? Unknown stamps never count as stale. */
export function isStale(stored: string | null, incoming: string | null | undefined): boolean {
  const a = toMs(stored);
  const b = toMs(incoming);
  return a !== null && b !== null && b < a;
}

function orderWrite(order: NormalizedOrder, sourceModifiedAt: string | null): OrderWrite {
  return {
    number: order.number || order.shopOrderId,
    status: order.status,
    currency: order.currency || null,
    data: JSON.stringify(order),
    attention: JSON.stringify(orderFlags(order)),
    source_modified_at: sourceModifiedAt,
    deleted_at: null,
  };
}

/** Store a snapshot inside the caller's transaction; returns the stored order and whether it changed. */
export async function storeOrderSnapshot(
  tx: Db,
  ctx: AppContext,
  shop: Shop,
  input: IngestOrderInput,
): Promise<{ outcome: IngestOutcome; order: StoredOrder }> {
  const now = ctx.now().toISOString();
  const externalId = input.order.shopOrderId;
  const modifiedAt = input.sourceModifiedAt ?? null;
  const id = newId('ord', ctx.now().getTime());
  const inserted = await insertOrderIfAbsent(
    tx,
    { id, shop_id: shop.id, external_id: externalId, ...orderWrite(input.order, modifiedAt) },
    now,
  );
  if (inserted) return { outcome: 'created', order: (await findOrderByExternalId(tx, shop.id, externalId))! };

  const existing = (await lockOrder(tx, shop.id, externalId))!;
  if (isStale(existing.sourceModifiedAt, modifiedAt)) return { outcome: 'stale', order: existing };
  const merged: NormalizedOrder = { ...input.order, refunds: mergeRefunds(existing.data.refunds, input.order.refunds) };
  const write = orderWrite(merged, modifiedAt ?? existing.sourceModifiedAt);
  const same =
    write.data === JSON.stringify(existing.data) &&
    existing.deletedAt === null &&
    (write.source_modified_at ?? null) === (existing.sourceModifiedAt ?? null);
  if (same) return { outcome: 'unchanged', order: existing };
  await updateOrder(tx, existing.id, write, now);
  return { outcome: 'updated', order: (await findOrderByExternalId(tx, shop.id, externalId))! };
}

export async function ingestOrder(
  ctx: AppContext,
  shop: Shop,
  input: IngestOrderInput,
  /** Written in the same transaction once the result is known (the webhook's delivery log: one commit, not two). */
  record?: (tx: Db, result: IngestOrderResult) => Promise<void>,
): Promise<IngestOrderResult> {
  const result = await inTransaction(ctx.db, async (tx): Promise<IngestOrderResult> => {
    const { outcome, order } = await storeOrderSnapshot(tx, ctx, shop, input);
    const r: IngestOrderResult =
      outcome === 'stale' || outcome === 'unchanged'
        ? { outcome, orderId: order.id, documents: [], attention: order.attention }
        : await syncOrderDocuments(tx, ctx, shop, order, input.notes ?? []).then((synced) => ({
            outcome,
            orderId: order.id,
            documents: synced.changes,
            attention: synced.attention,
          }));
    await record?.(tx, r);
    return r;
  });
  if (result.documents.some((d) => d.action === 'finalized')) ctx.onJobsEnqueued?.();
  ctx.logger.info(
    {
      shopId: shop.id,
      orderId: result.orderId,
      externalId: input.order.shopOrderId,
      outcome: result.outcome,
      documents: result.documents.map((d) => `${d.action}:${d.type}`),
    },
    'order ingested',
  );
  return result;
}
