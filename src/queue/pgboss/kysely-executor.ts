import { CompiledQuery, type Kysely } from 'kysely';
import type PgBoss from 'pg-boss';

/**
 * pg-boss's `{ db }` option bound to a Kysely connection or transaction: `boss.send(…, { db: kyselyExecutor(tx) })`
 * inserts the job with the caller's transaction, so it commits or rolls back together with the state change.
 */
export function kyselyExecutor<DB>(db: Kysely<DB>): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}
