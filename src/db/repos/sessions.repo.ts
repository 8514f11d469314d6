import type { Db, LoginAttemptsTable, SessionsTable } from '../database.js';

// Sessions of the admin UI (looked up by the SHA-256 of the cookie token) and the login throttle counters.

export async function insertSession(db: Db, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function findLoginAttempts(db: Db, keys: string[]): Promise<LoginAttemptsTable[]> {
  if (keys.length === 0) return [];
  return db.selectFrom('login_attempts').selectAll().where('key', 'in', keys).execute();
}

/** Insert or replace the counter of one key. */
export async function saveLoginAttempt(db: Db, row: LoginAttemptsTable): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        locked_until: row.locked_until,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function clearLoginAttempts(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('login_attempts').where('key', 'in', keys).execute();
}
