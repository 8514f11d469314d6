import type { AdminRoute } from '../admin-env.js';
import { DocumentRow, RowAnnouncement } from '../partials/document-row.partial.js';
import { loadRowView } from '../queries/document-rows.js';
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
    const locale = c.get('locale');
    const view = await loadRowView(ctx.db, id, locale);
    if (!view) return c.body(null, 404);
    const { row, rc } = view;
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
