import { randomBytes } from 'node:crypto';
import type { ShopsTable } from '../../db/database.js';
import type { SecretBox } from '../../lib/crypto/secret-box.js';

// Where each shop secret lives; the AAD binds a ciphertext to its row and column.
export const secretAad = (shopId: string, column: keyof ShopsTable) => `shops:${shopId}:${column}`;

/** API keys: a recognisable prefix (for secret scanners) and 256 random bits. */
export const newApiKey = () => `bfk_${randomBytes(32).toString('base64url')}`;
export const newWebhookSecret = () => randomBytes(24).toString('base64url');

export function webhookSecretOf(secrets: SecretBox, row: ShopsTable): string | null {
  return row.webhook_secret_enc
    ? secrets.decrypt(row.webhook_secret_enc, secretAad(row.id, 'webhook_secret_enc'))
    : null;
}

export interface WooCredentials {
  url: string;
  consumerKey: string;
  consumerSecret: string;
}

export function wooCredentialsOf(secrets: SecretBox, row: ShopsTable): WooCredentials | null {
  if (!row.woo_url || !row.woo_consumer_key_enc || !row.woo_consumer_secret_enc) return null;
  return {
    url: row.woo_url,
    consumerKey: secrets.decrypt(row.woo_consumer_key_enc, secretAad(row.id, 'woo_consumer_key_enc')),
    consumerSecret: secrets.decrypt(row.woo_consumer_secret_enc, secretAad(row.id, 'woo_consumer_secret_enc')),
  };
}
