import { sql } from 'kysely';
import type { HttpApp } from './app.js';

// Liveness says the process serves requests; readiness says it can do its work (the database answers).
export function mountHealth(app: HttpApp): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const ctx = c.get('ctx');
    try {
      await sql`select 1`.execute(ctx.db);
      return c.json({ status: 'ready', database: ctx.engine });
    } catch {
      return c.json({ status: 'not ready', database: ctx.engine, reason: 'database does not answer' }, 503);
    }
  });
}
