import { listDocuments } from '../../../app/documents/list-documents.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const LIST_DOCUMENTS_PATH = '/api/v1/shops/:shopId/documents';

/** Newest first, filtered, keyset-paginated (`nextCursor`). */
export function mountListDocuments(app: HttpApp): void {
  app.get(LIST_DOCUMENTS_PATH, requireShopApiKey, async (c) => {
    return c.json(await listDocuments(c.get('ctx'), c.get('shop').id, c.req.query()));
  });
}
