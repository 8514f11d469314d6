import { countUsers, findUserRowByEmail, setPasswordHash } from '../../db/repos/users.repo.js';
import type { AppContext } from '../context.js';
import { createUser } from './create-user.js';
import { hashPassword, verifyPassword } from './password-hash.js';

/** The e-mail of the admin created on first run when none is configured. */
export const DEFAULT_ADMIN_EMAIL = 'admin@belegfluss.local';

export type FirstAdminOutcome =
  | { kind: 'created'; email: string; generatedPassword: string | null }
  | { kind: 'password_from_environment'; email: string }
  | { kind: 'unchanged' };

/**
 * Makes sure somebody can log in. BELEGFLUSS_ADMIN_EMAIL / BELEGFLUSS_ADMIN_PASSWORD (config `admin`) are
 * authoritative: the user is created, and a changed password is applied. Without them, and with no user at
 * all, an admin with a random password is created; the caller prints that password once.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<FirstAdminOutcome> {
  const { email, password } = ctx.config.admin;
  if (email) {
    const existing = await findUserRowByEmail(ctx.db, email);
    if (!existing) {
      const { user, generatedPassword } = await createUser(ctx, { email, password });
      return { kind: 'created', email: user.email, generatedPassword };
    }
    if (password && !(await verifyPassword(password, existing.password_hash))) {
      await setPasswordHash(ctx.db, existing.id, await hashPassword(password), ctx.now().toISOString());
      return { kind: 'password_from_environment', email: existing.email };
    }
    return { kind: 'unchanged' };
  }
  if ((await countUsers(ctx.db)) > 0) return { kind: 'unchanged' };
  const { user, generatedPassword } = await createUser(ctx, { email: DEFAULT_ADMIN_EMAIL, password });
  return { kind: 'created', email: user.email, generatedPassword };
}
