import { deleteOrder } from '../../../app/ingest/delete-order.js';
import { notFound } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const DELETE_ORDER_PATH = '/api/v1/shops/:shopId/orders/:externalId';

/** Soft delete; documents already issued stay (reverse an invoice with a cancellation, not a delete). */
export function mountDeleteOrder(app: HttpApp): void {
  app.delete(DELETE_ORDER_PATH, requireShopApiKey, async (c) => {
    const externalId = c.req.param('externalId');
    const result = await deleteOrder(c.get('ctx'), c.get('shop'), externalId);
    if (result.outcome === 'unknown' || !result.orderId) throw notFound(`Order ${externalId}`);
    return c.json({ outcome: result.outcome, orderId: result.orderId });
  });
}
