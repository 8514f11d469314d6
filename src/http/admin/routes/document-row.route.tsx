import type { AdminRoute } from '../admin-env.js';
import { loadConnectionView } from '../connection-view.js';
import { formatterFor, messagesFor } from '../i18n/index.js';
import { DocumentRow, RowAnnouncement, type RowContext } from '../partials/document-row.partial.js';
import { loadDocumentRow } from '../queries/document-rows.js';
import { sevdeskDisplay } from '../sevdesk-state.js';

// GET /admin/documents/:id/row — one <tr>, polled while its transfer runs. When the state differs from the one the
// browser last saw (?was=…), the live region announces the change.
export const mountDocumentRow: AdminRoute = (admin) => {
  admin.get('/documents/:id/row', async (c) => {
    const ctx = c.get('ctx');
    const row = await loadDocumentRow(ctx.db, c.req.param('id'));
    if (!row) return c.body(null, 404);
    const locale = c.get('locale');
    const rc: RowContext = {
      t: messagesFor(locale),
      fmt: formatterFor(locale),
      locale,
      connection: await loadConnectionView(ctx.db, row.shopId),
    };
    const changed = c.req.query('was') !== sevdeskDisplay(row.transferState, row.bookingState).state;
    return c.html(
      <>
        <DocumentRow row={row} rc={rc} />
        {changed ? <RowAnnouncement row={row} rc={rc} /> : null}
      </>,
    );
  });
};
