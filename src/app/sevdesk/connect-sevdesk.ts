import { z } from 'zod';
import { findConnection, purgeCache, saveConnection, tokenAad } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { messages } from '../../domain/transfer/messages.js';
import type { GuidanceRow } from '../../integrations/sevdesk/sevdesk-api.js';
import { SevdeskAuthError } from '../../integrations/sevdesk/sevdesk-errors.js';
import { AppError, issuesFromZod, notFound, validationError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { requeueStoppedTransfers } from '../transfer/enqueue-transfer.js';
import { type ConnectionView, connectionView } from './connection-view.js';
import { resumeDeferredJobs } from './pause-shop.js';
import type { SevdeskDeps } from './sevdesk-deps.js';
import { createSession, normaliseBaseUrl } from './sevdesk-session.js';
import { storeStaticData } from './static-data.js';

// "sevDesk Konto verknüpfen": verify the token, read the bookkeeping version, the check accounts and the revenue
// accounts, then store the token encrypted. Reconnecting resumes a shop whose transfers were paused.

export const connectInputSchema = z
  .object({
    token: z
      .string({ error: 'is required' })
      .trim()
      .min(1, { error: 'is required' })
      .max(256, { error: 'is too long' })
      .regex(/^[A-Za-z0-9._-]+$/, { error: 'must be the API token shown in sevDesk (letters and digits)' }),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://my.sevdesk.de/api/v1' })
      .optional(),
    requestsPerSecond: z.number().positive({ error: 'must be positive' }).max(100).optional(),
  })
  .strict();

export type ConnectInput = z.input<typeof connectInputSchema>;

/** Reasons of transfers that a working connection resolves. */
export const CONNECTION_REASONS = ['auth_invalid', 'not_connected'];

export async function connectSevdesk(
  ctx: AppContext,
  shopId: string,
  input: unknown,
  deps?: SevdeskDeps,
): Promise<ConnectionView> {
  const parsed = connectInputSchema.safeParse(input);
  if (!parsed.success) throw validationError('Invalid sevDesk connection', issuesFromZod(parsed.error.issues));
  const { token, requestsPerSecond } = parsed.data;
  const shop = await findShop(ctx.db, shopId);
  if (!shop) throw notFound('shop');
  const existing = await findConnection(ctx.db, shopId);
  const baseUrl = normaliseBaseUrl(parsed.data.baseUrl ?? existing?.baseUrl ?? ctx.config.sevdesk.baseUrl);
  const connectionId = newId('sdc');
  const session = createSession(
    ctx,
    {
      shopId,
      connectionId,
      baseUrl,
      token,
      requestsPerSecond: requestsPerSecond ?? existing?.requestsPerSecond ?? null,
      bookkeepingVersion: null,
    },
    deps,
  );

  let version: string | null;
  try {
    version = await session.api.bookkeepingVersion();
  } catch (e) {
    if (e instanceof SevdeskAuthError)
      throw new AppError('validation', 'sevdesk_token_rejected', e.localized.en, {
        issues: [{ path: 'token', message: e.localized.en }],
        detail: { de: e.localized.de, en: e.localized.en },
      });
    throw e;
  }
  if (version !== '1.0' && version !== '2.0') {
    const m = messages.bookkeepingVersionUnsupported(version);
    throw new AppError('permanent', 'sevdesk_bookkeeping_version_unsupported', m.en, {
      detail: { de: m.de, en: m.en },
    });
  }
  const checkAccounts = await session.api.checkAccounts();
  // Bookkeeping 1.0 accounts book on accountingType and may not serve ReceiptGuidance.
  const guidance: GuidanceRow[] =
    version === '2.0' ? await session.api.revenueGuidance() : await session.api.revenueGuidance().catch(() => []);
  // Static data for customer addresses, fetched once here so transfers need no lookups (best effort).
  const countries = await session.api.staticCountries().catch(() => null);
  const categories = await session.api.categories('ContactAddress').catch(() => null);

  const now = ctx.now().toISOString();
  const tokenEnc = ctx.secrets.encrypt(token, tokenAad(shopId));
  await inTransaction(ctx.db, async (tx) => {
    await saveConnection(
      tx,
      {
        shopId,
        connectionId,
        accountKey: session.accountKey,
        baseUrl,
        tokenEnc,
        bookkeepingVersion: version,
        requestsPerSecond: requestsPerSecond ?? existing?.requestsPerSecond ?? null,
        accountInfo: {
          checkAccounts: checkAccounts
            .filter((a) => a.status === null || a.status >= 100)
            .map((a) => ({ id: a.id, name: a.name, type: a.type, accountingNumber: a.accountingNumber })),
          revenueAccounts: guidance
            .filter((g) => g.receiptTypes.includes('REVENUE'))
            .map((g) => ({
              accountDatevId: g.accountDatevId,
              accountNumber: g.accountNumber,
              accountName: g.accountName,
              taxRules: g.rules.map((r) => r.id),
            })),
        },
      },
      now,
    );
    // Transfers that stopped because the connection was missing or invalid go back to the queue.
    await requeueStoppedTransfers(tx, ctx, shopId, ['paused'], CONNECTION_REASONS);
  });
  if (existing) await purgeCache(ctx.db, [existing.connectionId]);
  await storeStaticData(ctx, connectionId, 'guidance', guidance);
  if (countries) await storeStaticData(ctx, connectionId, 'countries', countries);
  if (categories) await storeStaticData(ctx, connectionId, 'addressCategories', categories);
  await resumeDeferredJobs(ctx, shopId, existing?.status === 'connected' ? null : (existing?.pausedAt ?? null));
  ctx.onJobsEnqueued?.();
  ctx.logger.info({ shopId, bookkeepingVersion: version, calls: session.calls.length }, 'sevDesk connected');
  return connectionView(shopId, shop.settings.sevdesk.active, await findConnection(ctx.db, shopId));
}
