import type { BulkActionsTable, Db } from '../database.js';

// A bulk action started in the admin UI ("Mit sevDesk synchronisieren"): the selection is kept so that its
// progress (n of m) can be computed from the transfer records while the worker runs.
export interface BulkAction {
  id: string;
  shopId: string;
  userId: string;
  kind: string;
  documentIds: string[];
  createdAt: string;
}

export async function insertBulkAction(db: Db, action: BulkAction): Promise<void> {
  const row: BulkActionsTable = {
    id: action.id,
    shop_id: action.shopId,
    user_id: action.userId,
    kind: action.kind,
    document_ids: JSON.stringify(action.documentIds),
    created_at: action.createdAt,
  };
  await db.insertInto('bulk_actions').values(row).execute();
}

export async function findBulkAction(db: Db, id: string): Promise<BulkAction | null> {
  const row = await db.selectFrom('bulk_actions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    shopId: row.shop_id,
    userId: row.user_id,
    kind: row.kind,
    documentIds: JSON.parse(row.document_ids) as string[],
    createdAt: row.created_at,
  };
}
