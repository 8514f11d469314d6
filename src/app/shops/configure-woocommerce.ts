import { z } from 'zod';
import { findShopRow, type Shop, toShop, updateShop } from '../../db/repos/shops.repo.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { parseInput } from './parse-input.js';
import { secretAad } from './shop-secrets.js';

export const wooConnectionSchema = z.strictObject({
  url: z
    .url({ error: 'must be the shop URL, e.g. https://shop.example.com' })
    .refine((u) => /^https?:\/\//.test(u), { error: 'must start with https:// (or http:// for local tests)' })
    .transform((u) => u.replace(/\/+$/, '')),
  consumerKey: z.string().trim().min(1, { error: 'consumer key is required' }).max(200),
  consumerSecret: z.string().trim().min(1, { error: 'consumer secret is required' }).max(200),
});

/** Store the WooCommerce REST credentials (encrypted at rest) used to fetch refunds and import history. */
export async function configureWooCommerce(ctx: AppContext, shopId: string, input: unknown): Promise<Shop> {
  const row = await findShopRow(ctx.db, shopId);
  if (!row) throw notFound(`Shop ${shopId}`);
  const conn = parseInput(wooConnectionSchema, input, 'WooCommerce connection');
  const change = {
    woo_url: conn.url,
    woo_consumer_key_enc: ctx.secrets.encrypt(conn.consumerKey, secretAad(shopId, 'woo_consumer_key_enc')),
    woo_consumer_secret_enc: ctx.secrets.encrypt(conn.consumerSecret, secretAad(shopId, 'woo_consumer_secret_enc')),
  };
  const now = ctx.now().toISOString();
  await updateShop(ctx.db, shopId, change, now);
  return toShop({ ...row, ...change, updated_at: now });
}
