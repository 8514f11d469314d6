import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

// The admin cookies. The session cookie is HttpOnly and SameSite=Strict (the admin is never entered from another
// site with a state change), Secure and __Host- prefixed whenever the admin is reached over HTTPS.

const SESSION = 'belegfluss_session';
const SECURE_SESSION = `__Host-${SESSION}`;
export const SHOP_COOKIE = 'belegfluss_shop';

export function isHttps(c: Context): boolean {
  const ctx = c.get('ctx');
  return new URL(c.req.url).protocol === 'https:' || Boolean(ctx?.config.publicUrl?.startsWith('https:'));
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SECURE_SESSION) ?? getCookie(c, SESSION);
}

export function writeSessionCookie(c: Context, token: string, expiresAt: Date): void {
  const secure = isHttps(c);
  setCookie(c, secure ? SECURE_SESSION : SESSION, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION, { path: '/' });
  if (isHttps(c)) deleteCookie(c, SECURE_SESSION, { path: '/', secure: true });
}

/** A non-secret preference cookie (language, selected shop). */
export function writePreferenceCookie(c: Context, name: string, value: string): void {
  setCookie(c, name, value, {
    path: '/admin',
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    maxAge: 365 * 24 * 3600,
  });
}
