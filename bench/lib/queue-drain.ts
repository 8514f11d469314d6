import type { AppContext } from '../../src/app/context.js';
import { sleep } from './stats.js';

// Waiting for the worker: a queue is drained when none of its jobs is pending (due now) or running.

export async function openJobs(
  app: AppContext,
  queues?: string[],
): Promise<{ due: number; later: number; running: number; dead: number }> {
  const now = Date.now();
  const jobs = await app.queue.list({ status: ['pending', 'running', 'dead'], limit: 100_000 });
  const relevant = jobs.filter((j) => !queues || queues.includes(j.queue));
  return {
    due: relevant.filter((j) => j.status === 'pending' && j.runAt <= now + 50).length,
    later: relevant.filter((j) => j.status === 'pending' && j.runAt > now + 50).length,
    running: relevant.filter((j) => j.status === 'running').length,
    dead: relevant.filter((j) => j.status === 'dead').length,
  };
}

/** Wait until no job of `queues` is due or running (jobs planned for later are left alone). */
export async function drain(app: AppContext, opts: { queues?: string[]; timeoutMs?: number; settleMs?: number } = {}) {
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  let quietSince = 0;
  for (;;) {
    const open = await openJobs(app, opts.queues);
    if (open.due === 0 && open.running === 0) {
      quietSince ||= Date.now();
      // Quiet for a moment: a finishing job may still enqueue its follow-up.
      if (Date.now() - quietSince >= (opts.settleMs ?? 300)) return open;
    } else quietSince = 0;
    if (Date.now() > deadline) throw new Error(`queue not drained in time: ${JSON.stringify(open)}`);
    await sleep(50);
  }
}

/** Run pending jobs of a queue now instead of at their planned time (the admin "run now" action). */
export async function runPlannedNow(app: AppContext, queue: string): Promise<number> {
  const pending = await app.queue.list({ status: 'pending', queue, limit: 10_000 });
  let n = 0;
  for (const job of pending) if (await app.queue.retry(job.id)) n++;
  return n;
}
