// The one place that talks HTTP to sevDesk: auth header, pacing per account, timeouts, the response envelope,
// errors inside HTTP 200, and the retry policy of sevdesk-api.md §1.4 — reads are retried on 5xx and network
// errors, a 429 is waited out (it was not executed), a write is NEVER repeated after an unclear outcome.
import type { NetworkFailure } from '../../domain/transfer/messages.js';
import { currentJobSignal, LeaseLostError, throwIfJobCancelled } from '../../lib/job-scope.js';
import { RateLimiterUnavailableError } from '../../ports/rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';
import { recordSevdeskRequest } from './request-metrics.js';
import {
  SevdeskAmbiguousWriteError,
  SevdeskAuthError,
  SevdeskNetworkError,
  SevdeskNotFoundError,
  SevdeskRateLimitedError,
  SevdeskRejectedError,
  SevdeskServerError,
} from './sevdesk-errors.js';

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface CallRecord {
  method: string;
  /** Route with query; values of personal filters (e-mail) are masked. */
  path: string;
  status: number | null;
  ms: number;
  outcome: 'ok' | 'retry' | 'error';
  error?: string;
}

export interface SevdeskHttpOptions {
  baseUrl: string;
  token: string;
  /** Pacing key: one per sevDesk account (token), shared by every shop using it. */
  accountKey: string;
  requestsPerSecond: number;
  timeoutMs: number;
  fetch: FetchFn;
  rateLimiter: RateLimiter;
  sleep?: (ms: number) => Promise<void>;
  /** Extra tries for a read after 5xx or a network error (default 2). */
  readRetries?: number;
  readRetryBaseMs?: number;
  /** 429s waited out in-process before the job is handed back to the queue (default 2). */
  max429Waits?: number;
  userAgent?: string;
  onCall?: (call: CallRecord) => void;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export type RequestBody = { json: unknown } | { form: FormData } | undefined;

const MIN_RETRY_AFTER_MS = 250;
const MAX_RETRY_AFTER_MS = 30_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SevdeskHttp {
  readonly host: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: SevdeskHttpOptions) {
    this.host = safeHost(opts.baseUrl);
    this.sleep = opts.sleep ?? defaultSleep;
  }

  get(path: string, query: Query = {}): Promise<unknown> {
    return this.call('GET', path, query, undefined);
  }

  /** A write: executed at most once per call. An unclear outcome throws SevdeskAmbiguousWriteError. */
  write(method: 'POST' | 'PUT' | 'DELETE', path: string, body: RequestBody, operation: string): Promise<unknown> {
    return this.call(method, path, {}, body, operation);
  }

  private async call(
    method: string,
    path: string,
    query: Query,
    body: RequestBody,
    operation?: string,
  ): Promise<unknown> {
    const isRead = method === 'GET';
    const url = this.url(path, query);
    const shownPath = maskPath(path, query);
    // Taken now: the rate limiter may run the send from another async context (a timer of another caller).
    const jobSignal = currentJobSignal();
    let readTries = 0;
    let waits429 = 0;
    for (;;) {
      const started = performance.now();
      // When the request left (after pacing): the latency histogram measures sevDesk, not our rate limit.
      let sentAt: number | null = null;
      const record = (status: number | null, outcome: CallRecord['outcome'], error?: string) => {
        recordSevdeskRequest(
          method,
          path,
          status,
          outcome,
          sentAt === null ? null : (performance.now() - sentAt) / 1000,
        );
        this.opts.onCall?.({
          method,
          path: shownPath,
          status,
          ms: Math.round(performance.now() - started),
          outcome,
          ...(error ? { error } : {}),
        });
      };
      let response: Response;
      let parsed: unknown;
      try {
        ({ response, parsed } = await this.opts.rateLimiter.run(
          this.opts.accountKey,
          this.opts.requestsPerSecond,
          () => {
            // Checked after pacing, right before sending: a job that lost its lease waited here, too.
            throwIfJobCancelled(jobSignal);
            sentAt = performance.now();
            return this.send(method, url, body);
          },
        ));
      } catch (e) {
        // Nothing was sent: not a network failure, and never an ambiguous write.
        if (e instanceof RateLimiterUnavailableError || e instanceof LeaseLostError) throw e;
        const failure = classifyNetworkError(e);
        const err = new SevdeskNetworkError(failure, this.host, e);
        if (isRead && err.mayHaveArrived && readTries < (this.opts.readRetries ?? 2)) {
          record(null, 'retry', failure);
          await this.sleep(this.backoff(readTries++));
          continue;
        }
        record(null, 'error', failure);
        if (!isRead && err.mayHaveArrived) throw new SevdeskAmbiguousWriteError(operation ?? `${method} ${path}`, err);
        throw err;
      }

      const status = response.status;
      if (status === 429) {
        const wait = retryAfterMs(response.headers.get('retry-after'));
        this.opts.rateLimiter.pause(this.opts.accountKey, wait);
        if (waits429 < (this.opts.max429Waits ?? 2)) {
          record(status, 'retry', 'rate limited');
          waits429++;
          await this.sleep(wait);
          continue;
        }
        record(status, 'error', 'rate limited');
        throw new SevdeskRateLimitedError(wait);
      }
      if (status === 401 || status === 403) {
        record(status, 'error', 'authentication');
        throw new SevdeskAuthError(status);
      }
      if (status === 407) {
        record(status, 'error', 'proxy');
        throw new SevdeskNetworkError('proxy', this.host);
      }
      if (status >= 500 || (status >= 200 && status < 300 && parsed === NOT_JSON)) {
        if (isRead && readTries < (this.opts.readRetries ?? 2)) {
          record(status, 'retry', `HTTP ${status}`);
          await this.sleep(this.backoff(readTries++));
          continue;
        }
        record(status, 'error', `HTTP ${status}`);
        // A 500 may be an error that is normally a 400 (spec); for a write it may also have been executed.
        if (!isRead) throw new SevdeskAmbiguousWriteError(operation ?? `${method} ${path}`);
        throw new SevdeskServerError(status);
      }
      if (status >= 300 && status < 400) {
        record(status, 'error', 'redirect');
        throw new SevdeskRejectedError({
          status,
          code: null,
          message: `unexpected redirect to ${response.headers.get('location') ?? '(no location)'}; check the base URL`,
        });
      }
      const error = errorOf(parsed);
      if (status === 404 || error?.code === 151) {
        record(status, 'error', 'not found');
        throw new SevdeskNotFoundError(`${method} ${shownPath}`);
      }
      if (status >= 400 || error) {
        record(status, 'error', error?.message ?? `HTTP ${status}`);
        throw new SevdeskRejectedError({
          status: status >= 400 ? status : (error?.responseCode ?? status),
          code: error?.code ?? null,
          message: error?.message ?? '',
        });
      }
      record(status, 'ok');
      return (parsed as { objects?: unknown } | null)?.objects ?? null;
    }
  }

