import {
  listPausedShopIds,
  markConnectionInvalid,
  type SevdeskConnection,
} from '../../db/repos/sevdesk-connections.repo.js';
import type { SevdeskAuthError } from '../../integrations/sevdesk/sevdesk-errors.js';
import type { Logger } from '../../lib/logger.js';
import type { AppContext } from '../context.js';

// 401/403 from sevDesk: the shop's connection is marked invalid and its queue pauses (pending jobs deferred, the
// worker stops claiming them) — no retry storm against a token sevDesk may block. Reconnecting resumes it.

/** How far paused jobs are pushed back; reconnecting brings them forward again. */
export const PAUSE_MS = 30 * 24 * 60 * 60_000;

export async function pauseShopForAuth(
  ctx: AppContext,
  connection: Pick<SevdeskConnection, 'shopId' | 'connectionId'>,
  error: SevdeskAuthError,
): Promise<void> {
  const now = ctx.now();
  const changed = await markConnectionInvalid(
    ctx.db,
    connection.shopId,
    error.localized,
    now.toISOString(),
    connection.connectionId,
  );
  await ctx.queue.deferShop(connection.shopId, now.getTime() + PAUSE_MS);
  if (changed)
    ctx.logger.warn(
      { shopId: connection.shopId, status: error.status },
      'sevDesk authentication no longer valid: the shop’s transfers are paused until it is reconnected',
    );
}

/**
 * Bring the jobs a pause deferred back to now. Deferred jobs run no earlier than pausedAt + PAUSE_MS; jobs that
 * were scheduled later than that for their own reasons are indistinguishable and come forward too (harmless:
 * they re-check and re-schedule).
 */
export async function resumeDeferredJobs(ctx: AppContext, shopId: string, pausedAt: string | null): Promise<number> {
  if (!pausedAt) return 0;
  const threshold = Date.parse(pausedAt) + PAUSE_MS - 60_000;
  let resumed = 0;
  let before: string | undefined;
  for (;;) {
    const page = await ctx.queue.list({ shopId, status: 'pending', limit: 500, ...(before ? { before } : {}) });
    for (const job of page) {
      if (job.runAt >= threshold && (await ctx.queue.retry(job.id))) resumed++;
    }
    if (page.length < 500) break;
    before = page[page.length - 1]!.id;
  }
  if (resumed > 0) ctx.onJobsEnqueued?.();
  return resumed;
}

/**
 * The shops whose sevDesk connection is invalid or disconnected, refreshed from the database in the background,
 * for the worker's `excludeShops` (which must answer synchronously).
 */
export class PausedShops {
  private current: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: Pick<AppContext, 'db'>,
    private readonly refreshMs = 2_000,
    private readonly logger?: Logger,
  ) {}

  list = (): string[] => this.current;

  async refresh(): Promise<void> {
    try {
      this.current = await listPausedShopIds(this.ctx.db);
    } catch (err) {
      this.logger?.warn({ err }, 'reading paused shops failed');
    }
  }

  start(): this {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
