import { renderProcessMetrics } from '../lib/metrics.js';
import type { HttpApp } from './app.js';

// Prometheus scrape endpoint: cluster-wide gauges from the database (the same numbers on every instance),
// followed by this process's counters and latency histograms.
export function mountMetrics(app: HttpApp): void {
  app.get('/metrics', async (c) => {
    const ctx = c.get('ctx');
    const lines: string[] = [
      '# HELP belegfluss_queue_jobs Jobs in the queue by queue, shop and state',
      '# TYPE belegfluss_queue_jobs gauge',
    ];
    for (const s of await ctx.queue.stats()) {
      if (s.status === 'succeeded') continue;
      lines.push(`belegfluss_queue_jobs{queue="${s.queue}",shop="${s.shopId ?? ''}",state="${s.status}"} ${s.count}`);
    }
    const transfers = await ctx.db
      .selectFrom('transfers')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    lines.push('# HELP belegfluss_transfers Transfer records by state', '# TYPE belegfluss_transfers gauge');
    for (const t of transfers) lines.push(`belegfluss_transfers{state="${t.state}"} ${Number(t.n)}`);
    return c.text(`${lines.join('\n')}\n${renderProcessMetrics()}\n`, 200, {
      'Content-Type': 'text/plain; version=0.0.4',
    });
  });
}
