import { createHash } from 'node:crypto';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';
import { type ShopSettings, shopSettingsSchema } from '../../domain/shops/shop-settings.js';
import type { Db, ShopsTable } from '../database.js';

export interface Shop {
  id: string;
  name: string;
  settings: ShopSettings;
  seller: SellerProfile;
  wooUrl: string | null;
  hasWebhookSecret: boolean;
  createdAt: string;
  updatedAt: string;
}

/** API keys are stored only as SHA-256 hashes (they are high-entropy random strings, so no slow hash is needed). */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function toShop(row: ShopsTable): Shop {
  return {
    id: row.id,
    name: row.name,
    settings: shopSettingsSchema.parse(JSON.parse(row.settings)),
    seller: JSON.parse(row.seller) as SellerProfile,
    wooUrl: row.woo_url,
    hasWebhookSecret: row.webhook_secret_enc !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertShop(db: Db, row: ShopsTable): Promise<void> {
  await db.insertInto('shops').values(row).execute();
}

export async function findShopRow(db: Db, id: string): Promise<ShopsTable | undefined> {
  return db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShop(db: Db, id: string): Promise<Shop | null> {
  const row = await findShopRow(db, id);
  return row ? toShop(row) : null;
}

export async function findShopByApiKey(db: Db, apiKey: string): Promise<Shop | null> {
  const row = await db
    .selectFrom('shops')
    .selectAll()
    .where('api_key_hash', '=', hashApiKey(apiKey))
    .executeTakeFirst();
  return row ? toShop(row) : null;
}

export async function listShops(db: Db): Promise<Shop[]> {
  const rows = await db.selectFrom('shops').selectAll().orderBy('created_at').execute();
  return rows.map(toShop);
}

export async function updateShop(
  db: Db,
  id: string,
  change: Partial<
    Pick<
      ShopsTable,
      | 'name'
      | 'settings'
      | 'seller'
      | 'webhook_secret_enc'
      | 'api_key_hash'
      | 'woo_url'
      | 'woo_consumer_key_enc'
      | 'woo_consumer_secret_enc'
    >
  >,
  now: string,
): Promise<void> {
  await db
    .updateTable('shops')
    .set({ ...change, updated_at: now })
    .where('id', '=', id)
    .execute();
}
