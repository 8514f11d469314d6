import type { Db } from '../../db/database.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import type { AppContext } from '../context.js';
import { CUSTOMER_SYNC_QUEUE } from './queues.js';

/** Coalescing window: ten quick edits within it cause one sevDesk update. */
export const CUSTOMER_SYNC_DELAY_MS = 5_000;

/**
 * Called inside the transaction that stored a customer change (webhook, API, admin). While a sync job for this
 * customer is pending, the dedupe key swallows further requests; the job reads the latest data when it runs.
 * While one is *running* (its key is still taken), the change goes to a second key, so it is never lost: that
 * follow-up job compares the synced hash with the then-current data and writes only if they differ.
 */
export async function onCustomerChanged(tx: Db, ctx: AppContext, shop: Shop, customerId: string): Promise<void> {
  if (!shop.settings.sevdesk.active || !shop.settings.sevdesk.customerSync) return;
  const runAt = ctx.now().getTime() + CUSTOMER_SYNC_DELAY_MS;
  for (const dedupeKey of [`customer:${customerId}`, `customer:${customerId}:next`]) {
    const jobId = await ctx.queue.enqueue(tx, {
      queue: CUSTOMER_SYNC_QUEUE,
      payload: { customerId },
      shopId: shop.id,
      dedupeKey,
      runAt,
    });
    if (jobId !== null) return;
  }
}
