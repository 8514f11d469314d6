import type { Db, SevdeskConnectionsTable } from '../database.js';

export type ConnectionStatus = 'connected' | 'invalid' | 'disconnected';

export interface StoredError {
  code: string;
  de: string;
  en: string;
}

/** What connect() read from sevDesk, kept for the status page and the settings (no secrets). */
export interface AccountInfo {
  checkAccounts?: { id: string; name: string; type: string; accountingNumber: string | null }[];
  revenueAccounts?: { accountDatevId: string; accountNumber: string; accountName: string; taxRules: number[] }[];
}

export interface SevdeskConnection {
  shopId: string;
  connectionId: string;
  accountKey: string;
  baseUrl: string;
  tokenEnc: string | null;
  status: ConnectionStatus;
  bookkeepingVersion: string | null;
  requestsPerSecond: number | null;
  accountInfo: AccountInfo;
  lastError: StoredError | null;
  pausedAt: string | null;
  connectedAt: string | null;
  checkedAt: string | null;
  updatedAt: string;
}

/** The AAD of the encrypted token: bound to its row and column. */
export const tokenAad = (shopId: string) => `sevdesk_connections:${shopId}:token_enc`;

function toConnection(row: SevdeskConnectionsTable): SevdeskConnection {
  return {
    shopId: row.shop_id,
    connectionId: row.connection_id,
    accountKey: row.account_key,
    baseUrl: row.base_url,
    tokenEnc: row.token_enc,
    status: row.status as ConnectionStatus,
    bookkeepingVersion: row.bookkeeping_version,
    requestsPerSecond: row.requests_per_second === null ? null : Number(row.requests_per_second),
    accountInfo: JSON.parse(row.account_info || '{}') as AccountInfo,
    lastError: row.last_error ? (JSON.parse(row.last_error) as StoredError) : null,
    pausedAt: row.paused_at,
    connectedAt: row.connected_at,
    checkedAt: row.checked_at,
    updatedAt: row.updated_at,
  };
}

export async function findConnection(db: Db, shopId: string): Promise<SevdeskConnection | null> {
  const row = await db.selectFrom('sevdesk_connections').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
  return row ? toConnection(row) : null;
}

export async function saveConnection(
  db: Db,
  input: {
    shopId: string;
    connectionId: string;
    accountKey: string;
    baseUrl: string;
    tokenEnc: string;
    bookkeepingVersion: string;
    requestsPerSecond: number | null;
    accountInfo: AccountInfo;
  },
  now: string,
): Promise<void> {
  const values = {
    connection_id: input.connectionId,
    account_key: input.accountKey,
    base_url: input.baseUrl,
    token_enc: input.tokenEnc,
    status: 'connected',
    bookkeeping_version: input.bookkeepingVersion,
    requests_per_second: input.requestsPerSecond,
    account_info: JSON.stringify(input.accountInfo),
    last_error: null,
    paused_at: null,
    connected_at: now,
    checked_at: now,
    updated_at: now,
  };
  await db
    .insertInto('sevdesk_connections')
    .values({ shop_id: input.shopId, created_at: now, ...values })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
    .execute();
}

/** 401/403: the token no longer works. Returns true if this call made the change (first one pauses the shop). */
export async function markConnectionInvalid(
  db: Db,
  shopId: string,
  error: StoredError,
  now: string,
  connectionId?: string,
): Promise<boolean> {
  const res = await db
    .updateTable('sevdesk_connections')
    .set({ status: 'invalid', last_error: JSON.stringify(error), paused_at: now, checked_at: now, updated_at: now })
    .where('shop_id', '=', shopId)
    .where('status', '=', 'connected')
    .$if(connectionId !== undefined, (q) => q.where('connection_id', '=', connectionId!))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function recordConnectionCheck(
  db: Db,
  shopId: string,
  change: { lastError: StoredError | null; bookkeepingVersion?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('sevdesk_connections')
    .set({
      last_error: change.lastError ? JSON.stringify(change.lastError) : null,
      checked_at: now,
      updated_at: now,
      ...(change.bookkeepingVersion ? { bookkeeping_version: change.bookkeepingVersion } : {}),
    })
    .where('shop_id', '=', shopId)
    .execute();
}

/** Disconnect: the token is deleted; the row stays for the status page. */
export async function markDisconnected(db: Db, shopId: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('sevdesk_connections')
    .set({ status: 'disconnected', token_enc: null, paused_at: now, updated_at: now })
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Shops whose connection is invalid or disconnected: the worker does not claim their jobs. */
export async function listPausedShopIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('sevdesk_connections')
    .select('shop_id')
    .where('status', 'in', ['invalid', 'disconnected'])
    .execute();
  return rows.map((r) => r.shop_id);
}

// --- static-data cache (per connection, shared by all processes) -----------------------------

export async function readCache(db: Db, connectionId: string, key: string, nowMs: number): Promise<string | null> {
  const row = await db
    .selectFrom('sevdesk_cache')
    .select(['value', 'expires_at'])
    .where('connection_id', '=', connectionId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && Number(row.expires_at) > nowMs ? row.value : null;
}

export async function writeCache(
  db: Db,
  connectionId: string,
  key: string,
  value: string,
  expiresAt: number,
): Promise<void> {
  await db
    .insertInto('sevdesk_cache')
    .values({ connection_id: connectionId, key, value, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['connection_id', 'key']).doUpdateSet({ value, expires_at: expiresAt }))
    .execute();
}

/** Drop the cache of every connection of a shop except the current one (after reconnect or disconnect). */
export async function purgeCache(db: Db, connectionIds: string[]): Promise<void> {
  if (connectionIds.length === 0) return;
  await db.deleteFrom('sevdesk_cache').where('connection_id', 'in', connectionIds).execute();
}
