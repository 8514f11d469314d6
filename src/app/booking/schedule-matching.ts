import { listShops } from '../../db/repos/shops.repo.js';
import type { AppContext } from '../context.js';
import { MATCH_TRANSACTIONS_QUEUE } from './queues.js';

// The match job runs per shop: triggered soon after a document becomes due (debounced, so a burst of transfers is
// matched with one transaction listing), and re-scheduled by itself for the next due check — at the latest after
// SWEEP_INTERVAL_MS, so the sweeper (transferred-but-unbooked documents, orders paid later) keeps running while
// booking is on. Nothing here runs inside a caller's transaction.

/** Wait this long after a trigger so documents transferred together share one listing. */
export const MATCH_DEBOUNCE_MS = 60_000;
/** The sweeper runs at least this often while booking is enabled. */
export const SWEEP_INTERVAL_MS = 60 * 60_000;

const triggerKey = (shopId: string) => `booking-match:${shopId}`;

/** Ask for a match run of the shop at `runAt` (deduplicated while one is pending). */
export async function requestMatchRun(ctx: AppContext, shopId: string, runAt: number): Promise<void> {
  const id = await ctx.queue.enqueue(ctx.db, {
    queue: MATCH_TRANSACTIONS_QUEUE,
    payload: { shopId },
    shopId,
    runAt,
    dedupeKey: triggerKey(shopId),
  });
  if (id) ctx.onJobsEnqueued?.();
}

/**
 * The next run of the shop's match job, enqueued by the running one (whose own dedupe key is still held, so the
 * successor has none): skipped when a pending run already comes at or before `dueMs`.
 */
export async function scheduleNextMatchRun(ctx: AppContext, shopId: string, dueMs: number): Promise<boolean> {
  const pending = await ctx.queue.list({ queue: MATCH_TRANSACTIONS_QUEUE, shopId, status: 'pending', limit: 20 });
  if (pending.some((j) => j.runAt <= dueMs)) return false;
  await ctx.queue.enqueue(ctx.db, { queue: MATCH_TRANSACTIONS_QUEUE, payload: { shopId }, shopId, runAt: dueMs });
  return true;
}

/**
 * Start the periodic match run of every shop with booking enabled (worker start, `belegfluss booking sweep`,
 * after booking is switched on). Idempotent.
 */
export async function seedBookingSweeps(ctx: AppContext, shopIds?: string[]): Promise<string[]> {
  const shops = (await listShops(ctx.db)).filter(
    (s) => s.settings.booking.enabled && (shopIds === undefined || shopIds.includes(s.id)),
  );
  const now = ctx.now().getTime();
  for (const shop of shops) await requestMatchRun(ctx, shop.id, now);
  return shops.map((s) => s.id);
}
