import { sql } from 'kysely';
import type { CustomerSnapshot } from '../../domain/documents/document.js';
import type { CustomersTable, Db } from '../database.js';

export interface StoredCustomer {
  id: string;
  shopId: string;
  externalId: string;
  email: string | null;
  data: CustomerSnapshot;
  sourceModifiedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toStoredCustomer(row: CustomersTable): StoredCustomer {
  return {
    id: row.id,
    shopId: row.shop_id,
    externalId: row.external_id,
    email: row.email,
    data: JSON.parse(row.data) as CustomerSnapshot,
    sourceModifiedAt: row.source_modified_at,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findCustomerByExternalId(
  db: Db,
  shopId: string,
  externalId: string,
): Promise<StoredCustomer | null> {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toStoredCustomer(row) : null;
}

export async function findCustomer(db: Db, id: string): Promise<StoredCustomer | null> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredCustomer(row) : null;
}

/** Insert unless it exists (a concurrent insert of the same customer waits for the other transaction). */
export async function insertCustomerIfAbsent(
  tx: Db,
  row: Omit<CustomersTable, 'created_at' | 'updated_at'>,
  now: string,
): Promise<boolean> {
  const res = await tx
    .insertInto('customers')
    .values({ ...row, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['shop_id', 'external_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Lock (PostgreSQL row lock; SQLite holds the write lock already) and read the customer for a change. */
export async function lockCustomer(tx: Db, shopId: string, externalId: string): Promise<StoredCustomer | null> {
  await tx
    .updateTable('customers')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('shop_id', '=', shopId)
    .where('external_id', '=', externalId)
    .execute();
  return findCustomerByExternalId(tx, shopId, externalId);
}

export async function updateCustomer(
  tx: Db,
  id: string,
  change: Pick<CustomersTable, 'email' | 'data' | 'source_modified_at' | 'deleted_at'>,
  now: string,
): Promise<void> {
  await tx
    .updateTable('customers')
    .set({ ...change, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Soft delete: documents keep their snapshot; the sevDesk contact is not removed. */
export async function markCustomerDeleted(
  tx: Db,
  id: string,
  sourceModifiedAt: string | null,
  now: string,
): Promise<void> {
  await tx
    .updateTable('customers')
    .set({ deleted_at: now, updated_at: now, source_modified_at: sourceModifiedAt })
    .where('id', '=', id)
    .execute();
}

/**
 * A registered customer's data as their newest order has it, for shops that send no customer records. Newest by
 * order date (createdAt), not by modification: status changes, refunds and notes touch old orders all the time,
 * but only a new checkout carries the address the customer gives today. Deleted orders do not count.
 */
export async function customerOfNewestOrder(
  db: Db,
  shopId: string,
  customerId: string,
): Promise<CustomerSnapshot | null> {
  // Indexed (migration 0007); the same order date: the order stored later wins (ids grow with time).
  const row = await db
    .selectFrom('orders')
    .select(['data'])
    .where('shop_id', '=', shopId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .where('placed_at', 'is not', null)
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const newest = { customer: (JSON.parse(row.data) as { customer?: CustomerSnapshot }).customer ?? null };
  return newest?.customer ?? null;
}
