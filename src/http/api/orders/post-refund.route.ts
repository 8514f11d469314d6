import { ingestRefund } from '../../../app/ingest/ingest-refund.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { documentChangeView } from '../api-responses.js';

export const POST_REFUND_PATH = '/api/v1/shops/:shopId/orders/:externalId/refunds';

/** A refund of a stored order → a partial cancellation (its lines with their own VAT, or split by proportion). */
export function mountPostRefund(app: HttpApp): void {
  app.post(POST_REFUND_PATH, requireShopApiKey, async (c) => {
    const body = await readJsonBody(c);
    const result = await ingestRefund(c.get('ctx'), c.get('shop'), c.req.param('externalId'), body);
    return c.json(
      { ...result, documents: result.documents.map(documentChangeView) },
      result.outcome === 'created' ? 201 : 200,
    );
  });
}
