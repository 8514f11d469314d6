import { lockOrder, updateOrder } from '../../db/repos/orders.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import type { OrderRefund } from '../../domain/orders/order.js';
import { refundInputSchema } from '../../domain/orders/order-input.schema.js';
import { notFound, validationError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { syncOrderDocuments } from '../documents/sync-order-documents.js';
import { parseInput } from '../shops/parse-input.js';
import type { IngestOrderResult } from './ingest-order.js';
import { mergeRefunds } from './merge-refunds.js';
import { orderFlags } from './order-flags.js';
import { refundFromInput } from './refund-from-input.js';

/** A refund of a stored order (JSON API): added to the order's snapshot, then its partial cancellation. */
export async function ingestRefund(
  ctx: AppContext,
  shop: Shop,
  orderExternalId: string,
  body: unknown,
): Promise<IngestOrderResult> {
  const input = parseInput(refundInputSchema, body, 'refund');
  const result = await inTransaction(ctx.db, async (tx) => {
    const order = await lockOrder(tx, shop.id, orderExternalId);
    if (!order || order.deletedAt) throw notFound(`Order ${orderExternalId}`);
    const parsed = refundFromInput(input, order.data);
    if (!parsed.ok) throw validationError('Invalid refund.', parsed.issues);
    return applyRefund(ctx, shop, order, parsed.value, tx);
  });
  if (result.documents.some((d) => d.action === 'finalized')) ctx.onJobsEnqueued?.();
  return result;
}

async function applyRefund(
  ctx: AppContext,
  shop: Shop,
  order: NonNullable<Awaited<ReturnType<typeof lockOrder>>>,
  refund: OrderRefund,
  tx: Parameters<typeof updateOrder>[0],
): Promise<IngestOrderResult> {
  const existing = order.data.refunds.find((r) => r.refundId === refund.refundId);
  if (existing && JSON.stringify(existing) === JSON.stringify(refund)) {
    return { outcome: 'unchanged', orderId: order.id, documents: [], attention: order.attention };
  }
  const data = { ...order.data, refunds: mergeRefunds(order.data.refunds, [refund]) };
  await updateOrder(
    tx,
    order.id,
    {
      number: order.number,
      status: order.status,
      currency: order.currency,
      data: JSON.stringify(data),
      attention: JSON.stringify(orderFlags(data)),
      source_modified_at: order.sourceModifiedAt,
      deleted_at: null,
    },
    ctx.now().toISOString(),
  );
  const synced = await syncOrderDocuments(tx, ctx, shop, { ...order, data });
  return {
    outcome: existing ? 'updated' : 'created',
    orderId: order.id,
    documents: synced.changes,
    attention: synced.attention,
  };
}
