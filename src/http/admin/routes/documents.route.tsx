import { findBulkAction } from '../../../db/repos/bulk-actions.repo.js';
import type { DocumentListFilter } from '../../../db/repos/documents-list.repo.js';
import type { AdminRoute } from '../admin-env.js';
import { pageContext } from '../page-context.js';
import { type DocumentFilters, DocumentsPage } from '../pages/documents.page.js';
import { BulkProgressView } from '../partials/bulk-progress.partial.js';
import { decodeCursor, loadDocumentPage } from '../queries/document-rows.js';
import { FILTERABLE_TRANSFER_STATES } from '../sevdesk-state.js';
import { bulkCounts } from '../transfer-actions.js';

// GET /admin/documents — the "Buchhaltung" list. Unknown filter values are ignored rather than refused: the
// query string is typed by people and bookmarks.

export const PAGE_SIZE = 50;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(q: (name: string) => string | undefined): DocumentFilters {
  const pick = (name: string, allowed: readonly string[]) => {
    const v = q(name) ?? '';
    return allowed.includes(v) ? v : '';
  };
  const day = (name: string) => {
    const v = q(name) ?? '';
    return ISO_DAY.test(v) ? v : '';
  };
  return {
    q: (q('q') ?? '').trim().slice(0, 100),
    type: pick('type', ['invoice', 'cancellation']),
    status: pick('status', ['draft', 'finalized', 'attention']),
    state: pick('state', FILTERABLE_TRANSFER_STATES),
    from: day('from'),
    to: day('to'),
  };
}

export function toListFilter(f: DocumentFilters, cursor: string | undefined, limit: number): DocumentListFilter {
  return {
    type: (f.type || undefined) as DocumentListFilter['type'],
    status: f.status === 'draft' || f.status === 'finalized' ? f.status : undefined,
    needsAttention: f.status === 'attention' ? true : undefined,
    transferState: f.state || undefined,
    issuedFrom: f.from || undefined,
    issuedTo: f.to || undefined,
    termPrefix: f.q ? f.q.toLowerCase() : undefined,
    after: decodeCursor(cursor),
    limit,
  };
}

export const mountDocuments: AdminRoute = (admin) => {
  admin.get('/documents', async (c) => {
    const ctx = c.get('ctx');
    const page = await pageContext(c);
    const filters = readFilters((n) => c.req.query(n));
    const cursor = c.req.query('after');
    const { rows, next } = page.shop
      ? await loadDocumentPage(ctx.db, page.shop.id, toListFilter(filters, cursor, PAGE_SIZE))
      : { rows: [], next: null };
    // Without JavaScript the bulk action redirects here with ?bulk=<id> to show its progress.
    const bulkId = c.req.query('bulk');
    const bulk = bulkId ? await findBulkAction(ctx.db, bulkId) : null;
    const progress = bulk ? (
      <BulkProgressView t={page.t} p={{ id: bulk.id, skipped: 0, ...(await bulkCounts(ctx, bulk)) }} />
    ) : undefined;
    return c.html(
      <DocumentsPage
        page={page}
        filters={filters}
        rows={rows}
        next={next}
        isFirstPage={!decodeCursor(cursor)}
        progress={progress}
      />,
    );
  });
};
