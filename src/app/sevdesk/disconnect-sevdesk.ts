import { findConnection, markDisconnected, purgeCache } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { type ConnectionView, connectionView } from './connection-view.js';
import { PAUSE_MS } from './pause-shop.js';

// "Verbindung trennen": the token is deleted, the cached sevDesk data dropped, and the shop's pending sevDesk
// work waits until it is connected again. Transfer records and their sevDesk ids stay.
export async function disconnectSevdesk(ctx: AppContext, shopId: string): Promise<ConnectionView> {
  const shop = await findShop(ctx.db, shopId);
  if (!shop) throw notFound('shop');
  const existing = await findConnection(ctx.db, shopId);
  if (existing) {
    const now = ctx.now();
    await markDisconnected(ctx.db, shopId, now.toISOString());
    await purgeCache(ctx.db, [existing.connectionId]);
    await ctx.queue.deferShop(shopId, now.getTime() + PAUSE_MS);
    ctx.logger.info({ shopId }, 'sevDesk disconnected');
  }
  return connectionView(shopId, shop.settings.sevdesk.active, await findConnection(ctx.db, shopId));
}
