import { deleteSession, findSessionByTokenHash, touchSession } from '../../db/repos/sessions.repo.js';
import { findUser, type User } from '../../db/repos/users.repo.js';
import type { AppContext } from '../context.js';
import { csrfTokenFor, hashSessionToken, SESSION_TOUCH_INTERVAL_MS, sessionExpiry } from './session-token.js';

export interface ActiveSession {
  sessionId: string;
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

/** The session a cookie token belongs to, or null when unknown or expired. Extends the idle expiry. */
export async function resolveSession(ctx: AppContext, token: string | undefined): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null;
  const row = await findSessionByTokenHash(ctx.db, hashSessionToken(token));
  if (!row) return null;
  const now = ctx.now();
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    await deleteSession(ctx.db, row.id);
    return null;
  }
  const user = await findUser(ctx.db, row.user_id);
  if (!user) return null;
  let expiresAt = new Date(row.expires_at);
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    expiresAt = sessionExpiry(new Date(row.created_at), now);
    await touchSession(ctx.db, row.id, now.toISOString(), expiresAt.toISOString());
  }
  return { sessionId: row.id, user, csrfToken: csrfTokenFor(token), expiresAt };
}
