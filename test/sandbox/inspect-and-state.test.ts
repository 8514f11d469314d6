// Inspection endpoints, separate accounts, the state file, and mounting inside another Hono app.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { CUSTOMER, fixtureFor, revenueVoucher, sandboxFixture } from './helpers.js';

const inspect = async (
  app: { fetch: (r: Request) => Response | Promise<Response> },
  method: string,
  path: string,
  body?: unknown,
) => {
  const response = await app.fetch(
    new Request(`http://sandbox.test${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: loose JSON for assertions
  return { status: response.status, body: (await response.json()) as any };
};

describe('inspection endpoints', () => {
  const sandbox = createSandbox();

  it('creates accounts with version and chart, each with the default check accounts', async () => {
    const created = await inspect(sandbox.app, 'POST', '/__sandbox/accounts', {
      token: 'shop-a',
      chart: 'SKR03',
      bookkeepingVersion: '1.0',
      name: 'Shop A',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ token: 'shop-a', chart: 'SKR03', bookkeepingVersion: '1.0' });
    expect(
      created.body.checkAccounts.map(
        (c: { name: string; type: string; accountingNumber: string }) => `${c.name}/${c.type}/${c.accountingNumber}`,
      ),
    ).toEqual([
      'Geschäftskonto/online/1200',
      'PayPal/online/1210',
      'Verrechnungskonto/offline/1360',
      'Kasse/register/1000',
    ]);
    expect((await inspect(sandbox.app, 'POST', '/__sandbox/accounts', { token: 'shop-a' })).status).toBe(400);
    expect((await inspect(sandbox.app, 'POST', '/__sandbox/accounts', { chart: 'SKR99' })).status).toBe(400);
    expect((await inspect(sandbox.app, 'GET', '/__sandbox/accounts')).body.accounts).toHaveLength(1);
    expect((await inspect(sandbox.app, 'GET', '/__sandbox/accounts/nobody/state')).status).toBe(404);
  });

  it('keeps accounts’ data apart', async () => {
    const a = fixtureFor(sandbox, sandbox.createAccount({ token: 'iso-a' }).token);
    const b = fixtureFor(sandbox, sandbox.createAccount({ token: 'iso-b' }).token);
    const contact = (await a.api('POST', '/Contact', { name: 'Nur A', category: CUSTOMER })).body.objects;
    expect((await b.api('GET', `/Contact/${contact.id}`)).status).toBe(404);
    expect((await b.api('GET', '/Contact')).body.objects).toHaveLength(0);
  });

  it('counts calls per route template and resets them', async () => {
    const f = fixtureFor(sandbox, sandbox.createAccount({ token: 'counted' }).token);
    const id = (await f.api('POST', '/Contact', { name: 'Zähl GmbH', category: CUSTOMER })).body.objects.id;
    await f.api('GET', `/Contact/${id}`);
    await f.api('GET', `/Contact/${id}`);
    await f.api('POST', '/Voucher/Factory/saveVoucher', revenueVoucher([[f.accountDatev('4400'), 19, 119]]));
    const calls = await inspect(sandbox.app, 'GET', '/__sandbox/accounts/counted/calls');
    expect(calls.body).toEqual({
      total: 4,
      routes: { 'GET /Contact/{contactId}': 2, 'POST /Contact': 1, 'POST /Voucher/Factory/saveVoucher': 1 },
    });
    await inspect(sandbox.app, 'POST', '/__sandbox/reset-counters', { token: 'counted' });
    expect(sandbox.calls('counted')).toEqual({ total: 0, routes: {} });
  });

  it('dumps state in internal units: vouchers with positions and files, bookings, transactions', async () => {
    const f = fixtureFor(sandbox, sandbox.createAccount({ token: 'dumped' }).token);
    const voucher = (
      await f.api('POST', '/Voucher/Factory/saveVoucher', revenueVoucher([[f.accountDatev('4400'), 19, 119]]))
    ).body.objects.voucher;
    await f.api('PUT', `/Voucher/${voucher.id}/bookAmount`, {
      amount: 119,
      date: '20.05.2026',
      type: 'FULL_PAYMENT',
      checkAccount: { id: f.checkAccountId('Kasse'), objectName: 'CheckAccount' },
    });
    const state = (await inspect(sandbox.app, 'GET', '/__sandbox/accounts/dumped/state')).body;
    expect(state.units).toEqual({ money: 'cents', taxRate: 'basis points', dates: 'epoch seconds' });
    expect(state.vouchers[0]).toMatchObject({
      sumGross: 11900,
      sumTax: 1900,
      status: 1000,
      positions: [{ taxRateBp: 1900, sumGross: 11900 }],
    });
    expect(state.bookings[0]).toMatchObject({ amount: 11900, toStatus: 1000, type: 'FULL_PAYMENT' });
    expect(state.transactions[0]).toMatchObject({ amount: 11900, status: 400 });
    expect(state.checkAccounts.find((c: { name: string }) => c.name === 'Kasse').balance).toBe(11900);
    for (const key of [
      'contacts',
      'contactAddresses',
      'communicationWays',
      'transactionLogs',
      'files',
      'invoices',
      'creditNotes',
    ])
      expect(Array.isArray(state[key])).toBe(true);
  });

  it('imports bank rows on online accounts only', async () => {
    const info = sandbox.createAccount({ token: 'importer' });
    const bank = info.checkAccounts.find((c) => c.name === 'Geschäftskonto')!.id;
    const row = await inspect(sandbox.app, 'POST', '/__sandbox/accounts/importer/transactions', {
      checkAccountId: bank,
      amount: '49.90',
      paymtPurpose: 'Bestellung 4711',
      payeePayerName: 'Max',
      entryDate: '2026-05-02',
      valueDate: '2026-05-01',
    });
    expect(row.status).toBe(201);
    expect(row.body).toMatchObject({ amount: 4990, status: 100, paymtPurpose: 'Bestellung 4711' });
    expect(row.body.entryDate - row.body.valueDate).toBe(86_400);
    const offline = info.checkAccounts.find((c) => c.type === 'offline')!.id;
    const refused = await inspect(sandbox.app, 'POST', '/__sandbox/accounts/importer/transactions', {
      checkAccountId: offline,
      amountMinor: 100,
    });
    expect(refused.status).toBe(422);
  });

  it('revokes tokens and sets faults at runtime', async () => {
    const f = fixtureFor(sandbox, sandbox.createAccount({ token: 'revoked' }).token);
    expect((await f.api('GET', '/CheckAccount')).status).toBe(200);
    await inspect(sandbox.app, 'POST', '/__sandbox/accounts/revoked/revoke');
    expect((await f.api('GET', '/CheckAccount')).status).toBe(401);

    const set = await inspect(sandbox.app, 'PUT', '/__sandbox/faults', { faults: 'GET /Unity:503#1', seed: 9 });
    expect(set.body).toMatchObject({ seed: 9, spec: 'GET /Unity:503#1', latencyMs: 0 });
    const g = fixtureFor(sandbox, sandbox.createAccount({}).token);
    expect((await g.api('GET', '/Unity')).status).toBe(503);
    expect((await g.api('GET', '/Unity')).status).toBe(200);
    expect((await inspect(sandbox.app, 'PUT', '/__sandbox/faults', { faults: 'GET /Unity:bogus' })).status).toBe(400);
    sandbox.setFaults([]);
  });

  it('renders a voucher page for humans with its document', async () => {
    const f = fixtureFor(sandbox, sandbox.createAccount({}).token);
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'beleg.pdf');
    const upload = await f.sandbox.fetch('http://x/api/v1/Voucher/Factory/uploadTempFile', {
      method: 'POST',
      headers: { Authorization: f.token },
      body: form,
    });
    const filename = ((await upload.json()) as { objects: { filename: string } }).objects.filename;
    const voucher = (
      await f.api('POST', '/Voucher/Factory/saveVoucher', {
        ...revenueVoucher([[f.accountDatev('4400'), 19, 119]], { description: 'RE-<7>' }),
        filename,
      })
    ).body.objects.voucher;
    const page = await sandbox.app.fetch(new Request(`http://x/inspect/vouchers/${voucher.id}`));
    const text = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(text).toContain('RE-&lt;7&gt;');
    expect(text).toContain('Testmodus');
    const document = await sandbox.app.fetch(new Request(`http://x/inspect/vouchers/${voucher.id}/document`));
    expect(
      Buffer.from(await document.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('works mounted inside another app', async () => {
    const parent = new Hono();
    parent.route('/sandbox', sandbox.app);
    const token = sandbox.createAccount({}).token;
    const version = await parent.fetch(
      new Request('http://x/sandbox/api/v1/Tools/bookkeepingSystemVersion', { headers: { Authorization: token } }),
    );
    expect(await version.json()).toEqual({ objects: { version: '2.0' } });
    const unknown = await parent.fetch(
      new Request('http://x/sandbox/api/v1/Part', { headers: { Authorization: token } }),
    );
    expect(unknown.status).toBe(501);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      'GET /Part is not emulated by the Belegfluss sandbox',
    );
  });
});

describe('the state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  const file = join(dir, 'nested', 'state.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('persists atomically and reloads on start', async () => {
    const first = sandboxFixture({ stateFile: file, persistDebounceMs: 10 }, { token: 'persist-me', chart: 'SKR03' });
    const contact = (
      await first.api('POST', '/Contact', { name: 'Bleibt GmbH', category: CUSTOMER, customerNumber: 'K-1' })
    ).body.objects;
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4 persisted\n'], { type: 'application/pdf' }), 'p.pdf');
    await first.sandbox.fetch('http://x/api/v1/Voucher/Factory/uploadTempFile', {
      method: 'POST',
      headers: { Authorization: first.token },
      body: form,
    });
    await first.sandbox.close();
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(dir, 'nested')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('belegfluss-sandbox-state');

    const second = fixtureFor(createSandbox({ stateFile: file }), 'persist-me');
    const found = await second.api('GET', '/Contact?customerNumber=K-1');
    expect(found.body.objects[0]).toMatchObject({ id: contact.id, name: 'Bleibt GmbH' });
    expect(second.sandbox.account('persist-me').chart).toBe('SKR03');
    expect(second.sandbox.dump('persist-me').files).toHaveLength(1);
    const next = (await second.api('POST', '/Contact', { name: 'Neu GmbH', category: CUSTOMER })).body.objects;
    expect(Number(next.id)).toBeGreaterThan(Number(contact.id));
    expect(next.customerNumber).toBe('1000');
    await second.sandbox.close();
  });

  it('writes debounced while running', async () => {
    const f = sandboxFixture({ stateFile: join(dir, 'debounced.json'), persistDebounceMs: 20 });
    await f.api('POST', '/Contact', { name: 'Später GmbH', category: CUSTOMER });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const saved = JSON.parse(readFileSync(join(dir, 'debounced.json'), 'utf8'));
    expect(saved.accounts[0].contacts[0].name).toBe('Später GmbH');
    await f.sandbox.close();
  });

  it('refuses a state file that is not JSON', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{not json');
    expect(() => createSandbox({ stateFile: broken })).toThrow(/not valid JSON/);
  });
});
