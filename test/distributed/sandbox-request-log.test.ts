import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import type { LoggedRequest } from '../../src/sandbox/request-log.js';

// The sandbox's request log (inspection API): what the distributed tests read to check pacing from sevDesk's side.

describe('sandbox request log', () => {
  let sandbox: Sandbox;
  afterEach(async () => sandbox?.close());

  it('records arrival, end and status of every API request per account; clears on DELETE', async () => {
    sandbox = createSandbox({ latencyMs: 30 });
    const { token } = sandbox.createAccount();
    const other = sandbox.createAccount().token;
    const server = await sandbox.listen(0, '127.0.0.1');
    const api = (path: string, t = token) => fetch(`${server.apiUrl}${path}`, { headers: { Authorization: t } });
    const log = async (t: string) => {
      const res = await fetch(`${server.url}/__sandbox/accounts/${t}/requests`);
      return { status: res.status, body: (await res.json()) as { requests: LoggedRequest[] } };
    };

    const before = performance.timeOrigin + performance.now();
    await (await api('/Contact?depth=1')).text();
    await (await api('/Voucher/999999')).text();
    await (await api('/Contact', other)).text();
    await (await api('/Contact', 'not-a-token')).text();

    const { body } = await log(token);
    expect(body.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/Contact', 200],
      ['GET', '/Voucher/999999', 404],
    ]);
    for (const r of body.requests) {
      expect(r.startedAt).toBeGreaterThanOrEqual(before - 1);
      expect(r.endedAt! - r.startedAt).toBeGreaterThanOrEqual(29);
    }
    expect(body.requests[1]!.startedAt).toBeGreaterThanOrEqual(body.requests[0]!.endedAt!);
    expect((await log(other)).body.requests).toHaveLength(1);
    expect((await log('not-a-token')).status).toBe(404);

    await fetch(`${server.url}/__sandbox/accounts/${token}/requests`, { method: 'DELETE' });
    expect((await log(token)).body.requests).toEqual([]);
  });
});
