// Injected faults: deterministic by seed, before or after the effect, over HTTP and in-process.
import { afterAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/create-sandbox.js';
import { CUSTOMER, fixtureFor, revenueVoucher, type SandboxFixture, sandboxFixture } from './helpers.js';

const SPEC = '*:500@0.2,GET /Contact:429=2@0.3,saveVoucher:503-after@0.25';

/** A fixed request sequence; records the status (or the network failure) of each request. */
async function runSequence(f: SandboxFixture, rounds = 30): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [method, path, body] of [
      ['GET', '/Contact?depth=1'],
      ['POST', '/Contact', { name: `Firma ${i}`, category: CUSTOMER }],
      ['POST', '/Voucher/Factory/saveVoucher', revenueVoucher([[f.accountDatev('4400'), 19, 119]])],
    ] as const) {
      try {
        outcomes.push(String((await f.api(method, path, body)).status));
      } catch (error) {
        outcomes.push((error as Error).message);
      }
    }
  }
  return outcomes;
}

describe('fault determinism', () => {
  it('gives the same faults for the same seed and request sequence, and others for another seed', async () => {
    const a = await runSequence(sandboxFixture({ seed: 42, faults: SPEC }));
    const b = await runSequence(sandboxFixture({ seed: 42, faults: SPEC }));
    const c = await runSequence(sandboxFixture({ seed: 43, faults: SPEC }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a)).toEqual(new Set(['200', '201', '429', '500', '503']));
  });

  it('keeps an account’s faults stable when another account interleaves', async () => {
    const alone = await runSequence(sandboxFixture({ seed: 7, faults: SPEC }), 10);
    const shared = sandboxFixture({ seed: 7, faults: SPEC });
    const other = fixtureFor(shared.sandbox, shared.sandbox.createAccount({}).token);
    const [mine] = await Promise.all([runSequence(shared, 10), runSequence(other, 10)]);
    expect(mine).toEqual(alone);
  });

  it('accepts the object form with the same effect as the string form', async () => {
    const rules: FaultRule[] = [
      { route: 'GET /Contact', kind: 'status', status: 429, retryAfter: 2, probability: 0.3 },
    ];
    const asObjects = await runSequence(sandboxFixture({ seed: 5, faults: rules }), 10);
    const asString = await runSequence(sandboxFixture({ seed: 5, faults: 'GET /Contact:429=2@0.3' }), 10);
    expect(asObjects).toEqual(asString);
  });
});

describe('faults before and after the effect', () => {
  it('a 5xx after the effect has committed the write (the ambiguous write)', async () => {
    const f = sandboxFixture({ faults: 'saveVoucher:500-after#1' });
    const body = revenueVoucher([[f.accountDatev('4400'), 19, 119]], { description: 'RE-9 [SHOP-ORDER:9]' });
    const first = await f.api('POST', '/Voucher/Factory/saveVoucher', body);
    expect(first.status).toBe(500);
    expect(first.body.error.responseCode).toBe(500);
    const search = await f.api('GET', '/Voucher?descriptionLike=[SHOP-ORDER:9]');
    expect(search.body.objects).toHaveLength(1);
    expect(search.body.objects[0].sumGross).toBe('119');
    expect(f.sandbox.dump(f.token).vouchers).toHaveLength(1);
  });

  it('a 5xx before the effect changes nothing', async () => {
    const f = sandboxFixture({ faults: 'POST /Contact:503#1' });
    expect((await f.api('POST', '/Contact', { name: 'A', category: CUSTOMER })).status).toBe(503);
    expect(f.sandbox.dump(f.token).contacts).toHaveLength(0);
  });

  it('429 carries Retry-After and executes nothing', async () => {
    const f = sandboxFixture({ faults: 'POST /Contact:429=3#1' });
    const reply = await f.api('POST', '/Contact', { name: 'A', category: CUSTOMER });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('3');
    expect(f.sandbox.dump(f.token).contacts).toHaveLength(0);
    expect((await f.api('POST', '/Contact', { name: 'A', category: CUSTOMER })).status).toBe(201);
  });

  it('in-process, a reset after the effect rejects like fetch and the write is there', async () => {
    const f = sandboxFixture({ faults: 'POST /Contact:reset-after#1' });
    await expect(f.api('POST', '/Contact', { name: 'Reset GmbH', category: CUSTOMER })).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNRESET' },
    });
    expect(f.sandbox.dump(f.token).contacts.map((c) => c.name)).toEqual(['Reset GmbH']);
  });

  it('a timeout hangs, then drops; timeout-after keeps the effect', async () => {
    const f = sandboxFixture({ faults: 'GET /CheckAccount:timeout=80#1,POST /Contact:timeout-after=50#1' });
    const started = Date.now();
    await expect(f.api('GET', '/CheckAccount')).rejects.toMatchObject({ cause: { code: 'ETIMEDOUT' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    await expect(f.api('POST', '/Contact', { name: 'Hang GmbH', category: CUSTOMER })).rejects.toThrow('fetch failed');
    expect(f.sandbox.dump(f.token).contacts).toHaveLength(1);
  });

  it('adds latency per route and globally', async () => {
    const f = sandboxFixture({ faults: 'GET /Contact:latency=60' });
    let started = Date.now();
    await f.api('GET', '/Contact');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    started = Date.now();
    await f.api('GET', '/CheckAccount');
    expect(Date.now() - started).toBeLessThan(55);
    f.sandbox.setFaults('', { latencyMs: 40 });
    started = Date.now();
    await f.api('GET', '/CheckAccount');
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('revokes the token at runtime', async () => {
    const f = sandboxFixture({ faults: 'GET /CheckAccount:revoke#2' });
    expect((await f.api('GET', '/CheckAccount')).status).toBe(200);
    expect((await f.api('GET', '/CheckAccount')).status).toBe(401);
    expect((await f.api('GET', '/Contact')).status).toBe(401);
    expect(f.sandbox.account(f.token).revoked).toBe(true);
  });
});

describe('faults over HTTP', () => {
  const f = sandboxFixture({
    faults: 'POST /Contact:reset-after#1,GET /CheckAccount:timeout=100#1,GET /StaticCountry:slow-body=200',
  });
  const server = f.sandbox.listen(0);
  afterAll(async () => (await server).close());

  it('drops the connection after committing the write', async () => {
    const { apiUrl } = await server;
    const send = () =>
      fetch(`${apiUrl}/Contact`, {
        method: 'POST',
        headers: { Authorization: f.token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Socket GmbH', category: CUSTOMER }),
      });
    await expect(send()).rejects.toThrow('fetch failed');
    expect(f.sandbox.dump(f.token).contacts.map((c) => c.name)).toEqual(['Socket GmbH']);
    expect((await send()).status).toBe(201);
  });

  it('hangs, then drops the socket', async () => {
    const { apiUrl } = await server;
    const started = Date.now();
    await expect(fetch(`${apiUrl}/CheckAccount`, { headers: { Authorization: f.token } })).rejects.toThrow(
      'fetch failed',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect((await fetch(`${apiUrl}/CheckAccount`, { headers: { Authorization: f.token } })).status).toBe(200);
  });

  it('delivers a slow body', async () => {
    const { apiUrl } = await server;
    const started = Date.now();
    const response = await fetch(`${apiUrl}/StaticCountry`, { headers: { Authorization: f.token } });
    const headersAfter = Date.now() - started;
    const body = (await response.json()) as { objects: unknown[] };
    expect(body.objects.length).toBeGreaterThan(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
    expect(headersAfter).toBeLessThan(150);
  });
});
