import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShop } from '../../src/app/shops/create-shop.js';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { findShop } from '../../src/db/repos/shops.repo.js';
import { authHeader, SANDBOX_BASE_URL } from '../booking/harness.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { testSeller } from '../support/factories.js';
import { type AccountingHarness, accountingShop, createAccountingHarness, writeCalls } from './harness.js';

// GET/PUT /api/v1/shops/:shopId/accounting and GET …/accounting/accounts: field errors for bad input, and a choice
// the connected account's ReceiptGuidance refuses is refused at save time with sevDesk's reason — nothing stored,
// nothing sent.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`accounting settings API (${engine})`, () => {
    let h: AccountingHarness;
    beforeAll(async () => {
      h = await createAccountingHarness(engine);
    });
    afterAll(async () => h?.close());

    const call = async (shop: { shop: { id: string }; apiKey: string }, method: string, path = '', body?: unknown) => {
      const res = await h.http.request(`/api/v1/shops/${shop.shop.id}${path}`, {
        method,
        headers: {
          ...authHeader(shop as never),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below
      return { status: res.status, json: (await res.json()) as any };
    };

    it('shows the settings with their defaults and the accounts to choose from', async () => {
      const shop = await accountingShop(h);
      const got = await call(shop, 'GET', '/accounting');
      expect(got.status).toBe(200);
      expect(got.json.settings).toMatchObject({
        revenueAccounts: { byTaxCase: {}, cancellations: { byTaxCase: {} } },
        costCentre: { default: null },
        contacts: { company: 'organisation', guests: 'per_order', collectiveName: 'Gastkunden' },
        voucher: { date: 'invoice_date', remark: false },
        productTypes: { default: 'goods' },
        dryRun: false,
      });
      const accounts = await call(shop, 'GET', '/accounting/accounts');
      expect(accounts.status).toBe(200);
      expect(accounts.json).toMatchObject({ connected: true, bookkeepingVersion: '2.0', chart: 'SKR04' });
      const a4400 = accounts.json.revenueAccounts.find((a: { accountNumber: string }) => a.accountNumber === '4400');
      expect(a4400).toMatchObject({
        accountName: 'Erlöse 19 % USt',
        rules: [{ id: 1, rates: [19] }],
        taxCases: ['1:19'],
      });
      const a4200 = accounts.json.revenueAccounts.find((a: { accountNumber: string }) => a.accountNumber === '4200');
      expect(a4200.taxCases).toEqual(['1:19', '1:7', '1:0', '3', '2', '17']);
      expect(
        accounts.json.revenueAccounts.find((a: { accountNumber: string }) => a.accountNumber === '4720'),
      ).toMatchObject({ reduction: true });
      expect(accounts.json.costCentres).toHaveLength(3);
      // Revenue guidance came from the cache written at connect; only the cost centres were read (once).
      expect(accounts.json.calls).toBe(1);
      expect((await call(shop, 'GET', '/accounting/accounts')).json.calls).toBe(0);
    });

    it('refuses an account sevDesk would refuse for the rule or rate, naming the field and the reason', async () => {
      const shop = await accountingShop(h);
      const writes = writeCalls(h, shop);
      const bad = await call(shop, 'PUT', '/accounting', {
        revenueAccounts: {
          byTaxCase: { '1:19': '4400' },
          byProductType: { service: { '1:19': '4300' } },
          cancellations: { byTaxCase: { '3': '4720' } },
        },
      });
      expect(bad.status).toBe(400);
      const issues = Object.fromEntries(
        bad.json.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
      );
      expect(Object.keys(issues).sort()).toEqual([
        'revenueAccounts.byProductType.service.1:19',
        'revenueAccounts.cancellations.byTaxCase.3',
      ]);
      expect(issues['revenueAccounts.byProductType.service.1:19']).toMatch(
        /sevDesk refuses account 4300 \(Erlöse 7 % USt\) for tax rule 1 at 19% \(ReceiptGuidance: rate not allowed; allowed are rule 1 at 7%\)/,
      );
      expect(issues['revenueAccounts.cancellations.byTaxCase.3']).toMatch(/tax rule 3 .*rule not allowed/);
      // Nothing stored, nothing sent.
      expect((await findShop(h.ctx.db, shop.shop.id))!.settings.sevdesk.revenueAccounts.byTaxCase).toEqual({});
      expect(writeCalls(h, shop)).toBe(writes);

      const good = await call(shop, 'PUT', '/accounting', {
        revenueAccounts: { byProductType: { service: { '1:19': '4400', '1:7': '4300' } } },
      });
      expect(good.status).toBe(200);
      expect(good.json.validation).toMatchObject({ checked: true, issues: [] });
      expect(good.json.settings.revenueAccounts.byProductType.service).toEqual({ '1:19': '4400', '1:7': '4300' });
    });

    it('refuses the same through the generic settings change (PATCH /settings and the CLI’s shop settings)', async () => {
      const shop = await accountingShop(h);
      const res = await call(shop, 'PATCH', '/settings', {
        sevdesk: { revenueAccounts: { byTaxCase: { '2': '4400' } } },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.issues[0].path).toBe('sevdesk.revenueAccounts.byTaxCase.2');
      expect(res.json.error.issues[0].message).toMatch(/tax rule 2/);
      // Old clients sending the flat record still work (it is the per-tax-case map).
      const legacy = await call(shop, 'PATCH', '/settings', { sevdesk: { revenueAccounts: { '1:19': '4400' } } });
      expect(legacy.status).toBe(200);
      expect(legacy.json.settings.sevdesk.revenueAccounts.byTaxCase).toEqual({ '1:19': '4400' });
    });

    it('names every bad field of malformed input', async () => {
      const shop = await accountingShop(h);
      const res = await call(shop, 'PUT', '/accounting', {
        revenueAccounts: { byProduct: { 'SKU-1': { '1:19': 'Erlöse' } } },
        voucher: { date: 'tomorrow', description: { invoice: '{invoiceNo}' } },
        contacts: { guests: 'everyone' },
        costCentre: { default: 'A1' },
        surprise: true,
      });
      expect(res.status).toBe(400);
      const paths = res.json.error.issues.map((i: { path: string }) => i.path).sort();
      expect(paths).toEqual([
        '(root)',
        'contacts.guests',
        'costCentre.default',
        'revenueAccounts.byProduct.SKU-1.1:19',
        'voucher.date',
        'voucher.description.invoice',
      ]);
      expect(
        res.json.error.issues.find((i: { path: string }) => i.path === 'voucher.description.invoice').message,
      ).toMatch(/unknown placeholder \{invoiceNo\}/);
    });

    it('judges choices against the account’s own chart (SKR03) and accepts them unchecked while not connected', async () => {
      const created = await createShop(h.ctx, { name: 'SKR03', settings: {}, seller: testSeller });
      const account = h.sandbox.createAccount({ chart: 'SKR03' });
      const loose = await call(created, 'PUT', '/accounting', { revenueAccounts: { byTaxCase: { '1:19': '4400' } } });
      expect(loose.status).toBe(200);
      expect(loose.json.validation).toMatchObject({ checked: false, note: { code: 'accounting_not_checked' } });
      await connectSevdesk(h.ctx, created.shop.id, { token: account.token, baseUrl: SANDBOX_BASE_URL });
      const refused = await call(created, 'PUT', '/accounting', { revenueAccounts: { byTaxCase: { '1:7': '4300' } } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.issues[0].message).toMatch(/Account 4300 does not exist in this sevDesk account/);
      const ok = await call(created, 'PUT', '/accounting', { revenueAccounts: { byTaxCase: { '1:7': '8300' } } });
      expect(ok.status).toBe(200);
      expect((await call(created, 'GET', '/accounting/accounts')).json.chart).toBe('SKR03');
    });
  });
}