  private async send(method: string, url: string, body: RequestBody): Promise<{ response: Response; parsed: unknown }> {
    const headers: Record<string, string> = {
      Authorization: this.opts.token,
      Accept: 'application/json',
      'User-Agent': this.opts.userAgent ?? 'Belegfluss (shop to sevDesk transfer)',
    };
    let payload: RequestInit['body'];
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body && 'form' in body) {
      payload = body.form; // fetch sets multipart/form-data with its boundary
    }
    const response = await this.opts.fetch(url, {
      method,
      headers,
      body: payload,
      // No redirects: a redirected write could be replayed by the client; a redirect is an error here.
      redirect: 'manual',
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = null;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = NOT_JSON;
      }
    }
    return { response, parsed };
  }

  private url(path: string, query: Query): string {
    const base = this.opts.baseUrl.replace(/\/+$/, '');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
    const qs = params.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  private backoff(attempt: number): number {
    const base = this.opts.readRetryBaseMs ?? 500;
    return Math.round(base * 2 ** attempt * (0.75 + Math.random() * 0.5));
  }
}

const NOT_JSON = Symbol('not json');

interface ErrorObject {
  message: string;
  code: number | null;
  responseCode: number | null;
}

/** sevDesk's error object, also inside HTTP 200 (sevdesk-api.md §1.3). */
function errorOf(parsed: unknown): ErrorObject | null {
  if (!parsed || typeof parsed !== 'object') return null;
  const error = (parsed as { error?: unknown }).error;
  if (!error) return null;
  if (typeof error === 'string') return { message: error, code: null, responseCode: null };
  const e = error as { message?: unknown; code?: unknown; responseCode?: unknown };
  const code = e.code === null || e.code === undefined || e.code === '' ? null : Number(e.code);
  const responseCode = e.responseCode === undefined || e.responseCode === null ? null : Number(e.responseCode);
  return {
    message: typeof e.message === 'string' ? e.message : JSON.stringify(e.message ?? ''),
    code: Number.isFinite(code) ? code : null,
    responseCode: Number.isFinite(responseCode) ? responseCode : null,
  };
}

/** Retry-After in seconds or as an HTTP date, clamped to 0.25–30 s (sevdesk-api.md §1.4). */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  let ms = 1000;
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) ms = seconds * 1000;
    else {
      const at = Date.parse(header);
      if (!Number.isNaN(at)) ms = at - now;
    }
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, ms));
}

/** What kind of network failure a fetch rejection is: the basis of the "host cannot reach sevDesk" diagnosis. */
export function classifyNetworkError(e: unknown): NetworkFailure {
  const err = e as { name?: string; message?: string; code?: string; cause?: unknown };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timeout';
  const codes: string[] = [];
  const texts: string[] = [];
  for (let c: unknown = e, depth = 0; c && depth < 5; depth++) {
    const x = c as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof x.code === 'string') codes.push(x.code);
    if (typeof x.message === 'string') texts.push(x.message);
    if (x.name === 'TimeoutError' || x.name === 'AbortError') return 'timeout';
    if (Array.isArray(x.errors) && x.errors[0]) c = x.errors[0];
    else c = x.cause;
  }
  const text = texts.join(' ').toLowerCase();
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME')) return 'dns';
  if (text.includes('proxy') || codes.some((c) => c.includes('PROXY'))) return 'proxy';
  if (codes.some((c) => c === 'ECONNREFUSED' || c === 'EHOSTUNREACH' || c === 'ENETUNREACH' || c === 'EACCES'))
    return 'refused';
  if (
    codes.some((c) => /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_OSSL/.test(c)) ||
    /certificate|tls|ssl/.test(text)
  )
    return 'tls';
  if (codes.some((c) => c === 'ETIMEDOUT' || c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT'))
    return 'timeout';
  if (codes.some((c) => c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET' || c === 'ECONNABORTED'))
    return 'reset';
  return 'other';
}

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** The path with its query for logs and the transfer log; e-mail values are masked. */
function maskPath(path: string, query: Query): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${k === 'value' ? '…' : String(v)}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}
