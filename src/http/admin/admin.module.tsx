import { Hono } from 'hono';
import { isAppError } from '../../lib/errors.js';
import type { RouteModule } from '../app.js';
import { mountAccountingAdmin } from './accounting/index.js';
import type { AdminEnv } from './admin-env.js';
import { basicPageContext } from './page-context.js';
import { ErrorPage } from './pages/error.page.js';
import { mountAssets } from './routes/assets.route.js';
import { mountBulkProgress } from './routes/bulk-progress.route.js';
import { mountBulkTransfer } from './routes/bulk-transfer.route.js';
import { mountDocumentBooking } from './routes/document-booking.route.js';
import { mountDocumentDetail } from './routes/document-detail.route.js';
import { mountDocumentPdf } from './routes/document-pdf.route.js';
import { mountDocumentRow } from './routes/document-row.route.js';
import { mountDocumentTransfer } from './routes/document-transfer.route.js';
import { mountDocuments } from './routes/documents.route.js';
import { mountLogin } from './routes/login.route.js';
import { mountLogout } from './routes/logout.route.js';
import { mountNewShop } from './routes/new-shop.route.js';
import { mountQueue } from './routes/queue.route.js';
import { mountQueueCancel } from './routes/queue-cancel.route.js';
import { mountQueueRetry } from './routes/queue-retry.route.js';
import { mountSettingsSevdesk } from './routes/settings-sevdesk.route.js';
import { mountSettingsShop } from './routes/settings-shop.route.js';
import { mountSettingsWoo } from './routes/settings-woocommerce.route.js';
import { adminSecurityHeaders, csrfProtection } from './security.middleware.js';
import { adminLocale, adminSession } from './session.middleware.js';

// The admin UI under /admin: server-rendered pages and htmx partials. Middleware order: security headers,
// language, session (everything except login and assets), CSRF (every state change).

const ROUTES = [
  mountAssets,
  mountLogin,
  mountLogout,
  mountDocuments,
  mountDocumentRow,
  mountDocumentTransfer,
  mountDocumentPdf,
  mountDocumentDetail,
  mountDocumentBooking,
  mountBulkTransfer,
  mountBulkProgress,
  mountQueue,
  mountQueueRetry,
  mountQueueCancel,
  mountSettingsShop,
  mountNewShop,
  mountSettingsWoo,
  mountSettingsSevdesk,
  mountAccountingAdmin,
];

export function createAdminApp(): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  admin.use('*', adminSecurityHeaders);
  admin.use('*', adminLocale);
  admin.use('*', adminSession);
  admin.use(
    '*',
    csrfProtection((c) => {
      const page = basicPageContext(c);
      if (c.req.header('hx-request')) return c.text(page.t.common.forbidden, 403);
      return c.html(<ErrorPage page={page} title={page.t.common.errorTitle} message={page.t.common.forbidden} />, 403);
    }),
  );
  admin.get('/', (c) => c.redirect('/admin/documents', 303));
  for (const mount of ROUTES) mount(admin);
  admin.all('*', (c) => {
    const page = basicPageContext(c);
    return c.html(<ErrorPage page={page} title={page.t.common.notFound} message={page.t.common.notFound} />, 404);
  });
  admin.onError((err, c) => {
    const page = basicPageContext(c);
    const ctx = c.get('ctx');
    if (isAppError(err) && err.kind === 'not_found') {
      return c.html(<ErrorPage page={page} title={page.t.common.notFound} message={page.t.common.notFound} />, 404);
    }
    ctx.logger.error({ err, requestId: page.requestId }, 'admin request failed');
    if (c.req.header('hx-request')) return c.text(page.t.common.errorText, 500);
    return c.html(<ErrorPage page={page} title={page.t.common.errorTitle} message={page.t.common.errorText} />, 500);
  });
  return admin;
}

export const mountAdmin: RouteModule = (app) => {
  app.route('/admin', createAdminApp());
  app.get('/', (c) => c.redirect('/admin/documents', 303));
};
