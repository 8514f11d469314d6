import type { Db, WebhookDeliveriesTable } from '../database.js';

/** Kept for diagnosis only; bodies beyond this are cut (the outcome and error are always complete). */
export const MAX_STORED_BODY_CHARS = 64 * 1024;

export type DeliveryOutcome = 'processed' | 'duplicate' | 'stale' | 'ping' | 'invalid' | 'ignored' | 'failed';

export async function recordDelivery(db: Db, row: WebhookDeliveriesTable): Promise<void> {
  const body =
    row.body && row.body.length > MAX_STORED_BODY_CHARS ? row.body.slice(0, MAX_STORED_BODY_CHARS) : row.body;
  await db
    .insertInto('webhook_deliveries')
    .values({ ...row, body })
    .execute();
}

/** Was this delivery id already processed (WooCommerce redelivers with the same X-WC-Webhook-Delivery-ID)? */
export async function wasDeliveryProcessed(
  db: Db,
  shopId: string,
  source: string,
  deliveryId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('source', '=', source)
    .where('delivery_id', '=', deliveryId)
    .where('outcome', 'in', ['processed', 'duplicate', 'stale'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface DeliveryView {
  id: string;
  deliveryId: string | null;
  topic: string | null;
  resourceKey: string | null;
  outcome: string;
  error: string | null;
  receivedAt: string;
}

export async function listDeliveries(db: Db, shopId: string, limit = 50): Promise<DeliveryView[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'delivery_id', 'topic', 'resource_key', 'outcome', 'error', 'received_at'])
    .where('shop_id', '=', shopId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    deliveryId: r.delivery_id,
    topic: r.topic,
    resourceKey: r.resource_key,
    outcome: r.outcome,
    error: r.error,
    receivedAt: r.received_at,
  }));
}

/** Delete deliveries received before `cutoff` (ISO), in batches so no single statement holds the lock long. */
export async function deleteDeliveriesBefore(db: Db, cutoff: string, batchSize = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = db.selectFrom('webhook_deliveries').select('id').where('received_at', '<', cutoff).limit(batchSize);
    const res = await db.deleteFrom('webhook_deliveries').where('id', 'in', ids).executeTakeFirst();
    const n = Number(res.numDeletedRows);
    total += n;
    if (n < batchSize) return total;
  }
}
