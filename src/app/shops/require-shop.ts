import type { Db } from '../../db/database.js';
import { findShop, type Shop } from '../../db/repos/shops.repo.js';
import { notFound } from '../../lib/errors.js';

export async function requireShop(db: Db, shopId: string): Promise<Shop> {
  const shop = await findShop(db, shopId);
  if (!shop) throw notFound(`Shop ${shopId}`);
  return shop;
}
