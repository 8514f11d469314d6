import { findConnection, recordConnectionCheck } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { countTransfersByState } from '../../db/repos/transfers.repo.js';
import { type LocalizedMessage, messages } from '../../domain/transfer/messages.js';
import {
  SevdeskAuthError,
  SevdeskNetworkError,
  SevdeskServerError,
  isSevdeskError,
} from '../../integrations/sevdesk/sevdesk-errors.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { type ConnectionView, connectionView } from './connection-view.js';
import { pauseShopForAuth } from './pause-shop.js';
import type { SevdeskDeps } from './sevdesk-deps.js';
import { openSession } from './sevdesk-session.js';

// "Keine Verbindung zu sevDesk möglich": the seed's two diagnoses made precise — the host cannot reach sevDesk
// (DNS, TCP, TLS, proxy) versus authentication no longer valid (401/403; API access needs a plan with API) —
// plus sevDesk itself being down. One cheap read (bookkeeping version) when a live check is asked for.

export interface Diagnosis {
  ok: boolean;
  code: string;
  de: string;
  en: string;
}

export interface StatusView extends ConnectionView {
  diagnosis: Diagnosis;
  /** Transfers per state, for the overview (no sevDesk call). */
  transfers: Record<string, number>;
}

const ok = (m: LocalizedMessage): Diagnosis => ({ ok: true, ...m });
const bad = (m: LocalizedMessage): Diagnosis => ({ ok: false, ...m });

export async function sevdeskStatus(
  ctx: AppContext,
  shopId: string,
  opts: { live?: boolean; deps?: SevdeskDeps } = {},
): Promise<StatusView> {
  const shop = await findShop(ctx.db, shopId);
  if (!shop) throw notFound('shop');
  let connection = await findConnection(ctx.db, shopId);
  let diagnosis: Diagnosis;
  if (!connection || connection.status === 'disconnected' || !connection.tokenEnc) {
    diagnosis = bad(messages.notConnected());
  } else if (connection.status === 'invalid') {
    diagnosis = bad(connection.lastError ?? messages.authInvalid(401));
  } else if (!opts.live) {
    diagnosis = connection.lastError
      ? bad(connection.lastError)
      : ok(messages.connected(connection.bookkeepingVersion ?? '?'));
  } else {
    const session = openSession(ctx, connection, opts.deps);
    const now = ctx.now().toISOString();
    try {
      const version = await session.api.bookkeepingVersion();
      diagnosis =
        version === '1.0' || version === '2.0'
          ? ok(messages.connected(version))
          : bad(messages.bookkeepingVersionUnsupported(version));
      await recordConnectionCheck(
        ctx.db,
        shopId,
        { lastError: diagnosis.ok ? null : diagnosis, bookkeepingVersion: version },
        now,
      );
    } catch (e) {
      if (e instanceof SevdeskAuthError) {
        await pauseShopForAuth(ctx, connection, e);
        diagnosis = bad(e.localized);
      } else if (e instanceof SevdeskNetworkError || e instanceof SevdeskServerError || isSevdeskError(e)) {
        diagnosis = bad(e.localized);
        await recordConnectionCheck(ctx.db, shopId, { lastError: diagnosis }, now);
      } else throw e;
    }
    connection = await findConnection(ctx.db, shopId);
  }
  return {
    ...connectionView(shopId, shop.settings.sevdesk.active, connection),
    diagnosis,
    transfers: await countTransfersByState(ctx.db, shopId),
  };
}
