import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import type { Engine } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// Fresh, migrated databases for integration tests: a real SQLite file in a temp dir, or a new database
// in the throwaway PostgreSQL cluster started by global-setup.ts.

export const ENGINES: Engine[] = ['sqlite', 'postgres'];

export function pgAvailable(): boolean {
  return Boolean(inject('pgUrl'));
}

let counter = 0;

export async function freshDatabaseUrl(engine: Engine): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'belegfluss-sqlite-'));
    return {
      url: `sqlite:${join(dir, 'test.db')}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = inject('pgUrl');
  if (!base) throw new Error('PostgreSQL is not available');
  const name = `t_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freshDb(engine: Engine): Promise<DbHandle & { url: string }> {
  const { url, cleanup } = await freshDatabaseUrl(engine);
  const handle = await createDb(url);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await cleanup();
    },
  };
}

/** `describe.each` helper: the engines to run, PostgreSQL only when the cluster is up. */
export function enginesUnderTest(): Engine[] {
  return pgAvailable() ? ENGINES : ['sqlite'];
}
