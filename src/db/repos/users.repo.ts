import type { Db, UsersTable } from '../database.js';

// Admin UI users. E-mail addresses are stored lower-cased so lookups are case-insensitive on both engines.
export interface User {
  id: string;
  email: string;
  createdAt: string;
  lastLoginAt: string | null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const toUser = (row: UsersTable): User => ({
  id: row.id,
  email: row.email,
  createdAt: row.created_at,
  lastLoginAt: row.last_login_at,
});

export async function insertUser(db: Db, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** The row including the password hash: only for the login and password use cases. */
export async function findUserRowByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function findUser(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(toUser);
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function recordLogin(db: Db, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
}
