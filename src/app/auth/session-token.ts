import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The session cookie carries 32 random bytes; the database keeps only their SHA-256, so a leaked database
// (or backup) contains no usable session. The CSRF token is derived from the session token, so it needs no
// storage and dies with the session.

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const csrfTokenFor = (sessionToken: string): string =>
  createHash('sha256').update(`belegfluss-csrf\n${sessionToken}`).digest('base64url');

export function csrfTokenMatches(sessionToken: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Idle timeout and absolute lifetime of a session. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Don't write last_seen_at on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

/** When a session seen `now` expires: idle timeout, capped by the absolute lifetime. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}
