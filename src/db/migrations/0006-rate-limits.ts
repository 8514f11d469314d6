import type { Kysely } from 'kysely';
import { createEphemeralTable } from '../dialect.js';

// Shared rate limiting per external account (issue 7, docs/decisions/0006-distributed-rate-limit.md): one row per
// sevDesk account key (a hash, never the token), updated atomically by every process that talks to the account.
// Times are epoch milliseconds on the database clock, as double precision (pacing intervals are fractional).
// UNLOGGED on PostgreSQL: pacing state is worth no disk flush per request; after a crash the table is empty, which
// reads as "every account idle", and the limiter re-creates rows as it needs them.
export async function up(db: Kysely<any>): Promise<void> {
  await createEphemeralTable(db, 'rate_limits')
    .addColumn('account_key', 'text', (c) => c.primaryKey())
    // The GCRA's "theoretical arrival time": the next request may start at next_at − (burst − 1) × interval.
    .addColumn('next_at', 'double precision', (c) => c.notNull().defaultTo(0))
    // A 429 from the account: nothing starts before this.
    .addColumn('paused_until', 'double precision', (c) => c.notNull().defaultTo(0))
    // The limiter instance whose request is in flight (serialisation), until held_until (crash safety).
    .addColumn('holder', 'text')
    .addColumn('held_until', 'double precision', (c) => c.notNull().defaultTo(0))
    // Fairness across processes: the instance waiting longest goes next; a holder does not take the account again
    // while a waiter's registration is fresh (waiter_until).
    .addColumn('waiter', 'text')
    .addColumn('waiter_until', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
}
