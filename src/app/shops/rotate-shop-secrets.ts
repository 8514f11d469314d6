import { findShopRow, hashApiKey, updateShop } from '../../db/repos/shops.repo.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { newApiKey, newWebhookSecret, secretAad } from './shop-secrets.js';

/** A new API key; the old one stops working at once. Shown once. */
export async function rotateApiKey(ctx: AppContext, shopId: string): Promise<{ apiKey: string }> {
  if (!(await findShopRow(ctx.db, shopId))) throw notFound(`Shop ${shopId}`);
  const apiKey = newApiKey();
  await updateShop(ctx.db, shopId, { api_key_hash: hashApiKey(apiKey) }, ctx.now().toISOString());
  ctx.logger.info({ shopId }, 'API key rotated');
  return { apiKey };
}

/** A new WooCommerce webhook secret; deliveries signed with the old one are refused from now on. */
export async function rotateWebhookSecret(ctx: AppContext, shopId: string): Promise<{ webhookSecret: string }> {
  if (!(await findShopRow(ctx.db, shopId))) throw notFound(`Shop ${shopId}`);
  const webhookSecret = newWebhookSecret();
  await updateShop(
    ctx.db,
    shopId,
    { webhook_secret_enc: ctx.secrets.encrypt(webhookSecret, secretAad(shopId, 'webhook_secret_enc')) },
    ctx.now().toISOString(),
  );
  ctx.logger.info({ shopId }, 'webhook secret rotated');
  return { webhookSecret };
}

/** The stored webhook secret, for the operator who sets up WooCommerce again (CLI only). */
export async function revealWebhookSecret(ctx: AppContext, shopId: string): Promise<string | null> {
  const row = await findShopRow(ctx.db, shopId);
  if (!row) throw notFound(`Shop ${shopId}`);
  return row.webhook_secret_enc
    ? ctx.secrets.decrypt(row.webhook_secret_enc, secretAad(shopId, 'webhook_secret_enc'))
    : null;
}
