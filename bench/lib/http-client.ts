import http from 'node:http';

// Plain HTTP for the benchmarks' own control traffic: one connection per request (no keep-alive race with a
// server closing an idle socket), body as text.

export interface SimpleResponse {
  status: number;
  text: string;
}

export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<SimpleResponse> {
  const u = new URL(url);
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        agent: false,
        hostname: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: opts.method ?? 'GET',
        headers: { ...opts.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: opts.timeoutMs ?? 120_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`timeout: ${opts.method ?? 'GET'} ${url}`)));
    r.on('error', reject);
    if (body) r.write(body);
    r.end();
  });
}

/** A webhook delivery, redelivered once after a network error (safe: the delivery id makes it idempotent). */
export async function deliver(
  origin: string,
  hook: { path: string; headers: Record<string, string>; body: string },
): Promise<SimpleResponse> {
  try {
    return await request(`${origin}${hook.path}`, { method: 'POST', headers: hook.headers, body: hook.body });
  } catch {
    return request(`${origin}${hook.path}`, { method: 'POST', headers: hook.headers, body: hook.body });
  }
}
