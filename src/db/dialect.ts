import { type Kysely, PostgresAdapter, type RawBuilder, SqliteAdapter, sql } from 'kysely';

// The only place with dialect branches. Everything else goes through Kysely unchanged.
export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Kysely<any>): Engine {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('unsupported database adapter');
}

/** Column type for binary content. */
export const blobType = (db: Kysely<any>) => (engineOf(db) === 'postgres' ? 'bytea' : 'blob');

/** Column type for big integers (money, epoch ms). pg returns int8 as a string unless parsed; see create-db.ts. */
export const bigintType = 'bigint' as const;

/**
 * Make a table reject UPDATE and DELETE of rows whose `status` column is 'finalized' — in the database,
 * so no code path (and no ad-hoc SQL) can change a finalized accounting document.
 */
export async function createImmutabilityTriggers(db: Kysely<any>, table: string, condition: string): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_immutable_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
            `WHEN ${condition.replaceAll('$ROW', 'OLD')} BEGIN SELECT RAISE(ABORT, 'finalized ${table} rows are immutable'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION ${table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF ${condition.replaceAll('$ROW', 'OLD')} THEN RAISE EXCEPTION 'finalized ${table} rows are immutable' USING ERRCODE = 'integrity_constraint_violation'; END IF; ` +
        `IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_immutable()`,
    )
    .execute(db);
}

/** Is this a unique-constraint violation (on either engine)? */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Is this the immutability trigger firing? */
export function isImmutableViolation(e: unknown): boolean {
  return /rows are immutable/.test((e as Error)?.message ?? '');
}

/** An auto-incrementing integer primary key column: `serial` on PostgreSQL, `integer primary key autoincrement` on SQLite. */
export function autoIdColumn<T extends { addColumn: (...a: any[]) => T }>(db: Kysely<any>, builder: T, name = 'id'): T {
  return engineOf(db) === 'postgres'
    ? builder.addColumn(name, 'serial', (c: any) => c.primaryKey())
    : builder.addColumn(name, 'integer', (c: any) => c.primaryKey().autoIncrement());
}

/**
 * The database clock in epoch milliseconds (fractional), constant within one statement: one clock for every
 * process that shares the database, whatever the hosts' clocks say.
 */
export function epochMsNow(db: Kysely<any>): RawBuilder<number> {
  return engineOf(db) === 'postgres'
    ? sql<number>`(extract(epoch from statement_timestamp()) * 1000)::double precision`
    : sql<number>`(unixepoch('subsec') * 1000.0)`;
}

/** The largest of the values: `greatest(…)` on PostgreSQL, the multi-argument `max(…)` on SQLite. */
export function greatest(db: Kysely<any>, ...values: RawBuilder<unknown>[]): RawBuilder<number> {
  const fn = sql.raw(engineOf(db) === 'postgres' ? 'greatest' : 'max');
  return sql<number>`${fn}(${sql.join(values)})`;
}

/**
 * `create table` for state that may be lost in a crash (rate-limit bookkeeping): UNLOGGED on PostgreSQL (no WAL,
 * so a commit waits for no disk flush; emptied after a crash, not replicated), a normal table on SQLite.
 */
export function createEphemeralTable(db: Kysely<any>, name: string) {
  const builder = db.schema.createTable(name);
  return engineOf(db) === 'postgres' ? builder.modifyFront(sql`unlogged`) : builder;
}
