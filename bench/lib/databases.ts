import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Engine } from '../../src/db/dialect.js';
import { startPgCluster } from '../../test/support/postgres-cluster.js';
import type { BenchContext } from './runner.js';

// Databases for a benchmark run: a SQLite file in a temp dir, or a fresh database in PostgreSQL — the one named by
// BELEGFLUSS_BENCH_PG_URL (the smoke test passes its cluster) or a throwaway cluster started once per process.

export interface BenchDatabase {
  engine: Engine;
  url: string;
  /** Bytes on disk (SQLite file + WAL, or pg_database_size). */
  size(): Promise<number>;
}

let clusterUrl: Promise<string | null> | null = null;

/** The PostgreSQL server to create benchmark databases in, or null when PostgreSQL is not installed. */
export function postgresServer(ctx: BenchContext): Promise<string | null> {
  if (process.env.BELEGFLUSS_BENCH_PG_URL) return Promise.resolve(process.env.BELEGFLUSS_BENCH_PG_URL);
  clusterUrl ??= startPgCluster().then((cluster) => {
    if (!cluster) return null;
    ctx.cleanup(() => cluster.stop());
    return cluster.url;
  });
  return clusterUrl;
}

let counter = 0;

export async function freshDatabase(ctx: BenchContext, engine: Engine, label: string): Promise<BenchDatabase | null> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `belegfluss-bench-${label}-`));
    ctx.cleanup(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bench.db');
    return {
      engine,
      url: `sqlite:${file}`,
      size: async () =>
        ['', '-wal', '-shm'].reduce((sum, ext) => {
          try {
            return sum + statSync(file + ext).size;
          } catch {
            return sum;
          }
        }, 0),
    };
  }
  const server = await postgresServer(ctx);
  if (!server) return null;
  const name = `bench_${label.replace(/\W/g, '_')}_${process.pid}_${counter++}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  ctx.cleanup(async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = server.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
  return {
    engine,
    url,
    size: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query<{ n: string }>('select pg_database_size(current_database())::text as n');
      await c.end();
      return Number(r.rows[0]?.n ?? 0);
    },
  };
}
