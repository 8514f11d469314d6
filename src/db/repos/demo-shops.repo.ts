import type { Db } from '../database.js';

// Which shops the first-run demo created, by kind ('standard', 'small_business').

export async function findDemoShops(db: Db): Promise<{ shopId: string; kind: string; createdAt: string }[]> {
  const rows = await db.selectFrom('demo_shops').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ shopId: r.shop_id, kind: r.kind, createdAt: r.created_at }));
}

export async function insertDemoShop(db: Db, row: { shopId: string; kind: string; createdAt: string }): Promise<void> {
  await db
    .insertInto('demo_shops')
    .values({ shop_id: row.shopId, kind: row.kind, created_at: row.createdAt })
    .execute();
}
