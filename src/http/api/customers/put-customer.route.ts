import { customerFromInput } from '../../../app/ingest/customer-from-input.js';
import { ingestCustomer } from '../../../app/ingest/ingest-customer.js';
import { parseInput } from '../../../app/shops/parse-input.js';
import { customerInputSchema } from '../../../domain/orders/order-input.schema.js';
import { validationError } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { modifiedAtHeader } from '../api-responses.js';

export const PUT_CUSTOMER_PATH = '/api/v1/shops/:shopId/customers/:externalId';

/** Create or update a customer; the sevDesk contact follows (coalesced). */
export function mountPutCustomer(app: HttpApp): void {
  app.put(PUT_CUSTOMER_PATH, requireShopApiKey, async (c) => {
    const externalId = c.req.param('externalId');
    const modifiedAt = modifiedAtHeader(c.req.header('x-shop-modified-at'));
    if (modifiedAt === 'invalid') {
      throw validationError('Invalid X-Shop-Modified-At header.', [
        { path: '(header) X-Shop-Modified-At', message: 'must be an ISO 8601 date-time with offset or Z' },
      ]);
    }
    const input = parseInput(customerInputSchema, await readJsonBody(c), 'customer');
    if (input.id != null && String(input.id) !== externalId) {
      throw validationError('Invalid customer.', [
        { path: 'id', message: `must equal the id in the URL (${externalId})` },
      ]);
    }
    const result = await ingestCustomer(c.get('ctx'), c.get('shop'), {
      externalId,
      customer: customerFromInput(input, externalId),
      sourceModifiedAt: modifiedAt,
    });
    return c.json(result, result.outcome === 'created' ? 201 : 200);
  });
}
