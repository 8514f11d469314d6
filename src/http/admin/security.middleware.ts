import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { csrfTokenMatches } from '../../app/auth/session-token.js';
import type { AdminEnv } from './admin-env.js';
import { isHttps, readSessionCookie } from './cookies.js';

// Security headers, no caching of pages, and CSRF protection for every state change in the admin UI:
// the request must come from our own origin (Origin, or Referer as a fallback) AND carry the per-session token
// (hidden field `_csrf` in forms, header `X-CSRF-Token` from htmx). The login form has no session yet; the
// origin check and the SameSite cookie protect it.

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

const common = {
  contentSecurityPolicy: CSP,
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  crossOriginOpenerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
};
const overHttps = secureHeaders({ ...common, strictTransportSecurity: 'max-age=31536000' });
// HSTS over plain HTTP is ignored by browsers and would only confuse a local setup.
const overHttp = secureHeaders({ ...common, strictTransportSecurity: false });

export const adminSecurityHeaders: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const apply = isHttps(c) ? overHttps : overHttp;
  await apply(c, async () => {
    await next();
    if (!c.req.path.startsWith('/admin/assets/')) c.header('Cache-Control', 'no-store');
  });
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

function requestOrigin(c: Context): string | null {
  const origin = c.req.header('origin');
  if (origin) return origin === 'null' ? null : origin;
  const referer = c.req.header('referer');
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

export function originAllowed(c: Context): boolean {
  const origin = requestOrigin(c);
  if (!origin) return false;
  const publicUrl = c.get('ctx')?.config.publicUrl;
  if (origin === new URL(c.req.url).origin) return true;
  if (publicUrl && origin === new URL(publicUrl).origin) return true;
  // Behind a TLS-terminating proxy the request URL says http:// while the browser says https://: same host is ours.
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

async function presentedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return undefined;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

export function csrfProtection(
  onRefused: (c: Context<AdminEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (!originAllowed(c)) return onRefused(c);
    if (c.req.path !== '/admin/login') {
      const token = readSessionCookie(c);
      if (!token || !csrfTokenMatches(token, await presentedToken(c))) return onRefused(c);
    }
    await next();
  };
}
