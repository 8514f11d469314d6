import type { AppContext } from '../app/context.js';
import { buildJobHandlers } from './jobs/index.js';
import { WorkerRunner } from './worker-runner.js';

export function startWorker(ctx: AppContext): WorkerRunner {
  const runner = new WorkerRunner(ctx.queue, buildJobHandlers(ctx), {
    concurrency: ctx.config.worker.concurrency,
    pollIntervalMs: ctx.config.worker.pollIntervalMs,
    leaseMs: ctx.config.worker.leaseMs,
    logger: ctx.logger.child({ role: 'worker' }),
  });
  ctx.onJobsEnqueued = () => runner.poke();
  runner.start();
  return runner;
}
