import { finalizeDraft } from '../../../app/documents/finalize-draft.js';
import { getDocument } from '../../../app/documents/get-document.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { documentChangeView } from '../api-responses.js';

export const FINALIZE_DOCUMENT_PATH = '/api/v1/shops/:shopId/documents/:documentId/finalize';

/** Draft → finalized: number, issue date, PDF (and e-invoice); 409 when already finalized or refused. */
export function mountFinalizeDocument(app: HttpApp): void {
  app.post(FINALIZE_DOCUMENT_PATH, requireShopApiKey, async (c) => {
    const ctx = c.get('ctx');
    const shop = c.get('shop');
    const result = await finalizeDraft(ctx, shop, c.req.param('documentId'));
    return c.json({
      document: await getDocument(ctx, shop.id, result.document.id),
      followUps: result.followUps.map(documentChangeView),
    });
  });
}
