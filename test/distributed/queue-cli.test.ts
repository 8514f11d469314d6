import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrap, createJobQueue } from '../../src/bootstrap.js';
import { buildProgram } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Engine } from '../../src/db/dialect.js';
import { createLogger } from '../../src/lib/logger.js';
import type { InspectableJobQueue } from '../../src/ports/job-queue.js';
import { PgBossJobQueue } from '../../src/queue/pgboss/pgboss-job-queue.js';
import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';
import { freshDb, pgAvailable } from '../support/databases.js';

// Queue engine selection (bootstrap) and `belegfluss queue …` on every engine combination.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'belegfluss-queue-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = 0;
});

function configFile(engine: 'auto' | 'embedded' | 'pgboss'): string {
  const file = join(dir, `${engine}.toml`);
  writeFileSync(file, `[queue]\nengine = "${engine}"\n`);
  return file;
}

async function cli(args: string[]): Promise<{ out: string; exitCode: number }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    lines.push(a.map(String).join(' '));
  });
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(['node', 'belegfluss', ...args]);
    return { out: lines.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    spy.mockRestore();
    process.exitCode = 0;
  }
}

const setups: { name: string; engine: Engine; queueEngine: 'auto' | 'embedded'; expected: unknown }[] = [
  { name: 'embedded queue on SQLite', engine: 'sqlite', queueEngine: 'auto', expected: SqlJobQueue },
  { name: 'pg-boss on PostgreSQL (auto)', engine: 'postgres', queueEngine: 'auto', expected: PgBossJobQueue },
  { name: 'embedded queue on PostgreSQL', engine: 'postgres', queueEngine: 'embedded', expected: SqlJobQueue },
];

for (const setup of setups) {
  describe.skipIf(setup.engine === 'postgres' && !pgAvailable())(`belegfluss queue: ${setup.name}`, () => {
    it('lists, counts, retries and cancels jobs', async () => {
      const h = await freshDb(setup.engine);
      const config = loadConfig({ env: {}, flags: { databaseUrl: h.url }, configFile: configFile(setup.queueEngine) });
      const { queue, close } = await createJobQueue(config, h, { maintenance: false });
      const flags = ['--database-url', h.url, '--config', configFile(setup.queueEngine)];
      try {
        expect(queue).toBeInstanceOf(setup.expected);
        const q = queue as InspectableJobQueue;
        const a = (await q.enqueue(h.db, { queue: 'sevdesk.transfer', payload: { n: 1 }, shopId: 'shop-a' }))!;
        const b = (await q.enqueue(h.db, { queue: 'sevdesk.transfer', payload: { n: 2 }, shopId: 'shop-a' }))!;
        const c = (await q.enqueue(h.db, { queue: 'sevdesk.transfer', payload: { n: 3 }, shopId: 'shop-b' }))!;
        const claimed = await q.claim({ queues: ['sevdesk.transfer'], limit: 5, leaseMs: 60_000 });
        const deadJob = claimed.find((j) => j.id === a)!;
        await q.fail(deadJob, 'sevDesk said 422: Kontakt fehlt', { permanent: true });

        const ls = await cli(['queue', 'ls', ...flags]);
        expect(ls.out.split('\n')[0]).toMatch(/^ID\s+QUEUE\s+SHOP\s+STATUS\s+ATTEMPTS\s+RUN AT\s+LAST ERROR$/);
        for (const id of [a, b, c]) expect(ls.out).toContain(id);
        expect(ls.out).toMatch(new RegExp(`${a}\\s+sevdesk.transfer\\s+shop-a\\s+dead\\s+1/10 .*Kontakt fehlt`));

        const dead = await cli(['queue', 'ls', '--status', 'dead', '--shop', 'shop-a', '--json', ...flags]);
        expect(JSON.parse(dead.out).map((j: { id: string }) => j.id)).toEqual([a]);

        const stats = await cli(['queue', 'stats', ...flags]);
        expect(stats.out).toMatch(/SHOP\s+QUEUE\s+PENDING\s+RUNNING\s+SUCCEEDED\s+DEAD\s+CANCELLED/);
        expect(stats.out).toMatch(/shop-a\s+sevdesk.transfer\s+1\s+0\s+0\s+1\s+0/);
        expect(stats.out).toMatch(/shop-b\s+sevdesk.transfer\s+0\s+1\s+0\s+0\s+0/);
        expect(stats.out).toMatch(/\(all\)\s+1\s+1\s+0\s+1\s+0/);

        const retry = await cli(['queue', 'retry', a, c, ...flags]);
        expect(retry.out).toContain(`retried   ${a}`);
        expect(retry.out).toContain(`unchanged ${c} (running; only dead, cancelled or pending jobs)`);
        expect(retry.exitCode).toBe(1);
        expect((await q.get(a))!.status).toBe('pending');

        const cancel = await cli(['queue', 'cancel', b, ...flags]);
        expect(cancel).toEqual({ out: `cancelled ${b}`, exitCode: 0 });
        expect((await q.get(b))!.status).toBe('cancelled');

        await expect(cli(['queue', 'ls', '--status', 'stuck', ...flags])).rejects.toMatchObject({
          kind: 'validation',
          message: expect.stringContaining('--status: unknown status stuck'),
        });
      } finally {
        await close();
        await h.close();
      }
    });
  });
}

