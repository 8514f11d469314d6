import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShop } from '../../src/app/shops/create-shop.js';
import { findShop, type Shop } from '../../src/db/repos/shops.repo.js';
import { enginesUnderTest } from '../support/databases.js';
import { testSeller } from '../support/factories.js';
import { adminHarness, type Harness, type Session } from './support/harness.js';

// The e-invoice settings (documents.eInvoices, documents.xrechnung) in the admin shop settings: shown with their
// stored values, saved through the same validation as the API, and refused next to the switch when the seller
// profile lacks what those e-invoices need (every finalization would refuse otherwise).

const shopForm = (shop: Shop, change: Record<string, string | string[]> = {}) => ({
  shop: shop.id,
  name: shop.name,
  'numbering.invoice': shop.settings.numbering.invoice,
  'numbering.cancellation': shop.settings.numbering.cancellation,
  'tax.smallBusiness': '0',
  'tax.ossRegistered': '0',
  'documents.autoFinalize': ['0', '1'],
  'documents.eInvoices': '0',
  'documents.xrechnung': '0',
  ...change,
});
const on = ['0', '1'];

describe.each(enginesUnderTest())('e-invoice settings in the admin UI on %s', (engine) => {
  let h: Harness;
  let s: Session;
  let complete: Shop;
  let partial: Shop;
  beforeAll(async () => {
    h = await adminHarness(engine);
    complete = await h.createShop('Vollständig', { documents: { eInvoices: true } });
    partial = (
      await createShop(h.ctx, {
        name: 'Ohne Ansprechpartner',
        seller: { ...testSeller, contactName: null, phone: null, vatId: null, taxNumber: null },
      })
    ).shop;
    s = await h.login();
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows both switches with the stored values and the Leitweg-ID hint', async () => {
    const html = await (await h.get(`/admin/settings?shop=${complete.id}`, s)).text();
    expect(html).toMatch(
      /<input type="checkbox" id="f-documents-eInvoices" name="documents.eInvoices" value="1" checked/,
    );
    expect(html).toMatch(
      /<input type="checkbox" id="f-documents-xrechnung" name="documents.xrechnung" value="1"(?! checked)/,
    );
    expect(html).toContain('Leitweg-ID (Käuferreferenz, BT-10)');
    const en = await (await h.get(`/admin/settings?shop=${complete.id}&lang=en`, s)).text();
    expect(en).toContain('Also create an XRechnung when a Leitweg-ID is known');
  });

  it('saves them (on and off) for a complete seller profile', async () => {
    const res = await h.post(
      '/admin/settings/shop',
      shopForm(complete, { 'documents.eInvoices': on, 'documents.xrechnung': on }),
      s,
    );
    expect(res.status).toBe(303);
    let stored = (await findShop(h.ctx.db, complete.id))!;
    expect(stored.settings.documents).toMatchObject({ eInvoices: true, xrechnung: true, autoFinalize: true });
    await h.post('/admin/settings/shop', shopForm(stored, { 'documents.xrechnung': on }), s);
    stored = (await findShop(h.ctx.db, complete.id))!;
    expect(stored.settings.documents).toMatchObject({ eInvoices: false, xrechnung: true });
  });

  it('refuses switching on what the seller profile cannot carry, naming the fields next to each switch', async () => {
    const res = await h.post(
      '/admin/settings/shop',
      shopForm(partial, { 'documents.eInvoices': on, 'documents.xrechnung': on, name: 'Umbenannt' }),
      s,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Bitte korrigieren Sie die markierten Felder.');
    const einvoice = /<p class="field-error" id="f-documents-eInvoices-error">([^<]+)<\/p>/.exec(html)?.[1];
    const xrechnung = /<p class="field-error" id="f-documents-xrechnung-error">([^<]+)<\/p>/.exec(html)?.[1];
    expect(einvoice).toBe('Im Verkäuferprofil fehlt, was diese E-Rechnungen brauchen: USt-IdNr. / Steuernummer.');
    expect(xrechnung).toContain('USt-IdNr. / Steuernummer');
    expect(xrechnung).toContain('Ansprechpartner');
    expect(xrechnung).toContain('Telefon');
    expect(html).toMatch(
      /id="f-documents-xrechnung" name="documents.xrechnung" value="1" checked="" aria-invalid="true"/,
    );
    // Nothing stored, not even the unrelated name change.
    const stored = (await findShop(h.ctx.db, partial.id))!;
    expect(stored.settings.documents).toMatchObject({ eInvoices: false, xrechnung: false });
    expect(stored.name).toBe('Ohne Ansprechpartner');

    // Other settings of that shop can still be saved while the switches stay off.
    const ok = await h.post('/admin/settings/shop', shopForm(partial, { name: 'Umbenannt' }), s);
    expect(ok.status).toBe(303);
    expect((await findShop(h.ctx.db, partial.id))!.name).toBe('Umbenannt');
  });
});
