import type { AppContext } from '../app/context.js';
import { seedBookingSweeps } from '../app/booking/schedule-matching.js';
import { PausedShops } from '../app/sevdesk/pause-shop.js';
import { buildJobHandlers } from './jobs/index.js';
import { WorkerRunner } from './worker-runner.js';

export function startWorker(ctx: AppContext): WorkerRunner {
  const runner = new WorkerRunner(ctx.queue, buildJobHandlers(ctx), {
    concurrency: ctx.config.worker.concurrency,
    pollIntervalMs: ctx.config.worker.pollIntervalMs,
    leaseMs: ctx.config.worker.leaseMs,
    logger: ctx.logger.child({ role: 'worker' }),
    // Shops whose sevDesk connection is invalid or disconnected are not claimed (no retry storm on a dead token).
    excludeShops: new PausedShops(ctx, 2_000, ctx.logger).start().list,
  });
  ctx.onJobsEnqueued = () => runner.poke();
  runner.start();
  // Booking has no external scheduler: each shop's match job plans its own next run once seeded.
  void seedBookingSweeps(ctx).catch((err) => ctx.logger.warn({ err }, 'starting booking sweeps failed'));
  return runner;
}
