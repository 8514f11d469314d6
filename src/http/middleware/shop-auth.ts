import type { MiddlewareHandler } from 'hono';
import { findShopByApiKey } from '../../db/repos/shops.repo.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { HttpEnv } from '../app.js';

// Per-shop API key: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. Only the key's SHA-256 is stored, so
// the lookup is by hash. A key opens only its own shop: another shop's id answers 404 (nothing is revealed).

function presentedKey(authorization: string | undefined, apiKeyHeader: string | undefined): string | null {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const key = bearer ?? apiKeyHeader?.trim();
  return key && key.length <= 200 ? key : null;
}

export const requireShopApiKey: MiddlewareHandler<HttpEnv> = async (c, next) => {
  const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
  if (!key) {
    c.header('WWW-Authenticate', 'Bearer realm="belegfluss"');
    throw new AppError('unauthorized', 'api_key_missing', 'An API key is required (Authorization: Bearer <key>).');
  }
  const shop = await findShopByApiKey(c.get('ctx').db, key);
  if (!shop) {
    c.header('WWW-Authenticate', 'Bearer realm="belegfluss", error="invalid_token"');
    throw new AppError('unauthorized', 'api_key_invalid', 'The API key is not valid.');
  }
  const shopId = c.req.param('shopId');
  if (shopId !== undefined && shopId !== shop.id) throw notFound(`Shop ${shopId}`);
  c.set('shop', shop);
  await next();
};
