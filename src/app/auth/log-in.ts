import type { Db } from '../../db/database.js';
import {
  clearLoginAttempts,
  findLoginAttempts,
  insertSession,
  saveLoginAttempt,
} from '../../db/repos/sessions.repo.js';
import { findUserRowByEmail, recordLogin } from '../../db/repos/users.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { ADDRESS_RULE, lockDelayMs, PAIR_RULE, THROTTLE_FORGET_MS, throttleKeys } from './login-throttle.js';
import { dummyPasswordHash, verifyPassword } from './password-hash.js';
import { hashSessionToken, newSessionToken, sessionExpiry } from './session-token.js';

export type LogInResult =
  | { ok: true; userId: string; sessionToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Check e-mail and password and open a session. While the client is throttled the password is not even
 * checked. Unknown e-mails cost the same scrypt work as known ones and give the same answer.
 */
export async function logIn(
  ctx: AppContext,
  input: { email: string; password: string; clientAddress: string },
): Promise<LogInResult> {
  const now = ctx.now();
  const keys = throttleKeys(input.clientAddress, input.email);
  const counters = await findLoginAttempts(ctx.db, [keys.pair, keys.address]);
  const lockedUntil = Math.max(0, ...counters.map((c) => c.locked_until));
  if (lockedUntil > now.getTime()) return { ok: false, reason: 'throttled', retryAfterMs: lockedUntil - now.getTime() };

  const user = await findUserRowByEmail(ctx.db, input.email);
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));

  if (!user || !passwordOk) {
    await inTransaction(ctx.db, (tx) => countFailure(tx, keys, now.getTime()));
    ctx.logger.info({ event: 'login_failed' }, 'admin login failed');
    return { ok: false, reason: 'invalid_credentials' };
  }

  const sessionToken = newSessionToken();
  const expiresAt = sessionExpiry(now, now);
  await inTransaction(ctx.db, async (tx) => {
    await insertSession(tx, {
      id: newId('ses', now.getTime()),
      token_hash: hashSessionToken(sessionToken),
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    });
    await recordLogin(tx, user.id, now.toISOString());
    // Only the pair counter is cleared: one valid account must not reset an address's spraying budget.
    await clearLoginAttempts(tx, [keys.pair]);
  });
  ctx.logger.info({ event: 'login', userId: user.id }, 'admin logged in');
  return { ok: true, userId: user.id, sessionToken, expiresAt };
}

async function countFailure(tx: Db, keys: { pair: string; address: string }, nowMs: number): Promise<void> {
  const current = new Map((await findLoginAttempts(tx, [keys.pair, keys.address])).map((c) => [c.key, c]));
  for (const [key, rule] of [
    [keys.pair, PAIR_RULE],
    [keys.address, ADDRESS_RULE],
  ] as const) {
    const prev = current.get(key);
    const fresh = !prev || nowMs - prev.updated_at > THROTTLE_FORGET_MS;
    const failures = (fresh ? 0 : prev.failures) + 1;
    await saveLoginAttempt(tx, {
      key,
      failures,
      locked_until: nowMs + lockDelayMs(failures, rule),
      updated_at: nowMs,
    });
  }
}
