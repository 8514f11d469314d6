import { isSandboxBaseUrl } from '../../app/demo/sandbox-mode.js';
import { SANDBOX_MOUNT } from '../../app/demo/sandbox-paths.js';
import type { Db } from '../../db/database.js';
import { parseObjectRef } from '../../domain/oss/sevdesk-ref.js';
import { type SevdeskConnection, findConnection } from '../../db/repos/sevdesk-connections.repo.js';

// The sevDesk connection of a shop as the admin UI shows it: state for the banner and the settings page, and
// whether it is the built-in sandbox ("Testmodus"). Never carries the token.

export type ConnectionState = 'none' | 'connected' | 'invalid' | 'unreachable' | 'disconnected';

export interface ConnectionView {
  shopId: string;
  state: ConnectionState;
  sandbox: boolean;
  baseUrl: string | null;
  bookkeepingVersion: string | null;
  checkedAt: string | null;
  lastError: { code: string; de: string; en: string } | null;
  checkAccounts: { id: string; name: string; type: string; accountingNumber: string | null }[];
  revenueAccounts: { accountDatevId: string; accountNumber: string; accountName: string; taxRules: number[] }[];
}

const isSandboxUrl = isSandboxBaseUrl;

export function toConnectionView(shopId: string, conn: SevdeskConnection | null): ConnectionView {
  if (!conn) {
    return {
      shopId,
      state: 'none',
      sandbox: false,
      baseUrl: null,
      bookkeepingVersion: null,
      checkedAt: null,
      lastError: null,
      checkAccounts: [],
      revenueAccounts: [],
    };
  }
  let state: ConnectionState =
    conn.status === 'invalid' ? 'invalid' : conn.status === 'disconnected' ? 'disconnected' : 'connected';
  if (state === 'connected' && conn.lastError?.code === 'host_unreachable') state = 'unreachable';
  return {
    shopId,
    state,
    sandbox: isSandboxUrl(conn.baseUrl),
    baseUrl: conn.baseUrl,
    bookkeepingVersion: conn.bookkeepingVersion,
    checkedAt: conn.checkedAt,
    lastError: conn.lastError,
    checkAccounts: conn.accountInfo.checkAccounts ?? [],
    revenueAccounts: conn.accountInfo.revenueAccounts ?? [],
  };
}

export async function loadConnectionView(db: Db, shopId: string): Promise<ConnectionView> {
  return toConnectionView(shopId, await findConnection(db, shopId));
}

/**
 * Link to the voucher of a transferred document: sevDesk's own page for a real account, the sandbox's inspection
 * page in Testmodus. OSS documents become sevDesk invoices or credit notes (stored as "Invoice:<id>"); those get no
 * link here, their reference is shown on the document page.
 */
export function voucherUrl(conn: ConnectionView, stored: string | null): string | null {
  const ref = parseObjectRef(stored);
  if (ref?.kind !== 'Voucher') return null;
  if (conn.sandbox) return `${SANDBOX_MOUNT}/inspect/vouchers/${encodeURIComponent(ref.id)}`;
  return `https://my.sevdesk.de/#/ex/detail/id/${encodeURIComponent(ref.id)}`;
}

/** Shops whose connection needs the operator: invalid token, or sevDesk unreachable. One query for all shops. */
export async function loadConnectionProblems(
  db: Db,
): Promise<{ shopId: string; state: 'invalid' | 'unreachable'; sandbox: boolean }[]> {
  const rows = await db
    .selectFrom('sevdesk_connections')
    .select(['shop_id', 'status', 'last_error', 'base_url'])
    .where((eb) =>
      eb.or([eb('status', '=', 'invalid'), eb.and([eb('status', '=', 'connected'), eb('last_error', 'is not', null)])]),
    )
    .execute();
  const out: { shopId: string; state: 'invalid' | 'unreachable'; sandbox: boolean }[] = [];
  for (const r of rows) {
    if (r.status === 'invalid') out.push({ shopId: r.shop_id, state: 'invalid', sandbox: isSandboxUrl(r.base_url) });
    else if (r.last_error?.includes('"host_unreachable"'))
      out.push({ shopId: r.shop_id, state: 'unreachable', sandbox: isSandboxUrl(r.base_url) });
  }
  return out;
}
