import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findShopByApiKey, findShopRow, listShops } from '../../src/db/repos/shops.repo.js';
import { signWooBody } from '../../src/integrations/woocommerce/signature.js';
import { enginesUnderTest } from '../support/databases.js';
import { adminHarness, type Harness, type Session } from './support/harness.js';

// "New shop" in the admin UI: the same use case as the CLI, the seller profile validated field by field, and the
// webhook secret and API key shown exactly once — in the answer to the POST, never again.

const form = (change: Record<string, string> = {}) => ({
  name: 'Neuer Laden',
  'seller.legalName': 'Neuer Laden GmbH',
  'seller.address.street': 'Marktplatz 3',
  'seller.address.zip': '04109',
  'seller.address.city': 'Leipzig',
  'seller.address.country': 'de',
  'seller.vatId': 'DE999999999',
  'seller.taxNumber': '',
  'seller.email': 'info@neuer-laden.de',
  ...change,
});

describe.each(enginesUnderTest())('new shop in the admin UI on %s', (engine) => {
  let h: Harness;
  let s: Session;
  beforeAll(async () => {
    h = await adminHarness(engine, { publicUrl: 'https://belegfluss.example.com' });
    await h.createShop('Bestehender Shop');
    s = await h.login();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is linked from the settings and shows an empty form', async () => {
    const settings = await (await h.get('/admin/settings', s)).text();
    expect(settings).toContain('href="/admin/shops/new"');
    const res = await h.get('/admin/shops/new', s);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/admin/shops"');
    expect(html).toMatch(/name="seller\.address\.country" type="text" value="DE"/);
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('refuses invalid input next to each field and creates nothing', async () => {
    const before = (await listShops(h.ctx.db)).length;
    const res = await h.post(
      '/admin/shops',
      form({ name: '', 'seller.address.zip': '', 'seller.address.country': 'Deutschland', 'seller.vatId': '123' }),
      s,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Bitte korrigieren Sie die markierten Felder.');
    for (const [id, text] of [
      ['f-name', 'Bitte geben Sie einen Namen mit höchstens 200 Zeichen ein.'],
      ['f-seller-address-zip', 'Dieses Feld ist erforderlich.'],
      ['f-seller-address-country', 'Bitte einen Ländercode mit zwei Buchstaben eingeben, z. B. DE.'],
      ['f-seller-vatId', 'Bitte eine USt-IdNr. wie DE123456789 eingeben.'],
    ]) {
      expect(html).toContain(`<p class="field-error" id="${id}-error">${text}</p>`);
    }
    // What was typed stays in the form.
    expect(html).toMatch(/name="seller\.address\.country" type="text" value="Deutschland"[^>]*aria-invalid="true"/);
    expect((await listShops(h.ctx.db)).length).toBe(before);
  });

  it('needs a signed-in user and a CSRF token', async () => {
    expect((await h.post('/admin/shops', form(), null)).status).toBe(303);
    expect((await h.post('/admin/shops', form(), s, { csrf: null })).status).toBe(403);
  });

  it('creates the shop and shows webhook URL, secret and API key once', async () => {
    const res = await h.post('/admin/shops', form(), s);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const shop = (await listShops(h.ctx.db)).find((x) => x.name === 'Neuer Laden')!;
    expect(shop.seller).toMatchObject({
      legalName: 'Neuer Laden GmbH',
      address: { street: 'Marktplatz 3', zip: '04109', city: 'Leipzig', country: 'DE' },
      vatId: 'DE999999999',
      taxNumber: null,
      email: 'info@neuer-laden.de',
    });
    const url = /id="new-shop-webhook-url">([^<]+)</.exec(html)?.[1];
    const secret = /id="new-shop-webhook-secret">([^<]+)</.exec(html)?.[1];
    const apiKey = /id="new-shop-api-key">([^<]+)</.exec(html)?.[1];
    expect(url).toBe(`https://belegfluss.example.com/webhooks/woocommerce/${shop.id}`);
    expect(secret).toBeTruthy();
    expect(apiKey).toBeTruthy();
    // The new shop is selected on the next pages.
    expect(res.headers.get('set-cookie')).toContain(shop.id);

    // Stored only as ciphertext / hash — and they work.
    const row = (await findShopRow(h.ctx.db, shop.id))!;
    expect(JSON.stringify(row)).not.toContain(secret!);
    expect(JSON.stringify(row)).not.toContain(apiKey!);
    expect((await findShopByApiKey(h.ctx.db, apiKey!))?.id).toBe(shop.id);
    const body = '{"id":1}';
    const hook = await h.app.request(`/webhooks/woocommerce/${shop.id}`, {
      method: 'POST',
      headers: { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-signature': signWooBody(body, secret!) },
      body,
    });
    expect(hook.status).not.toBe(401);

    // Never shown again: not on the settings pages of that shop.
    for (const path of ['/admin/settings', '/admin/settings/woocommerce', '/admin/shops/new']) {
      const page = await (await h.get(`${path}?shop=${shop.id}`, s)).text();
      expect(page, path).not.toContain(secret!);
      expect(page, path).not.toContain(apiKey!);
    }
  });
});
