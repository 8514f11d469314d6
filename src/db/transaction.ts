import { sql } from 'kysely';
import type { Db } from './database.js';
import { engineOf } from './dialect.js';

/**
 * Run `fn` in a write transaction. On SQLite it starts with BEGIN IMMEDIATE so that concurrent writers in other
 * processes wait (busy_timeout) instead of failing halfway; on PostgreSQL it is a normal transaction.
 */
const sqliteTransactions = new WeakSet<Db>();

export function isInTransaction(db: Db): boolean {
  return db.isTransaction || sqliteTransactions.has(db);
}

export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (isInTransaction(db)) return fn(db);
  if (engineOf(db) === 'postgres') return db.transaction().execute((tx) => fn(tx));
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    sqliteTransactions.add(conn);
    try {
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (e) {
      await sql`ROLLBACK`.execute(conn).catch(() => {});
      throw e;
    } finally {
      sqliteTransactions.delete(conn);
    }
  });
}
