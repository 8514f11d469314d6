import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getBookingView } from '../../../app/booking/get-booking.js';
import { SEVDESK_TARGET } from '../../../app/transfer/enqueue-transfer.js';
import { findDocument } from '../../../db/repos/documents.repo.js';
import { findShop } from '../../../db/repos/shops.repo.js';
import { findTransferOfDocument, listAttempts } from '../../../db/repos/transfers.repo.js';
import { customerRef } from '../../../domain/transfer/contact-intent.js';
import { notFound } from '../../../lib/errors.js';
import type { AdminEnv, AdminRoute } from '../admin-env.js';
import { loadConnectionView } from '../connection-view.js';
import { messagesFor } from '../i18n/index.js';
import { pageContext } from '../page-context.js';
import { DocumentDetailPage } from '../pages/document-detail.page.js';

// GET /admin/documents/:id — one document in full: lines, totals per rate, tax case, customer, transfer and its
// log, booking with candidates.

export async function renderDocumentDetail(
  c: Context<AdminEnv>,
  documentId: string,
  opts: { notice?: string | null; error?: string | null; status?: ContentfulStatusCode } = {},
): Promise<Response> {
  const ctx = c.get('ctx');
  const doc = await findDocument(ctx.db, documentId);
  if (!doc) throw notFound('Document');
  const page = await pageContext(c);
  // The document's own shop decides the connection (the selected shop may be another one).
  if (page.shop?.id !== doc.shopId) page.connection = await loadConnectionView(ctx.db, doc.shopId);
  const [shop, transfer, attempts, cancellations, cancelled] = await Promise.all([
    findShop(ctx.db, doc.shopId),
    findTransferOfDocument(ctx.db, doc.id, SEVDESK_TARGET),
    listAttempts(ctx.db, doc.id, { limit: 50 }),
    ctx.db
      .selectFrom('documents')
      .select(['id', 'number'])
      .where('cancels_document_id', '=', doc.id)
      .orderBy('id')
      .execute(),
    doc.cancelsDocumentId
      ? ctx.db
          .selectFrom('documents')
          .select(['id', 'number'])
          .where('id', '=', doc.cancelsDocumentId)
          .executeTakeFirst()
      : undefined,
  ]);
  const booking = await getBookingView(ctx, doc.shopId, doc.id).catch((e) => {
    ctx.logger.warn({ err: e, documentId: doc.id }, 'booking view unavailable');
    return null;
  });
  const ref = shop
    ? customerRef(doc.data.customer, doc.data.orderNumber, {
        prefix: shop.settings.sevdesk.customerNumberPrefix,
        guestContacts: shop.settings.sevdesk.guestContacts,
      })
    : null;
  return c.html(
    <DocumentDetailPage
      page={page}
      d={{
        doc,
        orderNumber: doc.data.orderNumber,
        transfer,
        // The booking steps have their own log below.
        attempts: attempts.filter((a) => a.action !== 'book'),
        cancellations,
        cancelled: cancelled ?? null,
        customerNumber: ref && ref.kind !== 'none' ? ref.customerNumber : null,
        booking,
      }}
      notice={opts.notice ?? null}
      error={opts.error ?? null}
    />,
    opts.status ?? 200,
  );
}

export const mountDocumentDetail: AdminRoute = (admin) => {
  admin.get('/documents/:id', async (c) => {
    const t = messagesFor(c.get('locale'));
    const done = c.req.query('done');
    const notice = done === 'linked' ? t.detail.linked : done === 'booked' ? t.detail.bookedManually : null;
    return renderDocumentDetail(c, c.req.param('id'), { notice });
  });
};
