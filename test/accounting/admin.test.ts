import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import type { DbHandle } from '../../src/db/create-db.js';
import { findShop, type Shop } from '../../src/db/repos/shops.repo.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { adminHarness, type Harness, type Session } from '../admin/support/harness.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { insertFinalizedDocument } from '../transfer/harness.js';
import { docData } from './harness.js';

// Settings › Accounting in the admin UI (German and English): selects offer only what the account's ReceiptGuidance
// allows; a forged choice is refused next to its field with sevDesk's reason; a valid form is stored. The document
// page shows each line's product type and loads the dry run.

const writes = (sandbox: Sandbox, token: string) =>
  Object.entries(sandbox.calls(token).routes)
    .filter(([route]) => !route.startsWith('GET '))
    .reduce((n, [, c]) => n + c, 0);

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`admin: accounting (${engine})`, () => {
    let h: Harness;
    let sandbox: Sandbox;
    let shop: Shop;
    let token: string;
    let s: Session;
    beforeAll(async () => {
      h = await adminHarness(engine);
      sandbox = createSandbox({ seed: 1 });
      setSevdeskDeps(h.ctx, {
        fetch: sandbox.fetch,
        rateLimiter: new TokenBucketRateLimiter(),
        timeoutMs: 2_000,
        requestsPerSecond: 1000,
      });
      shop = await h.createShop('Testshop', { sevdesk: { active: true } });
      token = sandbox.createAccount({}).token;
      await connectSevdesk(h.ctx, shop.id, { token, baseUrl: 'http://sandbox.test/api/v1' });
      s = await h.login();
    });
    afterAll(async () => {
      await sandbox?.close();
      await h?.close();
    });

    const stored = async () => (await findShop(h.ctx.db, shop.id))!.settings;
    // What the browser posts besides the fields a test changes.
    const base = {
      'voucher.date': 'invoice_date',
      'voucher.description.invoice': '{invoiceNumber}',
      'voucher.description.cancellation': '{invoiceNumber} Storno zu {cancelledInvoiceNumber}',
      'productTypes.default': 'goods',
    };

    it('offers per tax case only the accounts sevDesk takes there', async () => {
      const res = await h.get('/admin/settings/accounting', s);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/aria-current="page"[^>]*>Buchhaltung</);
      const cell = /<select id="f-rev-service-1-19"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
      expect(cell).toContain('4400 Erlöse 19 % USt');
      expect(cell).toContain('4200 Erlöse');
      expect(cell).not.toContain('4300');
      const export2 = /<select id="f-rev-case-2"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
      expect(export2).toContain('4120');
      expect(export2).not.toContain('4400');
      expect(html).toContain('Onlineshop');
      const en = await (await h.get('/admin/settings/accounting?lang=en', s)).text();
      expect(en).toContain('Revenue reductions (cancellations)');
    });

    it('refuses a choice sevDesk would refuse, next to its field, and stores nothing', async () => {
      const before = writes(sandbox, token);
      const res = await h.post('/admin/settings/accounting', { ...base, 'rev.service.1:19': '4300' }, s);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(
        /id="f-rev-service-1-19-error">sevDesk lehnt das Konto 4300 \(Erlöse 7 % USt\) für Steuerregel 1 mit 19 % ab \(ReceiptGuidance: Steuersatz nicht erlaubt; erlaubt sind Regel 1 mit 7 %\)/,
      );
      // The refused value stays visible in the form.
      expect(html).toMatch(/<option value="4300" selected="">4300<\/option>/);
      expect((await stored()).sevdesk.revenueAccounts.byProductType).toEqual({});
      expect(writes(sandbox, token)).toBe(before);

      const bad = await h.post(
        '/admin/settings/accounting',
        {
          ...base,
          'voucher.description.invoice': '{invoiceNo}',
          'productTypes.byTaxClass': 'reduced-rate digital',
          'prod.0.key': '',
          'prod.0.case': '1:19',
          'prod.0.account': '4400',
        },
        s,
      );
      expect(bad.status).toBe(400);
      const text = await bad.text();
      expect(text).toMatch(/id="f-productTypes-byTaxClass-error">Zeile „schluessel = goods/);
      expect(text).toMatch(/id="f-prod-0-key-error">SKU oder Produkt-ID fehlt\./);
      expect(text).toMatch(/id="f-voucher-description-invoice-error">Bitte nur die genannten Platzhalter verwenden/);
    });

    it('the sevDesk page’s per-tax-case accounts are refused the same way', async () => {
      const res = await h.post(
        '/admin/settings/sevdesk',
        {
          'sevdesk.active': ['0', '1'],
          'sevdesk.customerNumberPrefix': 'WC-',
          'sevdesk.guestContacts': 'per_order',
          'sevdesk.collectiveContactName': 'Gastkunden',
          'sevdesk.companyContacts': 'organisation',
          'revenue.1:19': '4300',
          'booking.searchKey': '{orderNumber}',
          'booking.rematchDays': '14',
        },
        s,
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/id="f-revenue-1-19-error">sevDesk lehnt das Konto 4300/);
      expect((await stored()).sevdesk.revenueAccounts.byTaxCase).toEqual({});
    });

    it('stores a valid form', async () => {
      const centres = (await (await h.get('/admin/settings/accounting', s)).text()).match(
        /<option value="(\d+)"[^>]*>100 Onlineshop/,
      );
      const res = await h.post(
        '/admin/settings/accounting',
        {
          'rev.service.1:19': '4400',
          'rev.shipping.1:19': '4200',
          'can.case.1:19': '4720',
          'prod.0.key': 'KURS-VIP',
          'prod.0.case': '1:19',
          'prod.0.account': '4200',
          'costCentre.default': centres?.[1] ?? '',
          'voucher.date': 'order_date',
          'voucher.description.invoice': '{invoiceNumber} · {customerName}',
          'voucher.description.cancellation': '{invoiceNumber} Storno zu {cancelledInvoiceNumber}',
          'voucher.remark': ['0', '1'],
          'productTypes.default': 'goods',
          'productTypes.byTaxClass': 'reduced-rate = digital\nzero-rate = service',
          'productTypes.byCategory': '',
          dryRun: '0',
        },
        s,
      );
      expect(res.status).toBe(303);
      const settings = await stored();
      expect(settings.sevdesk.revenueAccounts).toMatchObject({
        byProductType: { service: { '1:19': '4400' } },
        shipping: { '1:19': '4200' },
        byProduct: { 'KURS-VIP': { '1:19': '4200' } },
        cancellations: { byTaxCase: { '1:19': '4720' } },
      });
      expect(settings.sevdesk.costCentre.default).toBe(centres?.[1]);
      expect(settings.sevdesk.voucher).toEqual({
        date: 'order_date',
        description: {
          invoice: '{invoiceNumber} · {customerName}',
          cancellation: '{invoiceNumber} Storno zu {cancelledInvoiceNumber}',
        },
        remark: true,
      });
      expect(settings.documents.productTypes.byTaxClass).toEqual({ 'reduced-rate': 'digital', 'zero-rate': 'service' });
      expect(await (await h.get('/admin/settings/accounting?done=saved', s)).text()).toContain('Gespeichert.');
    });

    it('shows the product type per line and the dry run on the document page, sending nothing', async () => {
      const data = docData(
        {
          lines: [
            { name: 'Jacke', gross: 11900 },
            { name: 'Online-Kurs', gross: 5950, productType: 'service' },
          ],
        },
        '7001',
      );
      const doc = await insertFinalizedDocument({ db: { db: h.ctx.db } as DbHandle }, shop.id, data);
      const page = await (await h.get(`/admin/documents/${doc.id}`, s)).text();
      expect(page).toMatch(/Online-Kurs<span class="doc-type" title="Produkttyp">Dienstleistung<\/span>/);
      expect(page).toContain(`hx-get="/admin/documents/${doc.id}/dry-run"`);
      const before = writes(sandbox, token);
      const partial = await (await h.get(`/admin/documents/${doc.id}/dry-run`, s, { 'hx-request': 'true' })).text();
      expect(partial).not.toContain('<html');
      expect(partial).toContain(`${doc.number} · Max Kunde · Bestellung 7001 · Zahlart PayPal [BF:${doc.id}]`);
      expect(partial).toMatch(/<span class="mono">4400<\/span> Erlöse 19 % USt/);
      expect(partial).toContain('Würde jetzt so gesendet.');
      expect(writes(sandbox, token)).toBe(before);
      const full = await (await h.get(`/admin/documents/${doc.id}/dry-run?lang=en`, s)).text();
      expect(full).toContain('<html');
      expect(full).toContain('Would be sent like this now.');
    });
  });
}
