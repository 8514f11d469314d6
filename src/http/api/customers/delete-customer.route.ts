import { deleteCustomer } from '../../../app/ingest/ingest-customer.js';
import { notFound } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const DELETE_CUSTOMER_PATH = '/api/v1/shops/:shopId/customers/:externalId';

/** Soft delete: documents keep their customer snapshot. */
export function mountDeleteCustomer(app: HttpApp): void {
  app.delete(DELETE_CUSTOMER_PATH, requireShopApiKey, async (c) => {
    const externalId = c.req.param('externalId');
    const result = await deleteCustomer(c.get('ctx'), c.get('shop'), externalId);
    if (result.outcome === 'unknown') throw notFound(`Customer ${externalId}`);
    return c.json(result);
  });
}
