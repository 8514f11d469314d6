import { DOCUMENT_FILE_KINDS, getDocumentFile } from '../../../app/documents/get-document-file.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const DOCUMENT_FILE_PATHS = DOCUMENT_FILE_KINDS.map(
  (kind) => [kind, `/api/v1/shops/:shopId/documents/:documentId/${kind}`] as const,
);

/** The stored PDF, CII XML or Factur-X PDF of a finalized document, byte for byte as issued. */
export function mountGetDocumentFile(app: HttpApp): void {
  for (const [kind, path] of DOCUMENT_FILE_PATHS) {
    app.get(path, requireShopApiKey, async (c) => {
      const file = await getDocumentFile(c.get('ctx'), c.get('shop').id, c.req.param('documentId'), kind);
      return c.body(new Uint8Array(file.content), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `inline; filename="${file.filename}"`,
        ETag: `"${file.sha256}"`,
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
    });
  }
}
