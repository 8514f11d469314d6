import type { AdminRoute } from '../admin-env.js';
import { DocumentRow, RowAnnouncement } from '../partials/document-row.partial.js';
import { loadRowView } from '../queries/document-rows.js';
import { sevdeskDisplay } from '../sevdesk-state.js';

// GET /admin/documents/:id/row — one <tr>, polled while its transfer runs. When the state differs from the one the
// browser last saw (?was=…), the live region announces the change.
export const mountDocumentRow: AdminRoute = (admin) => {
  admin.get('/documents/:id/row', async (c) => {
    const ctx = c.get('ctx');
    const view = await loadRowView(ctx.db, c.req.param('id'), c.get('locale'));
    if (!view) return c.body(null, 404);
    const { row, rc } = view;
    const changed = c.req.query('was') !== sevdeskDisplay(row.transferState, row.bookingState).state;
    return c.html(
      <>
        <DocumentRow row={row} rc={rc} />
        {changed ? <RowAnnouncement row={row} rc={rc} /> : null}
      </>,
    );
  });
};
