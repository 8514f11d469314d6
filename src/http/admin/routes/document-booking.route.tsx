import { bookManually } from '../../../app/booking/book-manually.js';
import { linkTransaction } from '../../../app/booking/link-transaction.js';
import { isAppError } from '../../../lib/errors.js';
import type { Context } from 'hono';
import type { AdminEnv, AdminRoute } from '../admin-env.js';
import { type FormBody, formValue } from '../settings-form.js';
import { renderDocumentDetail } from './document-detail.route.js';

// POST /admin/documents/:id/link-transaction ("Diese verknüpfen") and POST …/book-manually: a person resolves a
// waiting booking through the booking use cases. A refusal is shown on the document page, in the user's language
// where the use case has one.

function refusal(e: unknown, locale: 'de' | 'en'): string {
  if (!isAppError(e) || e.kind === 'internal' || e.kind === 'config') throw e;
  const d = e.detail as { de?: unknown; en?: unknown } | undefined;
  const text = d?.[locale];
  return typeof text === 'string' ? text : e.message;
}

async function shopOf(c: Context<AdminEnv>, id: string) {
  const doc = await c.get('ctx').db.selectFrom('documents').select('shop_id').where('id', '=', id).executeTakeFirst();
  return doc?.shop_id ?? null;
}

export const mountDocumentBooking: AdminRoute = (admin) => {
  admin.post('/documents/:id/link-transaction', async (c) => {
    const id = c.req.param('id');
    const shopId = await shopOf(c, id);
    if (!shopId) return c.body(null, 404);
    const transactionId = formValue((await c.req.parseBody()) as FormBody, 'transactionId') ?? '';
    try {
      await linkTransaction(c.get('ctx'), shopId, id, { transactionId });
    } catch (e) {
      return renderDocumentDetail(c, id, { error: refusal(e, c.get('locale')), status: 409 });
    }
    return c.redirect(`/admin/documents/${encodeURIComponent(id)}?done=linked#booking`, 303);
  });

  admin.post('/documents/:id/book-manually', async (c) => {
    const id = c.req.param('id');
    const shopId = await shopOf(c, id);
    if (!shopId) return c.body(null, 404);
    try {
      await bookManually(c.get('ctx'), shopId, id, {});
    } catch (e) {
      return renderDocumentDetail(c, id, { error: refusal(e, c.get('locale')), status: 409 });
    }
    return c.redirect(`/admin/documents/${encodeURIComponent(id)}?done=booked#booking`, 303);
  });
};
