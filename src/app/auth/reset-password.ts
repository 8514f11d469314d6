import { deleteSessionsOfUser } from '../../db/repos/sessions.repo.js';
import { findUserRowByEmail, setPasswordHash } from '../../db/repos/users.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { issuesFromZod, notFound, validationError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { generatePassword, hashPassword } from './password-hash.js';
import { userPasswordSchema } from './user-input.js';

/**
 * Set a new password (given, or generated and returned once) and end every session of the user, so a
 * reset after a suspected leak locks out whoever had the old one.
 */
export async function resetPassword(
  ctx: AppContext,
  input: { email: string; password?: string | undefined },
): Promise<{ generatedPassword: string | null; sessionsEnded: number }> {
  if (input.password !== undefined) {
    const parsed = userPasswordSchema.safeParse(input.password);
    if (!parsed.success)
      throw validationError(
        'Invalid password',
        issuesFromZod(parsed.error.issues.map((i) => ({ ...i, path: ['password'] }))),
      );
  }
  const user = await findUserRowByEmail(ctx.db, input.email);
  if (!user) throw notFound(`User ${input.email.trim().toLowerCase()}`);
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const hash = await hashPassword(input.password ?? generatedPassword!);
  const sessionsEnded = await inTransaction(ctx.db, async (tx) => {
    await setPasswordHash(tx, user.id, hash, ctx.now().toISOString());
    return deleteSessionsOfUser(tx, user.id);
  });
  ctx.logger.info({ event: 'password_reset', userId: user.id, sessionsEnded }, 'admin password reset');
  return { generatedPassword, sessionsEnded };
}
