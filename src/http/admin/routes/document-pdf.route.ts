import { findDocumentFile } from '../../../db/repos/documents.repo.js';
import type { AdminRoute } from '../admin-env.js';
import { messagesFor } from '../i18n/index.js';

// GET /admin/documents/:id/pdf — the stored PDF (the hybrid Factur-X PDF when there is one).
export const mountDocumentPdf: AdminRoute = (admin) => {
  admin.get('/documents/:id/pdf', async (c) => {
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const doc = await ctx.db.selectFrom('documents').select(['number']).where('id', '=', id).executeTakeFirst();
    const notFound = messagesFor(c.get('locale')).common.notFound;
    if (!doc) return c.text(notFound, 404);
    const file = (await findDocumentFile(ctx.db, id, 'facturx')) ?? (await findDocumentFile(ctx.db, id, 'pdf'));
    if (!file) return c.text(notFound, 404);
    const name = `${(doc.number ?? id).replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
    return c.body(new Uint8Array(file.content), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });
};
