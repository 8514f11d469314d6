import { requestTransfers } from '../../../app/transfer/request-transfers.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const TRANSFERS_PATH = '/api/v1/shops/:shopId/transfers';

/**
 * Manual transfer: `{ documentIds: [...] }` or `{ all: true, since?: "YYYY-MM-DD" }`. Answers 202 at once with
 * the transfer ids; the worker sends them (follow them with GET …/transfers or the document's transfer log).
 */
export function mountRequestTransfers(app: HttpApp): void {
  app.post(TRANSFERS_PATH, requireShopApiKey, async (c) => {
    return c.json(await requestTransfers(c.get('ctx'), c.get('shop').id, await readJsonBody(c)), 202);
  });
}
