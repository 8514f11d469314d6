import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from './rate-limiter.js';
import {
  SevdeskAmbiguousWriteError,
  SevdeskAuthError,
  SevdeskNetworkError,
  SevdeskNotFoundError,
  SevdeskRateLimitedError,
  SevdeskRejectedError,
  SevdeskServerError,
} from './sevdesk-errors.js';
import { type CallRecord, classifyNetworkError, type FetchFn, retryAfterMs, SevdeskHttp } from './sevdesk-http.js';

type Reply = Response | Error;

/** What the assertions read from a rejection. */
type Caught = Error & { kind: string; localized: { de: string }; retryAfterMs: number; rejection: unknown };
async function failure(p: Promise<unknown>): Promise<Caught> {
  try {
    await p;
  } catch (e) {
    return e as Caught;
  }
  throw new Error('expected the call to fail');
}

let virtualNow = 0;
const advance = async (ms: number) => {
  virtualNow += ms;
};

function client(replies: Reply[], opts: { max429Waits?: number } = {}) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const calls: CallRecord[] = [];
  const fetch: FetchFn = async (url, init) => {
    requests.push({ url: String(url), init });
    const next = replies.shift();
    if (!next) throw new Error('no more replies');
    if (next instanceof Error) throw next;
    return next;
  };
  const http = new SevdeskHttp({
    baseUrl: 'https://my.sevdesk.de/api/v1/',
    token: 'secret-token',
    accountKey: 'k',
    requestsPerSecond: 1000,
    timeoutMs: 1000,
    fetch,
    rateLimiter: new TokenBucketRateLimiter({ now: () => virtualNow, sleep: advance }),
    sleep: advance,
    onCall: (c) => calls.push(c),
    ...opts,
  });
  return { http, requests, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const dropped = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

describe('sevDesk HTTP client', () => {
  it('sends the raw token, unwraps "objects", builds the query', async () => {
    const { http, requests } = client([json(200, { objects: [{ id: '1' }] })]);
    expect(await http.get('/Contact', { customerNumber: 'WC-1', depth: 1, x: undefined })).toEqual([{ id: '1' }]);
    expect(requests[0]!.url).toBe('https://my.sevdesk.de/api/v1/Contact?customerNumber=WC-1&depth=1');
    expect((requests[0]!.init!.headers as Record<string, string>).Authorization).toBe('secret-token');
  });

  it('retries a read after 5xx and after a reset, not a write', async () => {
    const read = client([json(503, {}), new Response('<html>', { status: 200 }), json(502, {})]);
    await expect(read.http.get('/Voucher')).rejects.toBeInstanceOf(SevdeskServerError);
    expect(read.requests).toHaveLength(3);
    const ok = client([dropped('ECONNRESET'), json(200, { objects: [] })]);
    await expect(ok.http.get('/Voucher')).resolves.toEqual([]);
    expect(ok.calls.map((c) => c.outcome)).toEqual(['retry', 'ok']);
    const write = client([json(500, {}), json(201, { objects: { id: 1 } })]);
    await expect(write.http.write('POST', '/Contact', { json: {} }, 'POST /Contact')).rejects.toBeInstanceOf(
      SevdeskAmbiguousWriteError,
    );
    expect(write.requests).toHaveLength(1);
  });

  it('an unclear write (timeout, reset) is ambiguous; a refused connection is not', async () => {
    const t = client([Object.assign(new Error('timeout'), { name: 'TimeoutError' })]);
    await expect(t.http.write('POST', '/x', undefined, 'x')).rejects.toBeInstanceOf(SevdeskAmbiguousWriteError);
    const r = client([dropped('ECONNREFUSED')]);
    const err = await failure(r.http.write('POST', '/x', undefined, 'x'));
    expect(err).toBeInstanceOf(SevdeskNetworkError);
    expect(err.kind).toBe('connection');
    expect(err.localized.de).toMatch(/Dein Host erlaubt keine ausgehenden Verbindungen/);
  });

  it('waits out 429 (also for writes: not executed), then hands back to the queue', async () => {
    const ok = client([json(429, {}, { 'retry-after': '1' }), json(201, { objects: { id: 5 } })]);
    await expect(ok.http.write('POST', '/Contact', { json: {} }, 'x')).resolves.toEqual({ id: 5 });
    const busy = client([json(429, {}), json(429, {}), json(429, {})], { max429Waits: 2 });
    const err = await failure(busy.http.get('/x'));
    expect(err).toBeInstanceOf(SevdeskRateLimitedError);
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(1000);
  });

  it('401/403 → connection; 404 or code 151 → not found; 400/422 and errors inside 200 → permanent', async () => {
    expect(await failure(client([json(401, {})]).http.get('/x'))).toBeInstanceOf(SevdeskAuthError);
    expect((await failure(client([json(403, {})]).http.get('/x'))).kind).toBe('connection');
    expect(await failure(client([json(404, {})]).http.get('/x'))).toBeInstanceOf(SevdeskNotFoundError);
    const e151 = await failure(
      client([json(400, { error: { code: 151, message: 'No Model_Voucher' } })]).http.get('/x'),
    );
    expect(e151).toBeInstanceOf(SevdeskNotFoundError);
    const plain400 = await failure(client([json(400, { error: { message: 'Bad' } })]).http.get('/x'));
    expect(plain400).toBeInstanceOf(SevdeskRejectedError); // a generic 400 never means "gone"
    const in200 = await failure(
      client([json(200, { error: { message: 'partly paid', code: 390, responseCode: 400 } })]).http.write(
        'POST',
        '/x',
        undefined,
        'x',
      ),
    );
    expect(in200).toBeInstanceOf(SevdeskRejectedError);
    expect(in200.rejection).toEqual({ status: 400, code: 390, message: 'partly paid' });
    expect(in200.kind).toBe('permanent');
  });

  it('masks e-mail values in the call log and never records the token', async () => {
    const { http, calls } = client([json(200, { objects: [] })]);
    await http.get('/CommunicationWay', { type: 'EMAIL', value: 'max@example.com' });
    expect(calls[0]!.path).toBe('/CommunicationWay?type=EMAIL&value=…');
    expect(JSON.stringify(calls)).not.toContain('secret-token');
  });

  it('classifies network failures for the diagnosis', () => {
    expect(classifyNetworkError(dropped('ENOTFOUND'))).toBe('dns');
    expect(classifyNetworkError(dropped('ECONNREFUSED'))).toBe('refused');
    expect(classifyNetworkError(dropped('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('tls');
    expect(classifyNetworkError(dropped('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe('tls');
    expect(classifyNetworkError(dropped('ECONNRESET'))).toBe('reset');
    expect(classifyNetworkError(dropped('ETIMEDOUT'))).toBe('timeout');
    expect(classifyNetworkError(new Error('proxy refused CONNECT'))).toBe('proxy');
  });

  it('clamps Retry-After to 0.25–30 s', () => {
    expect(retryAfterMs(null)).toBe(1000);
    expect(retryAfterMs('0')).toBe(250);
    expect(retryAfterMs('120')).toBe(30_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 5_000)).toBe(5_000);
  });
});
