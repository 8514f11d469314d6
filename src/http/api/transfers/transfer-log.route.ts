import { z } from 'zod';
import { documentTransferLog } from '../../../app/transfer/transfer-log.js';
import { issuesFromZod, validationError } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const TRANSFER_LOG_PATH = '/api/v1/shops/:shopId/documents/:documentId/transfer-log';

export const transferLogQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).optional(),
  before: z.coerce.number({ error: 'must be a number' }).int().min(1).optional(),
});

/** Every transfer attempt of a document: when, what was sent (no secrets), result, sevDesk ids, error. */
export function mountTransferLog(app: HttpApp): void {
  app.get(TRANSFER_LOG_PATH, requireShopApiKey, async (c) => {
    const parsed = transferLogQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw validationError('Invalid query', issuesFromZod(parsed.error.issues));
    return c.json(await documentTransferLog(c.get('ctx'), c.get('shop').id, c.req.param('documentId'), parsed.data));
  });
}