describe('bootstrap picks the queue engine', () => {
  const logger = createLogger({ level: 'silent' });

  it.skipIf(!pgAvailable())('pg-boss for a postgres:// URL, and closes it on shutdown', async () => {
    const h = await freshDb('postgres');
    try {
      const config = loadConfig({ env: { DATABASE_URL: h.url, BELEGFLUSS_DATA_DIR: dir } });
      const runtime = await bootstrap(config, { logger });
      expect(runtime.ctx.queue).toBeInstanceOf(PgBossJobQueue);
      const id = await runtime.ctx.queue.enqueue(runtime.ctx.db, { queue: 'sevdesk.transfer', payload: {} });
      expect((await runtime.ctx.queue.get(id!))!.status).toBe('pending');
      const pgbossConnections = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where application_name = 'belegfluss-pgboss' and datname = current_database()`.execute(h.db)
          ).rows[0]!.n,
        );
      expect(await pgbossConnections()).toBeGreaterThan(0);
      await runtime.close();
      // pg-boss's pool is closed, not left to keep the process alive (a backend may take a moment to go away).
      for (let i = 0; i < 50 && (await pgbossConnections()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await pgbossConnections()).toBe(0);
    } finally {
      await h.close();
    }
  });

  it.skipIf(!pgAvailable())('the embedded queue on PostgreSQL when BELEGFLUSS_QUEUE=embedded', async () => {
    const h = await freshDb('postgres');
    try {
      const config = loadConfig({
        env: { DATABASE_URL: h.url, BELEGFLUSS_DATA_DIR: dir, BELEGFLUSS_QUEUE: 'embedded' },
      });
      const runtime = await bootstrap(config, { logger });
      expect(runtime.ctx.queue).toBeInstanceOf(SqlJobQueue);
      await runtime.close();
    } finally {
      await h.close();
    }
  });

  it('refuses pg-boss on SQLite with a configuration error', async () => {
    const config = loadConfig({
      env: { DATABASE_URL: `sqlite:${join(dir, 'x.db')}`, BELEGFLUSS_DATA_DIR: dir, BELEGFLUSS_QUEUE: 'pgboss' },
    });
    await expect(bootstrap(config, { logger })).rejects.toMatchObject({ kind: 'config' });
  });

  it('rejects an unknown engine naming the variable', () => {
    expect(() => loadConfig({ env: { BELEGFLUSS_QUEUE: 'redis' } })).toThrow(/BELEGFLUSS_QUEUE/);
  });
});
