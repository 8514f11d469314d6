import { availableAccounts } from '../../../app/accounting/available-accounts.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const AVAILABLE_ACCOUNTS_PATH = '/api/v1/shops/:shopId/accounting/accounts';

/** The connected account's revenue accounts (SKR numbers, allowed rules and rates) and cost centres. */
export function mountAvailableAccounts(app: HttpApp): void {
  app.get(AVAILABLE_ACCOUNTS_PATH, requireShopApiKey, async (c) =>
    c.json(await availableAccounts(c.get('ctx'), c.get('shop').id)),
  );
}
