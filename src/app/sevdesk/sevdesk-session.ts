import { createHash } from 'node:crypto';
import { type SevdeskConnection, tokenAad } from '../../db/repos/sevdesk-connections.repo.js';
import { SevdeskApi } from '../../integrations/sevdesk/sevdesk-api.js';
import { type CallRecord, SevdeskHttp } from '../../integrations/sevdesk/sevdesk-http.js';
import { AppError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { type SevdeskDeps, sevdeskDepsFor } from './sevdesk-deps.js';

// A session is one use case's view of one shop's sevDesk account: the API client (token decrypted only here,
// in memory), the pacing key of the account, and the record of every call made (for the transfer log and the
// call-economy numbers).

export interface SevdeskSession {
  api: SevdeskApi;
  shopId: string;
  connectionId: string;
  accountKey: string;
  bookkeepingVersion: string | null;
  calls: CallRecord[];
}

/** Identifies a sevDesk account without revealing the token: rate-limit key and contact-link scope. */
export function accountKeyOf(baseUrl: string, token: string): string {
  return createHash('sha256')
    .update(`${normaliseBaseUrl(baseUrl)}\n${token}`)
    .digest('hex')
    .slice(0, 24);
}

export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

export function createSession(
  ctx: AppContext,
  input: {
    shopId: string;
    connectionId: string;
    baseUrl: string;
    token: string;
    requestsPerSecond: number | null;
    bookkeepingVersion: string | null;
  },
  deps: SevdeskDeps = sevdeskDepsFor(ctx),
): SevdeskSession {
  const calls: CallRecord[] = [];
  const accountKey = accountKeyOf(input.baseUrl, input.token);
  const http = new SevdeskHttp({
    baseUrl: normaliseBaseUrl(input.baseUrl),
    token: input.token,
    accountKey,
    requestsPerSecond: input.requestsPerSecond ?? deps.requestsPerSecond ?? ctx.config.sevdesk.requestsPerSecond,
    timeoutMs: deps.timeoutMs ?? ctx.config.sevdesk.requestTimeoutMs,
    fetch: deps.fetch,
    rateLimiter: deps.rateLimiter,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.readRetryBaseMs !== undefined ? { readRetryBaseMs: deps.readRetryBaseMs } : {}),
    onCall: (call) => calls.push(call),
  });
  return {
    api: new SevdeskApi(http),
    shopId: input.shopId,
    connectionId: input.connectionId,
    accountKey,
    bookkeepingVersion: input.bookkeepingVersion,
    calls,
  };
}

/** A session on the stored connection of a shop (which must be connected). */
export function openSession(ctx: AppContext, connection: SevdeskConnection, deps?: SevdeskDeps): SevdeskSession {
  if (!connection.tokenEnc)
    throw new AppError('connection', 'sevdesk_not_connected', 'This shop is not connected to sevDesk.');
  const token = ctx.secrets.decrypt(connection.tokenEnc, tokenAad(connection.shopId));
  return createSession(
    ctx,
    {
      shopId: connection.shopId,
      connectionId: connection.connectionId,
      baseUrl: connection.baseUrl,
      token,
      requestsPerSecond: connection.requestsPerSecond,
      bookkeepingVersion: connection.bookkeepingVersion,
    },
    deps,
  );
}
