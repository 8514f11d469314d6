import type { AdminRoute } from '../admin-env.js';
import { pageContext } from '../page-context.js';
import { QueuePage } from '../pages/queue.page.js';
import { loadJobPage, QUEUE_TABS, type QueueTab, queueCounts } from '../queries/job-rows.js';

// GET /admin/queue?status=… — the "Aktionen" screen.
export const mountQueue: AdminRoute = (admin) => {
  admin.get('/queue', async (c) => {
    const ctx = c.get('ctx');
    const page = await pageContext(c);
    const requested = c.req.query('status') ?? '';
    const tab: QueueTab = (QUEUE_TABS as readonly string[]).includes(requested) ? (requested as QueueTab) : 'pending';
    const before = c.req.query('before');
    const cursor = before && /^[a-z]{1,10}_[0-9A-Za-z-]{8,60}$/.test(before) ? before : undefined;
    const [{ rows, nextBefore }, counts] = await Promise.all([loadJobPage(ctx, tab, cursor), queueCounts(ctx)]);
    const n = Number(c.req.query('n') ?? 0);
    const unchanged = Number(c.req.query('unchanged') ?? 0);
    const done = c.req.query('done');
    const parts: string[] = [];
    if (done === 'retried') parts.push(page.t.queue.retried(n));
    if (done === 'cancelled') parts.push(page.t.queue.cancelledDone(n));
    if (done === 'none') parts.push(page.t.queue.nothingSelected);
    if (unchanged > 0) parts.push(page.t.queue.notChanged(unchanged));
    return c.html(
      <QueuePage
        page={page}
        tab={tab}
        rows={rows}
        counts={counts}
        nextBefore={nextBefore}
        isFirstPage={!cursor}
        notice={parts.length ? parts.join(' ') : null}
        now={ctx.now().getTime()}
      />,
    );
  });
};
