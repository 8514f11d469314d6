import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../lib/errors.js';
import type { Database, Db } from './database.js';
import type { Engine } from './dialect.js';

// int8 (money, epoch ms) as JS numbers on PostgreSQL, like SQLite returns them. Safe below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** Human-readable location without credentials. */
  location: string;
  close(): Promise<void>;
}

export function sqlitePathFromUrl(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (!path)
    throw new AppError(
      'config',
      'invalid_config',
      'DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/belegfluss.db',
    );
  return path === ':memory:' ? path : resolve(path);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
}

export async function createDb(databaseUrl: string, opts: { poolSize?: number } = {}): Promise<DbHandle> {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(sqlitePathFromUrl(databaseUrl));
  return openPostgres(databaseUrl, opts.poolSize ?? 10);
}

function directoryWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function openSqlite(path: string): DbHandle {
  let sqlite: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new SQLite(path);
    // Durability first: these are accounting records.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    // Fail now, not on the first write, when the directory or file is read-only.
    sqlite.exec('CREATE TABLE IF NOT EXISTS _belegfluss_writable (x INTEGER); DROP TABLE _belegfluss_writable;');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason =
      /readonly|EACCES|EROFS|EPERM/i.test(`${err.code} ${err.message}`) || !directoryWritable(dirname(path))
        ? `is not writable (check the permissions of ${dirname(path)})`
        : `cannot be opened (${err.code ?? err.message})`;
    throw new AppError('config', 'database_unavailable', `The SQLite database ${path} ${reason}.`, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    engine: 'sqlite',
    location: path,
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles on every prepare(): keep the compiled statements of
 * the most recent distinct SQL texts. Safe because nothing in Belegfluss streams (an iterating statement cannot run
 * again until its iteration ends); SQLite recompiles a cached statement itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        // Most recently used last, so the first key is the one to evict.
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new AppError(
      'config',
      'database_unavailable',
      `PostgreSQL at ${redactUrl(url)} is not reachable (${(e as Error).message}).`,
      { cause: e },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}
