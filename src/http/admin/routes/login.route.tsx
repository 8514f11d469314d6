import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { logIn } from '../../../app/auth/log-in.js';
import type { AdminEnv, AdminRoute } from '../admin-env.js';
import { writeSessionCookie } from '../cookies.js';
import { basicPageContext } from '../page-context.js';
import { LoginPage } from '../pages/login.page.js';
import { safeNextPath } from '../session.middleware.js';

// GET shows the sign-in form; POST checks the credentials (throttled per client address and e-mail).

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const mountLogin: AdminRoute = (admin) => {
  admin.get('/login', (c) => {
    const page = basicPageContext(c);
    const notice = c.req.query('bye') === '1' ? page.t.login.loggedOut : null;
    return c.html(<LoginPage page={page} next={safeNextPath(c.req.query('next'))} notice={notice} />);
  });

  admin.post('/login', async (c: Context<AdminEnv>) => {
    const page = basicPageContext(c);
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeNextPath(typeof body.next === 'string' ? body.next : null);
    const result = await logIn(c.get('ctx'), { email, password, clientAddress: clientAddress(c) });
    if (result.ok) {
      writeSessionCookie(c, result.sessionToken, result.expiresAt);
      return c.redirect(next, 303);
    }
    if (result.reason === 'throttled') {
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      c.header('Retry-After', String(seconds));
      return c.html(<LoginPage page={page} email={email} next={next} error={page.t.login.throttled(seconds)} />, 429);
    }
    return c.html(<LoginPage page={page} email={email} next={next} error={page.t.login.invalid} />, 401);
  });
};
