import {
  type SevdeskConnection,
  findConnection,
  readCache,
  writeCache,
} from '../../db/repos/sevdesk-connections.repo.js';
import type { CostCentreInfo, GuidanceRow } from '../../integrations/sevdesk/sevdesk-api.js';
import type { AppContext } from '../context.js';
import { sevdeskDepsFor } from '../sevdesk/sevdesk-deps.js';
import { openSession, type SevdeskSession } from '../sevdesk/sevdesk-session.js';
import { DEFAULT_CACHE_TTL_MS, revenueGuidance } from '../sevdesk/static-data.js';

// The sevDesk data the accounting settings are judged against — the account's revenue guidance and its cost
// centres — read through the per-connection cache, so saving settings or a dry run costs no call while it is fresh.

const COST_CENTRES_KEY = 'costCentres';

export async function costCentres(ctx: AppContext, session: SevdeskSession): Promise<CostCentreInfo[]> {
  const now = ctx.now().getTime();
  const hit = await readCache(ctx.db, session.connectionId, COST_CENTRES_KEY, now);
  if (hit !== null) return JSON.parse(hit) as CostCentreInfo[];
  const list = await session.api.costCentres();
  const ttl = sevdeskDepsFor(ctx).cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  await writeCache(ctx.db, session.connectionId, COST_CENTRES_KEY, JSON.stringify(list), now + ttl);
  return list;
}

export { revenueGuidance };

export type GuidanceList = GuidanceRow[];

/** The shop's usable connection (connected, with a token), or null. */
export async function usableConnection(ctx: AppContext, shopId: string): Promise<SevdeskConnection | null> {
  const connection = await findConnection(ctx.db, shopId);
  if (connection?.status !== 'connected' || !connection.tokenEnc) return null;
  return connection;
}

/** A session for reads only (the caller never writes through it). */
export function readSession(ctx: AppContext, connection: SevdeskConnection): SevdeskSession {
  return openSession(ctx, connection);
}
