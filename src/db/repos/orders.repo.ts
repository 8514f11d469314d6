import type { NormalizedOrder } from '../../domain/orders/order.js';
import type { Db, OrdersTable } from '../database.js';

export interface StoredOrder {
  id: string;
  shopId: string;
  externalId: string;
  number: string;
  status: string;
  currency: string | null;
  data: NormalizedOrder;
  attention: string[];
  sourceModifiedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toStoredOrder(row: OrdersTable): StoredOrder {
  return {
    id: row.id,
    shopId: row.shop_id,
    externalId: row.external_id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    data: JSON.parse(row.data) as NormalizedOrder,
    attention: JSON.parse(row.attention) as string[],
    sourceModifiedAt: row.source_modified_at,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findOrderByExternalId(db: Db, shopId: string, externalId: string): Promise<StoredOrder | null> {
  const row = await db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toStoredOrder(row) : null;
}

export async function findOrder(db: Db, id: string): Promise<StoredOrder | null> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredOrder(row) : null;
}

export type OrderWrite = Pick<
  OrdersTable,
  'number' | 'status' | 'currency' | 'data' | 'attention' | 'source_modified_at' | 'deleted_at'
>;

/** The indexed columns derived from the order's data (migration 0007): customer and order date. */
export function orderCustomerColumns(data: string): Pick<OrdersTable, 'customer_id' | 'placed_at'> {
  const order = JSON.parse(data) as { createdAt?: unknown; customer?: { customerId?: unknown } | null };
  const id = order.customer?.customerId;
  const at = typeof order.createdAt === 'string' ? Date.parse(order.createdAt) : Number.NaN;
  return {
    customer_id: typeof id === 'string' && id !== '' ? id : null,
    placed_at: Number.isNaN(at) ? null : new Date(at).toISOString(),
  };
}

/**
 * Insert the order unless it exists. On PostgreSQL a concurrent insert of the same order waits here until the
 * other transaction ends, so "absent" is decided once; then `lockOrder` serialises the updates.
 */
export async function insertOrderIfAbsent(
  tx: Db,
  row: { id: string; shop_id: string; external_id: string } & OrderWrite,
  now: string,
): Promise<boolean> {
  const res = await tx
    .insertInto('orders')
    .values({ ...row, ...orderCustomerColumns(row.data), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['shop_id', 'external_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function updateOrder(tx: Db, id: string, change: OrderWrite, now: string): Promise<void> {
  await tx
    .updateTable('orders')
    .set({ ...change, ...orderCustomerColumns(change.data), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Take the order's row lock (PostgreSQL; SQLite already holds the write lock) before reading it for a change. */
export async function lockOrder(tx: Db, shopId: string, externalId: string): Promise<StoredOrder | null> {
  await tx
    .updateTable('orders')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('shop_id', '=', shopId)
    .where('external_id', '=', externalId)
    .execute();
  return findOrderByExternalId(tx, shopId, externalId);
}

export async function setOrderAttention(tx: Db, id: string, attention: string[], now: string): Promise<void> {
  await tx
    .updateTable('orders')
    .set({ attention: JSON.stringify(attention), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markOrderDeleted(tx: Db, id: string, now: string): Promise<void> {
  await tx.updateTable('orders').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}
