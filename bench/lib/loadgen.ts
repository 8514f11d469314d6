import http from 'node:http';
import { distribution, type Distribution } from './stats.js';

// A small closed-loop HTTP load generator: `concurrency` connections kept alive, each sending its next request as
// soon as the previous answer is read; latency per request from the first byte written to the last byte read.

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:3000 */
  url: string;
  concurrency: number;
  /** Stop after this many requests… */
  requests?: number;
  /** …or after this long (whichever comes first). */
  durationMs?: number;
  /** Requests not measured before the clock starts (per run, not per connection). */
  warmup?: number;
  /** The i-th request (0-based, warmup included); null ends the run. */
  make(i: number): LoadRequest | null;
  /** Abort a request after this long (counted as error). */
  timeoutMs?: number;
}

export interface LoadResult {
  completed: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  requestsPerSecond: number;
  latencyMs: Distribution;
  /** First error messages, for diagnosis. */
  errorSamples: string[];
}

function send(
  agent: http.Agent,
  base: URL,
  req: LoadRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
    const r = http.request(
      {
        agent,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('request timeout')));
    r.on('error', reject);
    if (body) r.write(body);
    r.end();
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const warmup = opts.warmup ?? 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  let ended = false;
  let started = 0;
  let measuredStart = 0;
  const deadline = () =>
    opts.durationMs !== undefined && measuredStart > 0 && performance.now() - measuredStart >= opts.durationMs;

  // Warmup first (sequentially shared among the connections), then the measured run.
  const worker = async (measured: boolean, limit: number) => {
    for (;;) {
      if (ended || next >= limit || (measured && deadline())) return;
      const i = next++;
      const req = opts.make(i);
      if (!req) {
        ended = true;
        return;
      }
      const t0 = performance.now();
      try {
        const res = await send(agent, base, req, opts.timeoutMs ?? 60_000);
        if (measured) {
          latencies.push(performance.now() - t0);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      } catch (e) {
        if (measured) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push((e as Error).message);
        }
      }
    }
  };
  if (warmup > 0) await Promise.all(Array.from({ length: opts.concurrency }, () => worker(false, warmup)));
  started = performance.now();
  measuredStart = started;
  const limit = opts.requests === undefined ? Number.POSITIVE_INFINITY : warmup + opts.requests;
  await Promise.all(Array.from({ length: opts.concurrency }, () => worker(true, limit)));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const completed = latencies.length;
  return {
    completed,
    errors,
    statuses,
    elapsedMs,
    requestsPerSecond: (completed / elapsedMs) * 1000,
    latencyMs: distribution(latencies),
    errorSamples,
  };
}
