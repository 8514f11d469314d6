// The request log of the inspection API: when each /api/v1 request of an account arrived and when its answer
// left, as the sandbox saw them. Tests and benchmarks read it to check, from sevDesk's side, that requests to one
// account were paced and never overlapped — whichever client processes sent them.
//
//   GET    /__sandbox/accounts/:token/requests   → { requests: [{ method, path, startedAt, endedAt, status }] }
//   DELETE /__sandbox/accounts/:token/requests   clears it
import type { Hono } from 'hono';
import { API_PREFIX } from './api-router.js';
import { INSPECT_PREFIX } from './routes/inspect.js';
import type { SandboxStore } from './state.js';

export interface LoggedRequest {
  method: string;
  /** Path below /api/v1, without the query. */
  path: string;
  /** Epoch ms with sub-millisecond precision (performance clock of the sandbox process). */
  startedAt: number;
  /** null while the request is running or when the connection was dropped by a fault. */
  endedAt: number | null;
  status: number | null;
}

/** Entries kept per account (the oldest go first). */
const DEFAULT_MAX_PER_ACCOUNT = 50_000;

const wallClock = () => performance.timeOrigin + performance.now();

export class RequestLog {
  private readonly byToken = new Map<string, LoggedRequest[]>();

  constructor(private readonly maxPerAccount = DEFAULT_MAX_PER_ACCOUNT) {}

  begin(token: string, method: string, path: string): LoggedRequest {
    let entries = this.byToken.get(token);
    if (!entries) {
      entries = [];
      this.byToken.set(token, entries);
    }
    const entry: LoggedRequest = { method, path, startedAt: wallClock(), endedAt: null, status: null };
    entries.push(entry);
    if (entries.length > this.maxPerAccount) entries.splice(0, entries.length - this.maxPerAccount);
    return entry;
  }

  end(entry: LoggedRequest, status: number | null): void {
    entry.endedAt = wallClock();
    entry.status = status;
  }

  get(token: string): LoggedRequest[] {
    return (this.byToken.get(token) ?? []).map((e) => ({ ...e }));
  }

  clear(token: string): void {
    this.byToken.delete(token);
  }
}

/** Registers the logging middleware (before the API routes) and the inspection routes. Known accounts only. */
export function registerRequestLog(app: Hono, store: SandboxStore, maxPerAccount?: number): RequestLog {
  const log = new RequestLog(maxPerAccount);
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const account = store.account(c.req.header('authorization')?.trim());
    if (!account) return next();
    const path = c.req.path.slice(c.req.path.indexOf(API_PREFIX) + API_PREFIX.length);
    const entry = log.begin(account.token, c.req.method, path);
    let status: number | null = null;
    try {
      await next();
      status = c.res.status;
    } finally {
      log.end(entry, status);
    }
  });
  app.get(`${INSPECT_PREFIX}/accounts/:token/requests`, (c) => {
    const token = c.req.param('token');
    if (!store.account(token)) return c.json({ error: `no sandbox account with token ${token}` }, 404);
    return c.json({ requests: log.get(token) });
  });
  app.delete(`${INSPECT_PREFIX}/accounts/:token/requests`, (c) => {
    log.clear(c.req.param('token'));
    return c.json({ cleared: true });
  });
  return log;
}
