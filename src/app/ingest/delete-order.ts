import { lockOrder, markOrderDeleted } from '../../db/repos/orders.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import type { AppContext } from '../context.js';

/**
 * The shop deleted (or trashed) an order: soft delete. Issued documents stay as they are — accounting records
 * are never withdrawn by deleting the order; a cancellation is what reverses an invoice.
 */
export async function deleteOrder(
  ctx: AppContext,
  shop: Shop,
  externalId: string,
): Promise<{ outcome: 'deleted' | 'unchanged' | 'unknown'; orderId: string | null }> {
  return inTransaction(ctx.db, async (tx) => {
    const order = await lockOrder(tx, shop.id, externalId);
    if (!order) return { outcome: 'unknown' as const, orderId: null };
    if (order.deletedAt) return { outcome: 'unchanged' as const, orderId: order.id };
    await markOrderDeleted(tx, order.id, ctx.now().toISOString());
    return { outcome: 'deleted' as const, orderId: order.id };
  });
}
