import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSandbox, sandboxRoutingFetch } from '../../src/app/demo/demo-sandbox.js';
import { runFirstRun } from '../../src/app/demo/first-run.js';
import { prepareDemo } from '../../src/app/demo/prepare-demo.js';
import { sandboxWanted } from '../../src/app/demo/sandbox-mode.js';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { findConnection, saveConnection } from '../../src/db/repos/sevdesk-connections.repo.js';
import { listShops } from '../../src/db/repos/shops.repo.js';
import { sandboxRouteModule } from '../../src/http/admin/sandbox-mount.js';
import { createHttpApp } from '../../src/http/app.js';
import { ROUTE_MODULES } from '../../src/http/routes.js';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { startWorker } from '../../src/worker/start-worker.js';
import { enginesUnderTest } from '../support/databases.js';
import { adminHarness, type Harness } from './support/harness.js';

// The first-run demo (Testmodus): demo shops connected to the in-process sandbox, the sample orders ingested
// through the real use cases, transferred by the real worker; idempotent on restart.

const SERVER = 'http://127.0.0.1:3999';

describe.each(enginesUnderTest())('first-run demo on %s', (engine) => {
  let h: Harness;
  let demo: DemoSandbox;

  beforeAll(async () => {
    h = await adminHarness(engine, { worker: { pollIntervalMs: 50 } });
    await h.ctx.db.deleteFrom('users').execute();
    const sandbox = createSandbox();
    demo = { sandbox, close: () => sandbox.close() };
    setSevdeskDeps(h.ctx, { fetch: sandboxRoutingFetch(sandbox) });
  });
  afterAll(async () => {
    await demo.close();
    await h.close();
  });

  it('creates the admin, two demo shops connected to the sandbox and their documents — once', async () => {
    const first = await runFirstRun(h.ctx, { serverUrl: SERVER, demoSandbox: demo });
    expect(first.admin).toMatchObject({ kind: 'created', email: 'admin@belegfluss.local' });
    expect(first.lines.join('\n')).toMatch(/Einmal-Anmeldung \/ one-time login: admin@belegfluss\.local +[\w-]{23}/);
    expect(first.lines.join('\n')).toContain(`Admin: ${SERVER}/admin`);
    expect(first.lines.join('\n')).toContain(`${SERVER}/sandbox/api/v1`);
    expect(first.demo!.shops.map((s) => [s.kind, s.created, s.orders.failed])).toEqual([
      ['standard', true, 0],
      ['small_business', true, 0],
    ]);
    const shops = await listShops(h.ctx.db);
    expect(shops).toHaveLength(2);
    for (const shop of shops) {
      const conn = await findConnection(h.ctx.db, shop.id);
      expect(conn).toMatchObject({ status: 'connected', baseUrl: `${SERVER}/sandbox/api/v1` });
    }
    const docs = await h.ctx.db.selectFrom('documents').select(['type', 'tax_case', 'status']).execute();
    expect(docs.every((d) => d.status === 'finalized')).toBe(true);
    expect(new Set(docs.map((d) => d.tax_case))).toEqual(
      new Set(['domestic', 'small_business', 'eu_b2b_goods', 'eu_b2c_oss', 'export_goods']),
    );
    expect(docs.filter((d) => d.type === 'cancellation')).toHaveLength(1);
    const count = docs.length;

    // Restart: same shops, same documents, no new password printed.
    const again = await runFirstRun(h.ctx, { serverUrl: 'http://127.0.0.1:4000', demoSandbox: demo });
    expect(again.admin).toEqual({ kind: 'unchanged' });
    expect(again.lines.join('\n')).not.toContain('one-time login');
    expect(again.demo!.shops.map((s) => [s.created, s.orders.created])).toEqual([
      [false, 0],
      [false, 0],
    ]);
    expect(await h.ctx.db.selectFrom('documents').select('id').execute()).toHaveLength(count);
    expect(await listShops(h.ctx.db)).toHaveLength(2);
  });

  it('transfers the first shop automatically through the real worker; the OSS sale is held back', async () => {
    const worker = startWorker(h.ctx);
    try {
      const started = Date.now();
      let states: string[] = [];
      while (Date.now() - started < 60_000) {
        const rows = await h.ctx.db.selectFrom('transfers').select('state').execute();
        states = rows.map((r) => r.state);
        if (states.length === 9 && states.every((s) => s === 'transferred' || s === 'needs_attention')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Eight vouchers; the OSS sale goes the invoice path (or waits with "needs attention", never a wrong rule).
      expect(states).toHaveLength(9);
      expect(states.filter((s) => s === 'transferred').length).toBeGreaterThanOrEqual(8);
      const oss = await h.ctx.db
        .selectFrom('transfers as t')
        .innerJoin('documents as d', 'd.id', 't.document_id')
        .select(['t.state', 't.sevdesk_voucher_id'])
        .where('d.tax_case', '=', 'eu_b2c_oss')
        .executeTakeFirstOrThrow();
      if (oss.state === 'transferred') expect(oss.sevdesk_voucher_id).toMatch(/^Invoice:\d+$/);
      else expect(oss.state).toBe('needs_attention');
      // The Kleinunternehmen shop waits for a manual transfer.
      const shops = await listShops(h.ctx.db);
      const small = shops.find((s) => s.settings.tax.smallBusiness)!;
      expect(small.settings.sevdesk.autoTransfer).toBe(false);
      const token = demo.sandbox
        .accounts()
        .find((a) => a.name === shops.find((s) => !s.settings.tax.smallBusiness)!.name)!.token;
      expect(demo.sandbox.dump(token).vouchers).toHaveLength(8);
    } finally {
      await worker.stop();
    }
  }, 90_000);

  it('re-creates a lost sandbox account with the stored token, and leaves a user-disconnected shop alone', async () => {
    const fresh = createSandbox();
    setSevdeskDeps(h.ctx, { fetch: sandboxRoutingFetch(fresh) });
    try {
      await prepareDemo(h.ctx, { sandbox: fresh, close: () => fresh.close() }, SERVER);
      expect(fresh.accounts()).toHaveLength(2);
    } finally {
      await fresh.close();
      setSevdeskDeps(h.ctx, { fetch: sandboxRoutingFetch(demo.sandbox) });
    }
  });

  it('mounts the sandbox API openly and its inspection pages for signed-in admins only', async () => {
    const app = createHttpApp(h.ctx, [...ROUTE_MODULES, sandboxRouteModule(demo.sandbox)]);
    const [account] = demo.sandbox.accounts();
    const api = await app.request('/sandbox/api/v1/Tools/bookkeepingSystemVersion', {
      headers: { authorization: account!.token },
    });
    expect(api.status).toBe(200);
    expect((await app.request('/sandbox/api/v1/Contact')).status).toBe(401);
    const inspect = await app.request('/sandbox/__sandbox/accounts');
    expect(inspect.status).toBe(303);
    expect(inspect.headers.get('location')).toBe('/admin/login');
    expect((await app.request('/sandbox/inspect/vouchers/1')).status).toBe(303);
  });
});

describe.each(enginesUnderTest())('sandbox mode on %s', (engine) => {
  it('auto runs the sandbox until a shop has a real sevDesk connection; on and off are absolute', async () => {
    const h = await adminHarness(engine);
    try {
      const withMode = (mode: 'auto' | 'on' | 'off') => ({
        ...h.ctx,
        config: { ...h.ctx.config, sandbox: { ...h.ctx.config.sandbox, mode } },
      });
      expect(await sandboxWanted(withMode('auto'))).toBe(true);
      const shop = await h.createShop();
      const connection = {
        shopId: shop.id,
        connectionId: 'sdc_x',
        accountKey: 'k',
        tokenEnc: 'v1.x.y.z.w',
        bookkeepingVersion: '2.0',
        requestsPerSecond: null,
        accountInfo: {},
      };
      await saveConnection(
        h.ctx.db,
        { ...connection, baseUrl: 'http://127.0.0.1:3000/sandbox/api/v1' },
        new Date().toISOString(),
      );
      expect(await sandboxWanted(withMode('auto'))).toBe(true);
      await saveConnection(
        h.ctx.db,
        { ...connection, baseUrl: 'https://my.sevdesk.de/api/v1' },
        new Date().toISOString(),
      );
      expect(await sandboxWanted(withMode('auto'))).toBe(false);
      expect(await sandboxWanted(withMode('on'))).toBe(true);
      expect(await sandboxWanted(withMode('off'))).toBe(false);
    } finally {
      await h.close();
    }
  });
});
