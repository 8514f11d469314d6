import { z } from 'zod';
import { hashApiKey, insertShop, type Shop, toShop } from '../../db/repos/shops.repo.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { parseInput } from './parse-input.js';
import { newApiKey, newWebhookSecret, secretAad } from './shop-secrets.js';
import { sellerProfileSchema } from './seller-profile.schema.js';
import { validateShopSettings } from './validate-shop-settings.js';

export const createShopInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'name is required' }).max(200),
  settings: z.unknown().optional(),
  seller: z.unknown(),
});

export interface CreatedShop {
  shop: Shop;
  /** Shown once; only its hash is stored. */
  apiKey: string;
  /** The secret to enter in WooCommerce's webhook settings; stored encrypted. */
  webhookSecret: string;
}

export async function createShop(ctx: AppContext, input: unknown): Promise<CreatedShop> {
  const parsed = parseInput(createShopInputSchema, input, 'shop');
  const settings = validateShopSettings(parsed.settings ?? {});
  const seller = parseInput(sellerProfileSchema, parsed.seller, 'seller profile', 'seller');
  const id = newId('shop', ctx.now().getTime());
  const apiKey = newApiKey();
  const webhookSecret = newWebhookSecret();
  const now = ctx.now().toISOString();
  const row = {
    id,
    name: parsed.name,
    settings: JSON.stringify(settings),
    seller: JSON.stringify(seller),
    webhook_secret_enc: ctx.secrets.encrypt(webhookSecret, secretAad(id, 'webhook_secret_enc')),
    api_key_hash: hashApiKey(apiKey),
    woo_url: null,
    woo_consumer_key_enc: null,
    woo_consumer_secret_enc: null,
    created_at: now,
    updated_at: now,
  };
  await insertShop(ctx.db, row);
  ctx.logger.info({ shopId: id }, 'shop created');
  return { shop: toShop(row), apiKey, webhookSecret };
}
