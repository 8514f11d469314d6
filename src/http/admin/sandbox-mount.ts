import { resolveSession } from '../../app/auth/resolve-session.js';
import { SANDBOX_API_PATH, SANDBOX_MOUNT } from '../../app/demo/sandbox-paths.js';
import type { Sandbox } from '../../sandbox/create-sandbox.js';
import type { RouteModule } from '../app.js';
import { readSessionCookie } from './cookies.js';

// Testmodus: the sandbox inside the Belegfluss server. Its sevDesk API (/sandbox/api/v1) authenticates with the
// sandbox's own tokens, like sevDesk; its inspection pages and control API (voucher view, revoke, faults) are
// for signed-in admins only — with the SameSite=Strict session cookie, another site cannot use them either.
export function sandboxRouteModule(sandbox: Sandbox): RouteModule {
  return (app) => {
    app.use(`${SANDBOX_MOUNT}/*`, async (c, next) => {
      if (c.req.path.startsWith(`${SANDBOX_API_PATH}/`)) return next();
      const session = await resolveSession(c.get('ctx'), readSessionCookie(c));
      if (!session) return c.redirect('/admin/login', 303);
      return next();
    });
    app.route(SANDBOX_MOUNT, sandbox.app);
  };
}
