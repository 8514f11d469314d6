import type { Kysely } from 'kysely';

// The customer of an order and when it was placed, as columns: a registered customer known only from orders
// (no customer record) gets the address of their newest order on the sevDesk contact, found by index instead
// of reading every order of the shop (orders.repo.ts keeps the columns in step with `data`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('customer_id', 'text').execute();
  await db.schema.alterTable('orders').addColumn('placed_at', 'text').execute();
  await db.schema
    .createIndex('orders_shop_customer_placed')
    .on('orders')
    .columns(['shop_id', 'customer_id', 'placed_at'])
    .execute();

  // Fill the columns for the orders already stored, a batch at a time (keyset on the id).
  let after = '';
  for (;;) {
    const rows: { id: string; data: string }[] = await db
      .selectFrom('orders')
      .select(['id', 'data'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const { customer_id, placed_at } = orderCustomerColumns(row.data);
      if (customer_id !== null || placed_at !== null)
        await db.updateTable('orders').set({ customer_id, placed_at }).where('id', '=', row.id).execute();
    }
    after = rows[rows.length - 1]!.id;
  }
}

/** Frozen copy of the derivation at the time of this migration (migrations never import moving code). */
function orderCustomerColumns(data: string): { customer_id: string | null; placed_at: string | null } {
  try {
    const order = JSON.parse(data) as { createdAt?: unknown; customer?: { customerId?: unknown } | null };
    const id = order.customer?.customerId;
    const at = typeof order.createdAt === 'string' ? Date.parse(order.createdAt) : Number.NaN;
    return {
      customer_id: typeof id === 'string' && id !== '' ? id : null,
      placed_at: Number.isNaN(at) ? null : new Date(at).toISOString(),
    };
  } catch {
    return { customer_id: null, placed_at: null };
  }
}
