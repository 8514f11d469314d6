import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { createLogger } from '../../src/lib/logger.js';
import { createSandbox, type ListeningSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FAKE_PDF, insertFinalizedDocument, sampleDocumentData } from '../transfer/harness.js';

// The sevDesk connection and transfer endpoints over HTTP, with the sandbox listening on a loopback port and the
// real fetch: connect (token verified, stored encrypted, never shown), status with the seed's two diagnoses,
// disconnect, activation, manual transfers and the transfer log; bad input is a 400 naming the field.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`sevDesk connection and transfer API (${engine})`, () => {
    let app: TestApp;
    let sandbox: Sandbox;
    let server: ListeningSandbox;
    const logLines: string[] = [];
    beforeAll(async () => {
      app = await createTestApp(engine);
      app.ctx.logger = createLogger({
        level: 'debug',
        destination: new Writable({
          write(chunk, _enc, cb) {
            logLines.push(String(chunk));
            cb();
          },
        }),
      });
      setSevdeskDeps(app.ctx, { rateLimiter: new TokenBucketRateLimiter(), timeoutMs: 3_000, readRetryBaseMs: 5 });
      sandbox = createSandbox();
      server = await sandbox.listen(0);
    });
    afterAll(async () => {
      await sandbox?.close();
      await app?.close();
    });

    const connectionPath = (shopId: string) => `/api/v1/shops/${shopId}/sevdesk/connection`;

    it('connect verifies the token, reads version, check and revenue accounts, stores the token encrypted', async () => {
      const { shop, apiKey } = await app.createShop();
      const { token } = sandbox.createAccount();
      const res = await app.call('PUT', connectionPath(shop.id), { apiKey, body: { token, baseUrl: server.apiUrl } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: 'connected', bookkeepingVersion: '2.0', baseUrl: server.apiUrl });
      expect(res.json.checkAccounts.map((a: { type: string }) => a.type)).toEqual([
        'online',
        'online',
        'offline',
        'register',
      ]);
      expect(res.json.revenueAccounts.map((a: { accountNumber: string }) => a.accountNumber)).toContain('4400');
      expect(JSON.stringify(res.json)).not.toContain(token);
      const row = await app.db.db
        .selectFrom('sevdesk_connections')
        .selectAll()
        .where('shop_id', '=', shop.id)
        .executeTakeFirstOrThrow();
      expect(row.token_enc).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain(token);
      // never shown again
      const status = await app.call('GET', connectionPath(shop.id), { apiKey });
      expect(JSON.stringify(status.json)).not.toContain(token);
      expect(logLines.join('')).not.toContain(token);
    });

    it('a rejected token is a 400 on "token" and nothing is stored', async () => {
      const { shop, apiKey } = await app.createShop();
      const res = await app.call('PUT', connectionPath(shop.id), {
        apiKey,
        body: { token: 'deadbeefdeadbeefdeadbeefdeadbeef', baseUrl: server.apiUrl },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.issues).toEqual([
        { path: 'token', message: expect.stringMatching(/plan that includes API access/) },
      ]);
      const rows = await app.db.db
        .selectFrom('sevdesk_connections')
        .selectAll()
        .where('shop_id', '=', shop.id)
        .execute();
      expect(rows).toEqual([]);
      expect(logLines.join('')).not.toContain('deadbeefdeadbeefdeadbeefdeadbeef');
    });

    it('bad input names the fields', async () => {
      const { shop, apiKey } = await app.createShop();
      const res = await app.call('PUT', connectionPath(shop.id), {
        apiKey,
        body: { token: '', baseUrl: 'ftp://x', extra: 1 },
      });
      expect(res.status).toBe(400);
      const paths = res.json.error.issues.map((i: { path: string }) => i.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['(root)', 'baseUrl', 'token']));
      expect((await app.call('PUT', connectionPath(shop.id), { apiKey, body: '{"token":' })).status).toBe(400);
      expect((await app.call('PUT', connectionPath(shop.id), { body: { token: 'x' } })).status).toBe(401);
      const other = await app.createShop();
      expect(
        (await app.call('PUT', connectionPath(shop.id), { apiKey: other.apiKey, body: { token: 'x' } })).status,
      ).toBe(404);
    });

    it('status diagnoses: connected; authentication no longer valid (disconnect and connect again, plan with API)', async () => {
      const { shop, apiKey } = await app.createShop();
      const { token } = sandbox.createAccount();
      await app.call('PUT', connectionPath(shop.id), { apiKey, body: { token, baseUrl: server.apiUrl } });
      const ok = await app.call('GET', `${connectionPath(shop.id)}?check=true`, { apiKey });
      expect(ok.json.diagnosis).toMatchObject({ ok: true, code: 'connected' });

      sandbox.revokeToken(token);
      const bad = await app.call('GET', `${connectionPath(shop.id)}?check=true`, { apiKey });
      expect(bad.json.status).toBe('invalid');
      expect(bad.json.diagnosis.ok).toBe(false);
      expect(bad.json.diagnosis.code).toBe('auth_invalid');
      expect(bad.json.diagnosis.de).toMatch(/Trenne die Verbindung und verbinde sie .* neu/);
      expect(bad.json.diagnosis.de).toMatch(/Tarif mit API-Zugriff/);
      expect(bad.json.diagnosis.en).toMatch(/Disconnect and connect again/);
    });

    it('status diagnoses: the host cannot reach sevDesk (connection refused, DNS, TLS)', async () => {
      const { shop, apiKey } = await app.createShop();
      const { token } = sandbox.createAccount();
      await app.call('PUT', connectionPath(shop.id), { apiKey, body: { token, baseUrl: server.apiUrl } });
      const setBase = (url: string) =>
        app.db.db.updateTable('sevdesk_connections').set({ base_url: url }).where('shop_id', '=', shop.id).execute();
      const check = async () => (await app.call('GET', `${connectionPath(shop.id)}?check=true`, { apiKey })).json;

      const closedPort = await new Promise<number>((resolve) => {
        const srv = createServer().listen(0, '127.0.0.1', () => {
          const port = (srv.address() as AddressInfo).port;
          srv.close(() => resolve(port));
        });
      });
      await setBase(`http://127.0.0.1:${closedPort}/api/v1`);
      let s = await check();
      expect(s.diagnosis.code).toBe('host_unreachable');
      expect(s.diagnosis.de).toMatch(/Dein Host erlaubt keine ausgehenden Verbindungen zu sevDesk/);
      expect(s.diagnosis.de).toMatch(/TCP/);
      expect(s.diagnosis.en).toMatch(/your host does not allow outgoing connections to sevDesk/i);
      expect(s.status).toBe('connected'); // reachability is not the token's fault: nothing to reconnect

      await setBase('http://belegfluss-no-such-host.invalid/api/v1');
      s = await check();
      expect(s.diagnosis.code).toBe('host_unreachable');
      expect(s.diagnosis.en).toMatch(/DNS/);

      await setBase(`https://127.0.0.1:${server.port}/api/v1`);
      s = await check();
      expect(s.diagnosis.code).toBe('host_unreachable');
      expect(s.diagnosis.en).toMatch(/TLS/);

      // Connecting against an unreachable host answers 502 with the same diagnosis.
      const res = await app.call('PUT', connectionPath(shop.id), {
        apiKey,
        body: { token, baseUrl: `http://127.0.0.1:${closedPort}/api/v1` },
      });
      expect(res.status).toBe(502);
      expect(res.json.error.message).toMatch(/does not allow outgoing connections/);
    });

    it('disconnect deletes the token; activation switches the interface', async () => {
      const { shop, apiKey } = await app.createShop();
      const { token } = sandbox.createAccount();
      await app.call('PUT', connectionPath(shop.id), { apiKey, body: { token, baseUrl: server.apiUrl } });
      const off = await app.call('DELETE', connectionPath(shop.id), { apiKey });
      expect(off.json.status).toBe('disconnected');
      const row = await app.db.db
        .selectFrom('sevdesk_connections')
        .select(['token_enc'])
        .where('shop_id', '=', shop.id)
        .executeTakeFirstOrThrow();
      expect(row.token_enc).toBeNull();
      const st = await app.call('GET', connectionPath(shop.id), { apiKey });
      expect(st.json.diagnosis.code).toBe('not_connected');

      const act = await app.call('PUT', `/api/v1/shops/${shop.id}/sevdesk/activation`, {
        apiKey,
        body: { active: true },
      });
      expect(act.json.active).toBe(true);
      const bad = await app.call('PUT', `/api/v1/shops/${shop.id}/sevdesk/activation`, {
        apiKey,
        body: { active: 'ja' },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.issues[0].path).toBe('active');
    });

    it('manual transfers, the transfer list and the transfer log (no secrets, no sevDesk call to list)', async () => {
      const { shop, apiKey } = await app.createShop();
      const { token } = sandbox.createAccount();
      await app.call('PUT', connectionPath(shop.id), { apiKey, body: { token, baseUrl: server.apiUrl } });
      const transfers = `/api/v1/shops/${shop.id}/transfers`;

      // Inactive interface: refused with a reason, nothing queued.
      const doc = await insertFinalizedDocument(
        { db: app.db },
        shop.id,
        sampleDocumentData({ issueDate: '2026-03-02', deliveryDate: '2026-03-02' }),
      );
      const inactive = await app.call('POST', transfers, { apiKey, body: { documentIds: [doc.id] } });
      expect(inactive.status).toBe(409);
      expect(inactive.json.error.code).toBe('sevdesk_inactive');
      await app.call('PUT', `/api/v1/shops/${shop.id}/sevdesk/activation`, { apiKey, body: { active: true } });

      for (const body of [
        {},
        { documentIds: [] },
        { all: true, documentIds: ['x'] },
        { since: '2026-01-01' },
        { all: true, since: '31.01.2026' },
      ]) {
        const r = await app.call('POST', transfers, { apiKey, body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.json.error.issues.length).toBeGreaterThan(0);
      }

      const req = await app.call('POST', transfers, { apiKey, body: { documentIds: [doc.id, 'doc_missing'] } });
      expect(req.status).toBe(202);
      expect(req.json).toMatchObject({
        requested: 2,
        enqueued: 1,
        skipped: [{ documentId: 'doc_missing', reason: 'not_found' }],
      });
      const old = await insertFinalizedDocument(
        { db: app.db },
        shop.id,
        sampleDocumentData({ issueDate: '2025-12-30', deliveryDate: '2025-12-30' }),
      );
      const all = await app.call('POST', transfers, { apiKey, body: { all: true, since: '2026-01-01' } });
      expect(all.status).toBe(202);
      expect(all.json.transfers.map((t: { documentId: string }) => t.documentId)).toEqual([doc.id]);
      expect(all.json.transfers.map((t: { documentId: string }) => t.documentId)).not.toContain(old.id);

      const [job] = await app.ctx.queue.list({ queue: TRANSFER_QUEUE, shopId: shop.id });
      const out = await runTransfer(app.ctx, String(job!.payload.transferId), { reason: 'manual' });
      expect(out?.state).toBe('transferred');

      const before = sandbox.calls(token).total;
      const list = await app.call('GET', `${transfers}?state=transferred`, { apiKey });
      expect(list.json.transfers).toHaveLength(1);
      expect((await app.call('GET', `${transfers}?state=bogus`, { apiKey })).status).toBe(400);
      const log = await app.call('GET', `/api/v1/shops/${shop.id}/documents/${doc.id}/transfer-log`, { apiKey });
      expect(sandbox.calls(token).total).toBe(before);
      expect(log.status).toBe(200);
      expect(log.json.transfer).toMatchObject({ state: 'transferred', voucherId: expect.any(String) });
      const attempt = log.json.attempts[0];
      expect(attempt).toMatchObject({ action: 'transfer', outcome: 'transferred' });
      expect(attempt.detail.sent).toMatchObject({ taxRule: '1', currency: 'EUR' });
      expect(
        attempt.detail.calls.map((c: { method: string; path: string }) => `${c.method} ${c.path.split('?')[0]}`),
      ).toContain('POST /Voucher/Factory/saveVoucher');
      expect(JSON.stringify(log.json)).not.toContain(token);
      expect(JSON.stringify(log.json)).not.toContain(FAKE_PDF('x').toString('base64').slice(0, 12));
      const foreign = await app.createShop();
      expect(
        (
          await app.call('GET', `/api/v1/shops/${foreign.shop.id}/documents/${doc.id}/transfer-log`, {
            apiKey: foreign.apiKey,
          })
        ).status,
      ).toBe(404);
    });
  });
}
