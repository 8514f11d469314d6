import { findBulkAction } from '../../../db/repos/bulk-actions.repo.js';
import type { AdminRoute } from '../admin-env.js';
import { messagesFor } from '../i18n/index.js';
import { BulkProgressView } from '../partials/bulk-progress.partial.js';
import { bulkCounts } from '../transfer-actions.js';

// GET /admin/bulk/:id — the polled progress box of a bulk transfer.
export const mountBulkProgress: AdminRoute = (admin) => {
  admin.get('/bulk/:id', async (c) => {
    const ctx = c.get('ctx');
    const bulk = await findBulkAction(ctx.db, c.req.param('id'));
    if (!bulk) return c.body(null, 404);
    const counts = await bulkCounts(ctx, bulk);
    return c.html(<BulkProgressView t={messagesFor(c.get('locale'))} p={{ id: bulk.id, skipped: 0, ...counts }} />);
  });
};
