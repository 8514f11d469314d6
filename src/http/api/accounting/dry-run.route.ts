import { dryRunTransfer } from '../../../app/accounting/dry-run-transfer.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const DRY_RUN_PATH = '/api/v1/shops/:shopId/documents/:documentId/dry-run';

/** Exactly what a transfer would send to sevDesk (contact, voucher, positions, booking) — nothing is sent. */
export function mountDryRun(app: HttpApp): void {
  app.get(DRY_RUN_PATH, requireShopApiKey, async (c) =>
    c.json(await dryRunTransfer(c.get('ctx'), c.req.param('documentId'), { shopId: c.get('shop').id })),
  );
}
