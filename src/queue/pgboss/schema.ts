import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

// What we add to pg-boss's schema (pg-boss 10 creates `<schema>.job`, partitioned by queue name). Indexes on the
// partitioned parent are created on every existing partition and on each queue pg-boss attaches later.
//
//  - dedupe: a job's dedupe key (singleton_key) is unique among pending and running jobs of its queue. None of
//    pg-boss's queue policies has exactly these semantics (`short` covers created only, `singleton` active only,
//    `stately` one per state), so queues use the `standard` policy and this index; pg-boss's insert
//    (`ON CONFLICT DO NOTHING`) then returns no id, and `send` returns null.
//  - due: per-shop "oldest due job" lookups and the skip scan over shops with a backlog (fair claims).
//  - active: "does this shop have a running job?" without scanning finished rows.

export const DEFAULT_PGBOSS_SCHEMA = 'pgboss';

/** Same namespace for every advisory lock this adapter takes (two-key form: no clash with one-key locks). */
export const ADVISORY_NAMESPACE = 0x42464c53; // 'BFLS'

export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) throw new Error(`invalid pg-boss schema name: ${schema}`);
  return schema;
}

export async function installQueueIndexes(db: Db, schema: string): Promise<void> {
  const job = sql.id(assertSchemaName(schema), 'job');
  await db.transaction().execute(async (tx) => {
    // Several processes may start at once; IF NOT EXISTS alone races on the catalog.
    await sql`select pg_advisory_xact_lock(${ADVISORY_NAMESPACE}, 0)`.execute(tx);
    await sql`create unique index if not exists belegfluss_job_dedupe on ${job} (name, singleton_key)
      where state < 'completed' and singleton_key is not null`.execute(tx);
    await sql`create index if not exists belegfluss_job_due on ${job} ((data->>'shopId'), start_after, id)
      where state < 'active'`.execute(tx);
    await sql`create index if not exists belegfluss_job_active on ${job} ((data->>'shopId'))
      where state = 'active'`.execute(tx);
  });
}
