import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { newId } from '../../lib/ids.js';

/**
 * Run `fn` inside a savepoint of the caller's transaction (plain SQL, the same on SQLite and PostgreSQL): when it
 * throws, only its own writes are undone and the outer transaction goes on. Used to try an automatic
 * finalization without losing the order that triggered it.
 */
export async function withSavepoint<T>(tx: Db, fn: () => Promise<T>): Promise<T> {
  const name = sql.raw(`sp_${newId('x').slice(2).toLowerCase()}`);
  await sql`SAVEPOINT ${name}`.execute(tx);
  try {
    const result = await fn();
    await sql`RELEASE SAVEPOINT ${name}`.execute(tx);
    return result;
  } catch (e) {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(tx);
    await sql`RELEASE SAVEPOINT ${name}`.execute(tx);
    throw e;
  }
}
