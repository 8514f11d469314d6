import { findConnection } from '../../db/repos/sevdesk-connections.repo.js';
import { findShopRow, toShop, updateShop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { requeueStoppedTransfers } from '../transfer/enqueue-transfer.js';
import { type ConnectionView, connectionView } from './connection-view.js';

// "Schnittstelle aktivieren" (settings.sevdesk.active). While inactive nothing is sent; activating again sends
// the transfers that stopped because the interface was off.
export async function setSevdeskActive(ctx: AppContext, shopId: string, active: boolean): Promise<ConnectionView> {
  const shop = await inTransaction(ctx.db, async (tx) => {
    const row = await findShopRow(tx, shopId);
    if (!row) throw notFound('shop');
    const current = toShop(row);
    if (current.settings.sevdesk.active !== active) {
      const settings = { ...current.settings, sevdesk: { ...current.settings.sevdesk, active } };
      await updateShop(tx, shopId, { settings: JSON.stringify(settings) }, ctx.now().toISOString());
    }
    if (active) await requeueStoppedTransfers(tx, ctx, shopId, ['paused'], ['interface_inactive']);
    return current;
  });
  if (active) ctx.onJobsEnqueued?.();
  ctx.logger.info({ shopId, active }, 'sevDesk interface activation changed');
  return connectionView(shop.id, active, await findConnection(ctx.db, shopId));
}
