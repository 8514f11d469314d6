import { getDocument } from '../../../app/documents/get-document.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const GET_DOCUMENT_PATH = '/api/v1/shops/:shopId/documents/:documentId';

/** One document with its lines, totals per rate, tax case, attention reasons, files and transfer state. */
export function mountGetDocument(app: HttpApp): void {
  app.get(GET_DOCUMENT_PATH, requireShopApiKey, async (c) => {
    return c.json(await getDocument(c.get('ctx'), c.get('shop').id, c.req.param('documentId')));
  });
}
