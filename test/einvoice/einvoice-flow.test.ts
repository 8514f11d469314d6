import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { CUSTOMER_SYNC_QUEUE, TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { hasMarker } from '../../src/domain/transfer/marker.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { wooCustomerSnapshot } from '../../src/integrations/woocommerce/map-customer.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { buildJobHandlers } from '../../src/worker/jobs/index.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { orderJson } from '../documents/order-fixtures.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { missingEinvoiceTools, validateCiiBatch } from '../support/einvoice-validator.js';
import { testSeller } from '../support/factories.js';
import { missingPdfTools, pdfAttachments } from '../support/pdf-tools.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { SANDBOX_BASE_URL } from '../transfer/harness.js';

// Issue 12 end to end: a B2B order over the JSON API becomes an invoice with the Factur-X hybrid PDF, and that
// very PDF is what the sevDesk voucher carries; a seller profile lacking mandatory data stops finalization and
// names the field; a shop producing XRechnungen stores one per buyer with a Leitweg-ID, valid per the KoSIT rules.

const LEITWEG_ID = '04011000-1234512345-06';

const b2bOrder = (id: string, customer: Record<string, unknown> = {}) => {
  const order = orderJson({
    id,
    company: 'Muster Abnehmer GmbH',
    vatId: 'DE987654321',
    lines: [
      { id: '1', name: 'Werkzeugkoffer', quantity: '2', taxRate: '19', net: '100.00', tax: '19.00' },
      { id: '2', kind: 'shipping', name: 'Versand', taxRate: '19', net: '5.90', tax: '1.12' },
    ],
  });
  order.customer = { ...(order.customer as Record<string, unknown>), ...customer };
  return order;
};

const publicBuyerOrder = (id: string) =>
  b2bOrder(id, {
    company: 'Stadt Musterstadt, Hauptamt',
    vatId: null,
    buyerReference: LEITWEG_ID,
  });

type DocumentAction = { id: string; type: string; action: string };
const finalizedInvoice = (put: { json: { documents: DocumentAction[] } }): DocumentAction => {
  const invoice = put.json.documents.find((d) => d.type === 'invoice' && d.action === 'finalized');
  if (!invoice) throw new Error(`no finalized invoice: ${JSON.stringify(put.json)}`);
  return invoice;
};

describe('WooCommerce buyer reference (Leitweg-ID) meta', () => {
  const billing = {
    first_name: 'Amt',
    last_name: 'Person',
    company: 'Stadt Musterstadt',
    address_1: 'Rathausplatz 1',
    address_2: '',
    city: 'Musterstadt',
    state: '',
    postcode: '12345',
    country: 'DE',
    email: 'rechnung@musterstadt.example',
    phone: '',
  };
  it('takes it from _billing_leitweg_id, leitweg_id or _buyer_reference; absent stays absent', () => {
    for (const key of ['_billing_leitweg_id', 'leitweg_id', '_buyer_reference']) {
      const snap = wooCustomerSnapshot({ customerId: 3, billing, meta: [{ id: 1, key, value: ` ${LEITWEG_ID} ` }] });
      expect(snap.buyerReference).toBe(LEITWEG_ID);
    }
    const none = wooCustomerSnapshot({ customerId: 3, billing, meta: [{ id: 1, key: 'leitweg_id', value: ' ' }] });
    expect('buyerReference' in none).toBe(false);
  });
});

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`e-invoice flow (${engine})`, () => {
    let app: TestApp;
    let sandbox: Sandbox;
    beforeAll(async () => {
      app = await createTestApp(engine);
      sandbox = createSandbox();
      setSevdeskDeps(app.ctx, {
        fetch: sandbox.fetch,
        rateLimiter: new TokenBucketRateLimiter(),
        requestsPerSecond: 1000,
        readRetryBaseMs: 5,
      });
    });
    afterAll(async () => {
      await sandbox?.close();
      await app?.close();
    });

    async function drain() {
      const runner = new WorkerRunner(app.ctx.queue, buildJobHandlers(app.ctx), {
        concurrency: 2,
        pollIntervalMs: 10,
        leaseMs: 30_000,
        logger: silentLogger,
      });
      runner.start();
      for (;;) {
        const open = await app.ctx.queue.list({ status: ['pending', 'running'] });
        const mine = open.filter((j) => j.queue === TRANSFER_QUEUE || j.queue === CUSTOMER_SYNC_QUEUE);
        if (mine.length === 0) break;
        for (const j of mine) if (j.status === 'pending' && j.runAt > Date.now()) await app.ctx.queue.retry(j.id);
        await new Promise((r) => setTimeout(r, 20));
      }
      await runner.stop(2_000);
    }

    it('a B2B order → finalized invoice → the voucher in sevDesk carries the very Factur-X hybrid PDF', async () => {
      const { shop, apiKey } = await app.createShop({ settings: { sevdesk: { active: true } } });
      const { token } = sandbox.createAccount();
      const base = `/api/v1/shops/${shop.id}`;
      const conn = await app.call('PUT', `${base}/sevdesk/connection`, {
        apiKey,
        body: { token, baseUrl: SANDBOX_BASE_URL },
      });
      expect(conn.status).toBe(200);

      const put = await app.call('PUT', `${base}/orders/b2b-1`, { apiKey, body: b2bOrder('b2b-1') });
      expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
      const invoice = finalizedInvoice(put);
      expect(invoice).toBeDefined();
      const doc = (await app.call('GET', `${base}/documents/${invoice.id}`, { apiKey })).json;
      expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(['facturx', 'pdf', 'xml']);
      const facturxFile = await app.call('GET', `${base}/documents/${invoice.id}/facturx`, { apiKey });
      expect(facturxFile.status).toBe(200);
      const facturx = Buffer.from(await facturxFile.res.arrayBuffer());
      const sha = createHash('sha256').update(facturx).digest('hex');
      expect(doc.files.find((f: { kind: string }) => f.kind === 'facturx').sha256).toBe(sha);

      await drain();
      const vouchers = sandbox.dump(token).vouchers.filter((v) => hasMarker(v.description, invoice.id));
      expect(vouchers).toHaveLength(1);
      const file = vouchers[0]!.file;
      expect(file).not.toBeNull();
      // Byte for byte the stored hybrid (the sandbox keeps the SHA-256 of what was uploaded), recognized as
      // an e-invoice (it finds the embedded factur-x.xml).
      expect(file!.contentHash).toBe(sha);
      expect(file!.size).toBe(facturx.length);
      expect(file!.originMimeType).toBe('application/pdf');
      expect(file!.isEInvoice).toBe(true);
      expect(facturx.includes(Buffer.from('factur-x.xml', 'latin1'))).toBe(true);
      if (missingPdfTools().length === 0) {
        const attachments = await pdfAttachments(facturx);
        const xml = (await app.call('GET', `${base}/documents/${invoice.id}/xml`, { apiKey })).res;
        expect(attachments.get('factur-x.xml')?.toString('utf8')).toBe(await xml.text());
      }
    });

    it('missing seller VAT id and tax number stops a B2B finalization, naming the field; nothing is numbered', async () => {
      const { apiKey, shop } = await app.createShop({
        settings: { documents: { autoFinalize: false } },
        seller: { ...testSeller, vatId: null, taxNumber: '' },
      });
      const base = `/api/v1/shops/${shop.id}`;
      const put = await app.call('PUT', `${base}/orders/b2b-2`, { apiKey, body: b2bOrder('b2b-2') });
      expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
      const draft = put.json.documents.find((d: { type: string }) => d.type === 'invoice');
      const fin = await app.call('POST', `${base}/documents/${draft.id}/finalize`, { apiKey });
      expect(fin.status).toBe(409);
      expect(fin.json.error.code).toBe('seller_profile_incomplete');
      expect(fin.json.error.message).toMatch(/seller\.vatId/);
      expect(fin.json.error.issues).toEqual([
        { path: 'seller.vatId', message: expect.stringMatching(/VAT id .*or tax number/) },
      ]);
      const after = (await app.call('GET', `${base}/documents/${draft.id}`, { apiKey })).json;
      expect(after).toMatchObject({ status: 'draft', number: null });
      expect(after.files).toEqual([]);
    });

    it('XRechnung on: a buyer with a Leitweg-ID gets an XRechnung XML, served at /xrechnung, BT-10 set', async () => {
      const { apiKey, shop } = await app.createShop({ settings: { documents: { xrechnung: true } } });
      const base = `/api/v1/shops/${shop.id}`;
      const put = await app.call('PUT', `${base}/orders/amt-1`, { apiKey, body: publicBuyerOrder('amt-1') });
      expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
      const invoice = finalizedInvoice(put);
      const doc = (await app.call('GET', `${base}/documents/${invoice.id}`, { apiKey })).json;
      // No VAT id (public authority), yet an e-invoice: the XRechnung goes with the EN 16931 XML and the hybrid.
      expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(['facturx', 'pdf', 'xml', 'xrechnung']);
      const xr = await app.call('GET', `${base}/documents/${invoice.id}/xrechnung`, { apiKey });
      expect(xr.status).toBe(200);
      expect(xr.res.headers.get('content-type')).toMatch(/application\/xml/);
      expect(xr.res.headers.get('content-disposition')).toMatch(/-xrechnung\.xml"/);
      const xml = await xr.res.text();
      expect(xml).toContain(`<ram:BuyerReference>${LEITWEG_ID}</ram:BuyerReference>`);
      expect(xml).toContain('urn:xeinkauf.de:kosit:xrechnung_3.0');
      const en = await (await app.call('GET', `${base}/documents/${invoice.id}/xml`, { apiKey })).res.text();
      expect(en).toContain(`<ram:BuyerReference>${LEITWEG_ID}</ram:BuyerReference>`);
      expect(en).not.toContain('xrechnung');

      if (engine === 'sqlite' && missingEinvoiceTools().length === 0) {
        const reports = await validateCiiBatch([
          { name: 'xrechnung', xml, xrechnung: true },
          { name: 'en16931', xml: en },
        ]);
        for (const [name, report] of reports) expect(report.errors, name).toEqual([]);
      }
    }, 120_000);

    it('XRechnung off, or no Leitweg-ID: no XRechnung file; the EN 16931 XML falls back to the order number', async () => {
      const off = await app.createShop();
      const offBase = `/api/v1/shops/${off.shop.id}`;
      const put = await app.call('PUT', `${offBase}/orders/amt-2`, {
        apiKey: off.apiKey,
        body: b2bOrder('amt-2', { buyerReference: LEITWEG_ID }),
      });
      const inv = finalizedInvoice(put);
      const doc = (await app.call('GET', `${offBase}/documents/${inv.id}`, { apiKey: off.apiKey })).json;
      expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(['facturx', 'pdf', 'xml']);
      expect((await app.call('GET', `${offBase}/documents/${inv.id}/xrechnung`, { apiKey: off.apiKey })).status).toBe(
        404,
      );

      const on = await app.createShop({ settings: { documents: { xrechnung: true } } });
      const onBase = `/api/v1/shops/${on.shop.id}`;
      const put2 = await app.call('PUT', `${onBase}/orders/b2b-3`, { apiKey: on.apiKey, body: b2bOrder('b2b-3') });
      const inv2 = finalizedInvoice(put2);
      const doc2 = (await app.call('GET', `${onBase}/documents/${inv2.id}`, { apiKey: on.apiKey })).json;
      expect(doc2.files.map((f: { kind: string }) => f.kind)).toEqual(['facturx', 'pdf', 'xml']);
      const en = await (await app.call('GET', `${onBase}/documents/${inv2.id}/xml`, { apiKey: on.apiKey })).res.text();
      expect(en).toContain('<ram:BuyerReference>WC-b2b-3</ram:BuyerReference>');
    });

    it('XRechnung needs the seller contact (BT-41..43): finalization names the missing fields', async () => {
      const { apiKey, shop } = await app.createShop({
        settings: { documents: { xrechnung: true, autoFinalize: false } },
        seller: { ...testSeller, contactName: null, phone: null },
      });
      const base = `/api/v1/shops/${shop.id}`;
      const put = await app.call('PUT', `${base}/orders/amt-3`, { apiKey, body: publicBuyerOrder('amt-3') });
      const draft = put.json.documents.find((d: { type: string }) => d.type === 'invoice');
      const fin = await app.call('POST', `${base}/documents/${draft.id}/finalize`, { apiKey });
      expect(fin.status).toBe(409);
      expect(fin.json.error.issues.map((i: { path: string }) => i.path)).toEqual([
        'seller.contactName',
        'seller.phone',
      ]);
    });

    it('rejects a buyer reference that is not text with a field path', async () => {
      const { apiKey, shop } = await app.createShop();
      const put = await app.call('PUT', `/api/v1/shops/${shop.id}/orders/bad-1`, {
        apiKey,
        body: b2bOrder('bad-1', { buyerReference: 42 }),
      });
      expect(put.status).toBe(400);
      expect(JSON.stringify(put.json)).toContain('customer.buyerReference');
    });
  });
}
