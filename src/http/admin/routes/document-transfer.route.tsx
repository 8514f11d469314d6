import type { AdminRoute } from '../admin-env.js';
import { loadConnectionView } from '../connection-view.js';
import { formatterFor, messagesFor } from '../i18n/index.js';
import { DocumentRow, RowAnnouncement, type RowContext } from '../partials/document-row.partial.js';
import { loadDocumentRow } from '../queries/document-rows.js';
import { transferOneDocument } from '../transfer-actions.js';

// POST /admin/documents/:id/transfer — the sevDesk icon of a row. Answers with the updated <tr> (htmx swaps it in
// place and it starts polling); without htmx it redirects back.
export const mountDocumentTransfer: AdminRoute = (admin) => {
  admin.post('/documents/:id/transfer', async (c) => {
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const result = await transferOneDocument(ctx, id);
    if (result.outcome === 'not_found') return c.body(null, 404);
    if (!c.req.header('hx-request')) return c.redirect(`/admin/documents/${encodeURIComponent(id)}`, 303);
    const row = await loadDocumentRow(ctx.db, id);
    if (!row) return c.body(null, 404);
    const locale = c.get('locale');
    const rc: RowContext = {
      t: messagesFor(locale),
      fmt: formatterFor(locale),
      locale,
      connection: await loadConnectionView(ctx.db, row.shopId),
    };
    // A refusal (e.g. the interface is not active) is announced; the row stays as it is.
    const refusal = result.outcome === 'refused' ? result.reason[locale] : null;
    return c.html(
      <>
        <DocumentRow row={row} rc={rc} />
        {refusal ? (
          <div id="announcer" class="visually-hidden" role="status" aria-live="polite" hx-swap-oob="true">
            {refusal}
          </div>
        ) : (
          <RowAnnouncement row={row} rc={rc} />
        )}
        {refusal ? (
          <div id="bulk-progress" class="progress" role="status" aria-live="polite" hx-swap-oob="true">
            <span class="field-error">{refusal}</span>
          </div>
        ) : null}
      </>,
    );
  });
};
