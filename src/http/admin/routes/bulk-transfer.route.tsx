import type { AdminRoute } from '../admin-env.js';
import { pageContext } from '../page-context.js';
import { BulkProgressView } from '../partials/bulk-progress.partial.js';
import { DocumentRow, type RowContext } from '../partials/document-row.partial.js';
import { loadDocumentRow } from '../queries/document-rows.js';
import { bulkCounts, startBulkTransfer } from '../transfer-actions.js';

// POST /admin/documents/bulk-transfer — "Mit sevDesk synchronisieren" for the selected documents of the current
// shop. htmx gets the progress box (which then polls) plus the selected rows out of band, so they show "queued" and
// start polling at once; without htmx the browser is redirected to the list with the progress box.
export const mountBulkTransfer: AdminRoute = (admin) => {
  admin.post('/documents/bulk-transfer', async (c) => {
    const ctx = c.get('ctx');
    const page = await pageContext(c);
    const body = await c.req.parseBody({ all: true });
    const raw = body.ids;
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === 'string' && v.length < 64,
    );
    const htmx = Boolean(c.req.header('hx-request'));
    /** Nothing started: htmx shows why in the progress box, a plain form post goes back to the list. */
    const notStarted = (message: string) => {
      const p = { id: null, total: 0, settled: 0, transferred: 0, failed: 0, skipped: 0, message };
      return htmx ? c.html(<BulkProgressView t={page.t} p={p} />) : c.redirect('/admin/documents', 303);
    };
    if (ids.length === 0 || !page.shop) return notStarted(page.t.documents.bulkNothingSelected);
    const started = await startBulkTransfer(ctx, {
      shopId: page.shop.id,
      userId: c.get('session').user.id,
      documentIds: ids,
    });
    if ('refused' in started) return notStarted(started.refused[page.locale]);
    const { bulk, skipped } = started;
    if (!htmx) return c.redirect(`/admin/documents?bulk=${encodeURIComponent(bulk.id)}`, 303);
    const counts = await bulkCounts(ctx, bulk);
    const rc: RowContext = { t: page.t, fmt: page.fmt, locale: page.locale, connection: page.connection };
    const rows = (await Promise.all(bulk.documentIds.map((id) => loadDocumentRow(ctx.db, id)))).filter(
      (r) => r !== null,
    );
    const message = bulk.documentIds.length === 0 ? page.t.documents.bulkOnlyFinalized : null;
    return c.html(
      <>
        <BulkProgressView t={page.t} p={{ id: bulk.id, skipped, message, ...counts }} />
        {rows.map((row) => (
          // Table rows cannot stand alone in a fragment: htmx swaps them out of band from a <template>.
          <template>
            <DocumentRow row={row} rc={rc} oob />
          </template>
        ))}
      </>,
    );
  });
};
