import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveSession } from '../../app/auth/resolve-session.js';
import type { AdminEnv } from './admin-env.js';
import { readSessionCookie, writePreferenceCookie } from './cookies.js';
import { LOCALE_COOKIE, parseLocale } from './i18n/index.js';

// Language first (the login page needs it too), then the session for everything but login and assets.

export const adminLocale: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const chosen = parseLocale(c.req.query('lang'));
  if (chosen) writePreferenceCookie(c, LOCALE_COOKIE, chosen);
  c.set('locale', chosen ?? parseLocale(getCookie(c, LOCALE_COOKIE)) ?? 'de');
  await next();
};

const PUBLIC_PATHS = [/^\/admin\/login$/, /^\/admin\/assets\//];

/** Only local admin paths are followed after login (no open redirect). */
export function safeNextPath(value: string | undefined | null): string {
  if (!value?.startsWith('/admin/') || value.startsWith('//') || /[\\\r\n]/.test(value)) {
    return '/admin/documents';
  }
  return value;
}

export const adminSession: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (PUBLIC_PATHS.some((p) => p.test(c.req.path))) return next();
  const session = await resolveSession(c.get('ctx'), readSessionCookie(c));
  if (!session) {
    const url = new URL(c.req.url);
    const loginUrl =
      c.req.method === 'GET' && !c.req.header('hx-request')
        ? `/admin/login?next=${encodeURIComponent(safeNextPath(url.pathname + url.search))}`
        : '/admin/login';
    if (c.req.header('hx-request')) {
      c.header('HX-Redirect', loginUrl);
      return c.body(null, 401);
    }
    return c.redirect(loginUrl, 303);
  }
  c.set('session', session);
  await next();
};
