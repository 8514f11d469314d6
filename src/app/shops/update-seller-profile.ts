import { findShopRow, type Shop, toShop, updateShop } from '../../db/repos/shops.repo.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { parseInput } from './parse-input.js';
import { sellerProfileSchema } from './seller-profile.schema.js';

/** Replace the seller profile (legal name, address, tax ids, bank). Documents already finalized keep theirs. */
export async function updateSellerProfile(ctx: AppContext, shopId: string, input: unknown): Promise<Shop> {
  const row = await findShopRow(ctx.db, shopId);
  if (!row) throw notFound(`Shop ${shopId}`);
  const seller = parseInput(sellerProfileSchema, input, 'seller profile');
  const now = ctx.now().toISOString();
  await updateShop(ctx.db, shopId, { seller: JSON.stringify(seller) }, now);
  return toShop({ ...row, seller: JSON.stringify(seller), updated_at: now });
}
