import { logOut } from '../../../app/auth/log-out.js';
import type { AdminRoute } from '../admin-env.js';
import { clearSessionCookie } from '../cookies.js';

export const mountLogout: AdminRoute = (admin) => {
  admin.post('/logout', async (c) => {
    await logOut(c.get('ctx'), c.get('session').sessionId);
    clearSessionCookie(c);
    return c.redirect('/admin/login?bye=1', 303);
  });
};
