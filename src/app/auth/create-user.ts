import { z } from 'zod';
import { insertUser, normalizeEmail, type User, findUserRowByEmail } from '../../db/repos/users.repo.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { conflict, issuesFromZod, validationError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { generatePassword, hashPassword } from './password-hash.js';
import { userEmailSchema, userPasswordSchema } from './user-input.js';

const inputSchema = z.object({ email: userEmailSchema, password: userPasswordSchema.optional() });

/**
 * Create an admin user. Without a password a random one is generated and returned exactly once;
 * only its scrypt hash is stored.
 */
export async function createUser(
  ctx: AppContext,
  input: { email: string; password?: string | undefined },
): Promise<{ user: User; generatedPassword: string | null }> {
  const parsed = inputSchema.safeParse({ email: input.email.trim(), password: input.password });
  if (!parsed.success) throw validationError('Invalid user', issuesFromZod(parsed.error.issues));
  const email = normalizeEmail(parsed.data.email);
  if (await findUserRowByEmail(ctx.db, email)) throw conflict('user_exists', `A user ${email} already exists`);
  const generatedPassword = parsed.data.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(parsed.data.password ?? generatedPassword!);
  const now = ctx.now().toISOString();
  const id = newId('usr');
  try {
    await insertUser(ctx.db, {
      id,
      email,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
      password_changed_at: now,
      last_login_at: null,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('user_exists', `A user ${email} already exists`);
    throw e;
  }
  ctx.logger.info({ event: 'user_created', userId: id }, 'admin user created');
  return { user: { id, email, createdAt: now, lastLoginAt: null }, generatedPassword };
}
