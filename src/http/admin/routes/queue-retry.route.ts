import type { AdminRoute } from '../admin-env.js';
import { redirectWithOutcome, selectedJobIds } from './queue-actions.js';

// POST /admin/queue/retry — failed, dead or cancelled jobs run again now, attempts reset.
export const mountQueueRetry: AdminRoute = (admin) => {
  admin.post('/queue/retry', async (c) => {
    const ctx = c.get('ctx');
    const { ids, back } = await selectedJobIds(c);
    if (ids.length === 0) return redirectWithOutcome(c, back, 'none', 0, 0);
    let n = 0;
    for (const id of ids) if (await ctx.queue.retry(id)) n++;
    if (n > 0) ctx.onJobsEnqueued?.();
    ctx.logger.info({ event: 'jobs_retried', count: n, userId: c.get('session').user.id }, 'jobs retried from admin');
    return redirectWithOutcome(c, back, 'retried', n, ids.length - n);
  });
};
