import type { Logger } from '../lib/logger.js';
import { isAppError } from '../lib/errors.js';
import { runInJobScope } from '../lib/job-scope.js';
import { metrics } from '../lib/metrics.js';
import type { JobQueue, LeasedJob } from '../ports/job-queue.js';

// Pulls jobs from the queue and runs their handlers with bounded concurrency. The error taxonomy decides
// what happens to a failed attempt: rate limits and paused connections postpone without using an attempt,
// transient failures retry with backoff, permanent ones go to the dead state for a person to look at.

export interface JobContext {
  signal: AbortSignal;
  log: Logger;
}
export type JobHandler = (job: LeasedJob, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
  logger: Logger;
  /** Shops not to claim right now (paused connection, rate limiter saturated). */
  excludeShops?: () => string[];
}

export class WorkerRunner {
  private running = new Map<string, { job: LeasedJob; done: Promise<void>; abort: AbortController }>();
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Record<string, JobHandler>,
    private readonly opts: WorkerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Wake the loop now (e.g. right after enqueueing) instead of waiting for the next poll. */
  poke(): void {
    this.wake?.();
  }

  get activeJobs(): number {
    return this.running.size;
  }

  private async run(): Promise<void> {
    const queues = Object.keys(this.handlers);
    while (!this.stopped) {
      const free = this.opts.concurrency - this.running.size;
      let claimed: LeasedJob[] = [];
      // The lease runs from the claim's start at the latest: measured from here, our idea of it is never too long.
      const claimStartedAt = Date.now();
      if (free > 0) {
        try {
          claimed = await this.queue.claim({
            queues,
            limit: free,
            leaseMs: this.opts.leaseMs,
            excludeShops: this.opts.excludeShops?.() ?? [],
          });
        } catch (e) {
          this.opts.logger.error({ err: e }, 'claiming jobs failed');
        }
      }
      for (const job of claimed) this.launch(job, claimStartedAt);
      if (claimed.length === 0 || this.running.size >= this.opts.concurrency) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, this.opts.pollIntervalMs);
      const running = [...this.running.values()].map((r) => r.done);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
      // A finishing job frees a slot: look for work immediately so the rate budget is not wasted.
      if (running.length > 0) Promise.race(running).then(done, done);
    });
  }

  private launch(job: LeasedJob, claimStartedAt: number): void {
    const abort = new AbortController();
    const log = this.opts.logger.child({ jobId: job.id, queue: job.queue, shopId: job.shopId, attempt: job.attempt });
    log.debug('job started');
    const leaseMs = this.opts.leaseMs;
    // Stop sending before the lease can run out (the queue may then give the job to another worker): a margin
    // for clock differences and for the time a request takes to leave.
    const margin = Math.min(Math.max(Math.floor(leaseMs / 4), 250), 15_000);
    let deadline: NodeJS.Timeout | undefined;
    const holdUntil = (validUntil: number) => {
      clearTimeout(deadline);
      deadline = setTimeout(
        () => abort.abort(new Error('lease expired before it could be extended')),
        Math.max(0, validUntil - margin - Date.now()),
      );
    };
    holdUntil(claimStartedAt + leaseMs);
    const heartbeat = setInterval(
      () => {
        const askedAt = Date.now();
        this.queue.extendLease(job, leaseMs).then(
          (ok) => {
            if (!ok) abort.abort(new Error('lease lost'));
            else if (!abort.signal.aborted) holdUntil(askedAt + leaseMs);
          },
          () => {},
        );
      },
      Math.max(250, Math.floor(leaseMs / 3)),
    );
    const done = this.execute(job, { signal: abort.signal, log }).finally(() => {
      clearInterval(heartbeat);
      clearTimeout(deadline);
      this.running.delete(job.id);
    });
    this.running.set(job.id, { job, done, abort });
  }

  private async execute(job: LeasedJob, ctx: JobContext): Promise<void> {
    const handler = this.handlers[job.queue];
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await runInJobScope(ctx.signal, () => handler(job, ctx));
      await this.queue.complete(job);
      metrics.jobsProcessed.inc({ queue: job.queue, outcome: 'succeeded' });
    } catch (e) {
      if (ctx.signal.aborted) {
        // Not the job's fault: hand it back without using an attempt (a no-op if another worker holds it now).
        await this.queue
          .postpone(job, 0, `stopped: ${String((ctx.signal.reason as Error)?.message ?? ctx.signal.reason)}`)
          .catch((err) => ctx.log.error({ err }, 'releasing the job failed'));
        ctx.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'job stopped: lease lost');
        metrics.jobsProcessed.inc({ queue: job.queue, outcome: 'postponed' });
        return;
      }
      await this.settleFailure(job, e, ctx.log).catch((err) => ctx.log.error({ err }, 'recording job failure failed'));
    }
  }

  private async settleFailure(job: LeasedJob, e: unknown, log: Logger): Promise<void> {
    const outcome = await this.recordFailure(job, e, log);
    metrics.jobsProcessed.inc({ queue: job.queue, outcome });
  }

  private async recordFailure(job: LeasedJob, e: unknown, log: Logger): Promise<'postponed' | 'retrying' | 'dead'> {
    const message = e instanceof Error ? e.message : String(e);
    if (isAppError(e)) {
      switch (e.kind) {
        case 'rate_limited':
          await this.queue.postpone(job, e.retryAfterMs ?? 1000, message);
          return 'postponed';
        case 'connection':
          await this.queue.postpone(job, e.retryAfterMs ?? 5 * 60_000, message);
          log.warn({ code: e.code }, 'job postponed: connection not usable');
          return 'postponed';
        case 'retryable':
        case 'internal':
          break;
        default: {
          await this.queue.fail(job, message, { permanent: true });
          log.warn({ code: e.code, err: message }, 'job failed permanently');
          return 'dead';
        }
      }
    }
    const outcome = await this.queue.fail(job, message);
    log.warn({ err: message, outcome }, 'job attempt failed');
    return outcome;
  }

  /** Stop claiming; give running jobs `graceMs` to finish, then release them for another worker. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    await this.loop;
    const pending = [...this.running.values()];
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    const result = await Promise.race([Promise.all(pending.map((p) => p.done)).then(() => 'done' as const), timeout]);
    if (result === 'timeout') {
      for (const p of this.running.values()) {
        p.abort.abort(new Error('shutting down'));
        await this.queue.postpone(p.job, 0, 'released at shutdown').catch(() => {});
      }
    }
  }
}
