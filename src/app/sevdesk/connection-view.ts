import type { SevdeskConnection } from '../../db/repos/sevdesk-connections.repo.js';

// What the API, CLI and admin UI show about a connection. Never the token — not even a part of it.
export interface ConnectionView {
  shopId: string;
  status: 'not_connected' | 'connected' | 'invalid' | 'disconnected';
  active: boolean;
  baseUrl: string | null;
  bookkeepingVersion: string | null;
  requestsPerSecond: number | null;
  checkAccounts: NonNullable<SevdeskConnection['accountInfo']['checkAccounts']>;
  revenueAccounts: NonNullable<SevdeskConnection['accountInfo']['revenueAccounts']>;
  connectedAt: string | null;
  checkedAt: string | null;
  pausedAt: string | null;
  lastError: { code: string; de: string; en: string } | null;
}

export function connectionView(shopId: string, active: boolean, c: SevdeskConnection | null): ConnectionView {
  return {
    shopId,
    status: c ? c.status : 'not_connected',
    active,
    baseUrl: c?.baseUrl ?? null,
    bookkeepingVersion: c?.bookkeepingVersion ?? null,
    requestsPerSecond: c?.requestsPerSecond ?? null,
    checkAccounts: c?.accountInfo.checkAccounts ?? [],
    revenueAccounts: c?.accountInfo.revenueAccounts ?? [],
    connectedAt: c?.connectedAt ?? null,
    checkedAt: c?.checkedAt ?? null,
    pausedAt: c?.pausedAt ?? null,
    lastError: c?.lastError ?? null,
  };
}
