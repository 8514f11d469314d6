import type { AdminRoute } from '../admin-env.js';
import { redirectWithOutcome, selectedJobIds } from './queue-actions.js';

// POST /admin/queue/cancel — pending jobs are cancelled (running ones cannot be).
export const mountQueueCancel: AdminRoute = (admin) => {
  admin.post('/queue/cancel', async (c) => {
    const ctx = c.get('ctx');
    const { ids, back } = await selectedJobIds(c);
    if (ids.length === 0) return redirectWithOutcome(c, back, 'none', 0, 0);
    let n = 0;
    for (const id of ids) if (await ctx.queue.cancel(id)) n++;
    ctx.logger.info(
      { event: 'jobs_cancelled', count: n, userId: c.get('session').user.id },
      'jobs cancelled from admin',
    );
    return redirectWithOutcome(c, back, 'cancelled', n, ids.length - n);
  });
};
