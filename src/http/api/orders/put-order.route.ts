import { ingestOrder } from '../../../app/ingest/ingest-order.js';
import { dotPath } from '../../../app/shops/parse-input.js';
import { parseOrderInput } from '../../../domain/orders/order-from-input.js';
import { validationError } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { documentChangeView, modifiedAtHeader } from '../api-responses.js';

export const PUT_ORDER_PATH = '/api/v1/shops/:shopId/orders/:externalId';

/** Create or replace an order snapshot; documents follow from its status (201 when new, else 200). */
export function mountPutOrder(app: HttpApp): void {
  app.put(PUT_ORDER_PATH, requireShopApiKey, async (c) => {
    const externalId = c.req.param('externalId');
    const modifiedAt = modifiedAtHeader(c.req.header('x-shop-modified-at'));
    if (modifiedAt === 'invalid') {
      throw validationError('Invalid X-Shop-Modified-At header.', [
        { path: '(header) X-Shop-Modified-At', message: 'must be an ISO 8601 date-time with offset or Z' },
      ]);
    }
    const body = await readJsonBody(c);
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const obj = body as Record<string, unknown>;
      if (obj.id === undefined) obj.id = externalId;
      else if (String(obj.id) !== externalId) {
        throw validationError('Invalid order.', [
          { path: 'id', message: `must equal the id in the URL (${externalId})` },
        ]);
      }
    }
    const parsed = parseOrderInput(body);
    if (!parsed.ok) {
      throw validationError(
        'Invalid order.',
        parsed.issues.map((i) => ({ path: dotPath(i.path), message: i.message })),
      );
    }
    const result = await ingestOrder(c.get('ctx'), c.get('shop'), {
      order: parsed.value,
      sourceModifiedAt: modifiedAt,
    });
    return c.json(
      { ...result, documents: result.documents.map(documentChangeView) },
      result.outcome === 'created' ? 201 : 200,
    );
  });
}
