import { z } from 'zod';
import { listShopTransfers } from '../../../app/transfer/transfer-log.js';
import { issuesFromZod, validationError } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { TRANSFERS_PATH } from './request-transfers.route.js';

export const listTransfersQuerySchema = z.object({
  state: z.string().max(200).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).optional(),
  before: z.string().max(64).optional(),
});

/** Transfers of the shop, newest first, optionally by state (`?state=failed,needs_attention`). No sevDesk call. */
export function mountListTransfers(app: HttpApp): void {
  app.get(TRANSFERS_PATH, requireShopApiKey, async (c) => {
    const parsed = listTransfersQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw validationError('Invalid query', issuesFromZod(parsed.error.issues));
    const transfers = await listShopTransfers(c.get('ctx'), c.get('shop').id, parsed.data);
    return c.json({ transfers, next: transfers.length > 0 ? transfers[transfers.length - 1]!.id : null });
  });
}
