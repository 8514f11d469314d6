import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRoutingFetch } from '../../src/app/demo/demo-sandbox.js';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { findConnection } from '../../src/db/repos/sevdesk-connections.repo.js';
import { findShop, findShopRow, type Shop } from '../../src/db/repos/shops.repo.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { enginesUnderTest } from '../support/databases.js';
import { adminHarness, type Harness, type Session } from './support/harness.js';

// Settings through the UI: shop, WooCommerce and sevDesk. Invalid input comes back with a message next to the
// field and nothing stored; secrets are shown once (webhook secret) or never (token, REST keys).

const SANDBOX_API = 'http://127.0.0.1:9/sandbox/api/v1';

const shopForm = (shop: Shop, change: Record<string, string> = {}) => ({
  name: shop.name,
  'numbering.invoice': shop.settings.numbering.invoice,
  'numbering.cancellation': shop.settings.numbering.cancellation,
  'tax.smallBusiness': '0',
  'tax.ossRegistered': '0',
  'documents.autoFinalize': ['0', '1'],
  ...change,
});

describe.each(enginesUnderTest())('settings on %s', (engine) => {
  let h: Harness;
  let s: Session;
  let shop: Shop;
  let sandbox: Sandbox;

  beforeAll(async () => {
    h = await adminHarness(engine);
    shop = await h.createShop('Einstellungsshop');
    s = await h.login();
    sandbox = createSandbox();
    setSevdeskDeps(h.ctx, { fetch: sandboxRoutingFetch(sandbox) });
  });
  afterAll(async () => {
    await sandbox.close();
    await h.close();
  });

  it('rejects an invalid number format next to its field and stores nothing', async () => {
    const res = await h.post(
      '/admin/settings/shop',
      shopForm(shop, { 'numbering.invoice': 'RE-{YYYY}', name: 'Neu' }),
      s,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(
      /<input id="f-numbering-invoice" name="numbering.invoice" type="text" value="RE-\{YYYY\}" aria-invalid="true" aria-describedby="f-numbering-invoice-error"\/>/,
    );
    expect(html).toMatch(
      /<p class="field-error" id="f-numbering-invoice-error">Ungültiges Format\. Es muss genau einmal \{seq\}/,
    );
    expect(html).toContain('Bitte korrigieren Sie die markierten Felder.');
    const stored = (await findShop(h.ctx.db, shop.id))!;
    expect(stored.settings.numbering.invoice).toBe('RE-{YYYY}-{seq:5}');
    expect(stored.name).toBe('Einstellungsshop');
    // In English the same field says it in English.
    const en = await h.post('/admin/settings/shop?lang=en', shopForm(shop, { 'numbering.invoice': '' }), s);
    expect(await en.text()).toContain('Invalid format. It must contain {seq}');
  });

  it('saves shop name, number formats, Kleinunternehmer and OSS', async () => {
    const res = await h.post(
      '/admin/settings/shop',
      shopForm(shop, {
        name: 'Umbenannt',
        'numbering.invoice': 'R{YY}-{seq:4}',
        'tax.smallBusiness': '1',
        'tax.ossRegistered': '1',
        'documents.autoFinalize': '0',
      }),
      s,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?saved=1');
    const stored = (await findShop(h.ctx.db, shop.id))!;
    expect(stored.name).toBe('Umbenannt');
    expect(stored.settings.numbering.invoice).toBe('R{YY}-{seq:4}');
    expect(stored.settings.tax).toMatchObject({ smallBusiness: true, ossRegistered: true });
    expect(stored.settings.documents.autoFinalize).toBe(false);
    const page = await (await h.get('/admin/settings?saved=1', s)).text();
    expect(page).toContain('Gespeichert.');
    expect(page).toContain('value="R{YY}-{seq:4}"');
    shop = stored;
  });

  it('shows the WooCommerce webhook secret only once, and keeps REST keys write-only', async () => {
    const rotated = await h.post('/admin/settings/woocommerce/rotate-secret', {}, s);
    expect(rotated.status).toBe(200);
    const html = await rotated.text();
    const secret = /id="new-webhook-secret">([^<]+)</.exec(html)?.[1];
    expect(secret).toMatch(/^[\w-]{20,}$/);
    expect(html).toContain(`/webhooks/woocommerce/${shop.id}`);
    const again = await (await h.get('/admin/settings/woocommerce', s)).text();
    expect(again).not.toContain(secret!);
    expect(again).toContain('Ein Secret ist gespeichert.');

    const bad = await h.post(
      '/admin/settings/woocommerce/keys',
      { url: 'not a url', consumerKey: '', consumerSecret: '' },
      s,
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="f-url-error"');
    expect(badHtml).toContain('id="f-consumerKey-error"');
    expect((await findShopRow(h.ctx.db, shop.id))!.woo_consumer_key_enc).toBeNull();

    const ok = await h.post(
      '/admin/settings/woocommerce/keys',
      { url: 'https://shop.example.com/', consumerKey: 'ck_live_secret_key_123', consumerSecret: 'cs_live_secret_456' },
      s,
    );
    expect(ok.status).toBe(303);
    const row = (await findShopRow(h.ctx.db, shop.id))!;
    expect(row.woo_consumer_key_enc).toMatch(/^v1\./);
    const page = await (await h.get('/admin/settings/woocommerce?saved=1', s)).text();
    expect(page).toContain('Die REST-Schlüssel wurden gespeichert.');
    expect(page).toContain('https://shop.example.com');
    expect(page).not.toContain('ck_live_secret_key_123');
    expect(page).not.toContain('cs_live_secret_456');
  });

  it('connects sevDesk with a token (never shown again), tests the connection and disconnects', async () => {
    const bad = await h.post(
      '/admin/settings/sevdesk/connect',
      { token: 'not-a-valid-token', baseUrl: SANDBOX_API },
      s,
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="f-token-error">[^<]*API-Token/);
    expect(await findConnection(h.ctx.db, shop.id)).toBeNull();

    const { token } = sandbox.createAccount({ chart: 'SKR04' });
    const res = await h.post('/admin/settings/sevdesk/connect', { token, baseUrl: SANDBOX_API }, s);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings/sevdesk?done=connected');
    const page = await (await h.get('/admin/settings/sevdesk?done=connected', s)).text();
    expect(page).toContain('sevDesk ist verbunden.');
    expect(page).toContain('verbunden mit der Sandbox (Testmodus)');
    expect(page).not.toContain(token);
    // Check accounts read at connect fill the account choices.
    expect(page).toContain('Geschäftskonto');

    const tested = await (await h.post('/admin/settings/sevdesk/test', {}, s)).text();
    expect(tested).toMatch(/id="diagnosis"[\s\S]*Buchhaltung 2\.0/);

    const out = await h.post('/admin/settings/sevdesk/disconnect', {}, s);
    expect(out.status).toBe(303);
    expect((await findConnection(h.ctx.db, shop.id))!.status).toBe('disconnected');
    expect(await (await h.get('/admin/settings/sevdesk?done=disconnected', s)).text()).toContain(
      'Die Verbindung zu sevDesk wurde getrennt.',
    );
  });

  it('saves the sevDesk settings, activation and booking; refuses invalid ones per field', async () => {
    const form = {
      'sevdesk.active': ['0', '1'],
      'sevdesk.autoTransfer': '0',
      'sevdesk.customerSync': ['0', '1'],
      'sevdesk.customerNumberPrefix': 'KD-',
      'sevdesk.guestContacts': 'collective',
      'sevdesk.collectiveContactName': 'Laufkundschaft',
      'sevdesk.companyContacts': 'organisation_and_person',
      'revenue.1:19': '4400',
      'revenue.11': '',
      'booking.enabled': ['0', '1'],
      'booking.defaultCheckAccountId': '',
      'pmkey.0': 'paypal',
      'pm.0': '77',
      'booking.linkTransactions': ['0', '1'],
      'booking.searchKey': '{orderNumber}',
      'booking.rematchDays': '7',
    };
    const bad = await h.post(
      '/admin/settings/sevdesk',
      {
        ...form,
        'sevdesk.customerNumberPrefix': 'X'.repeat(30),
        'booking.rematchDays': 'viele',
        'revenue.1:7': 'acht',
      },
      s,
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="f-sevdesk-customerNumberPrefix-error">Höchstens 20 Zeichen\./);
    expect(html).toMatch(/id="f-booking-rematchDays-error">Bitte eine ganze Zahl von 0 bis 90 eingeben\./);
    expect(html).toMatch(/id="f-revenue-1-7-error">Bitte eine Kontonummer des Kontenrahmens/);
    expect((await findShop(h.ctx.db, shop.id))!.settings.sevdesk.customerNumberPrefix).toBe('WC-');

    const ok = await h.post('/admin/settings/sevdesk', form, s);
    expect(ok.status).toBe(303);
    const stored = (await findShop(h.ctx.db, shop.id))!.settings;
    expect(stored.sevdesk).toMatchObject({
      active: true,
      autoTransfer: false,
      customerSync: true,
      customerNumberPrefix: 'KD-',
      guestContacts: 'collective',
      collectiveContactName: 'Laufkundschaft',
      companyContacts: 'organisation_and_person',
    });
    expect(stored.sevdesk.revenueAccounts.byTaxCase).toEqual({ '1:19': '4400' });
    expect(stored.booking).toMatchObject({
      enabled: true,
      defaultCheckAccountId: null,
      checkAccountByPaymentMethod: { paypal: '77' },
      linkTransactions: true,
      searchKey: '{orderNumber}',
      rematchDays: 7,
    });
  });
});
