import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { listShopTransfers } from '../../src/app/transfer/transfer-log.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import type { DocumentData } from '../../src/domain/documents/document.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  connectShop,
  createHarness,
  type Harness,
  insertFinalizedDocument,
  insertShop,
  sampleDocumentData,
} from './harness.js';

// sevDesk calls per transferred invoice, counted by the sandbox (product.md target: returning customer ≤ 3).
// Static data (countries, categories, receipt guidance) is read once at connect and cached per connection.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`calls per invoice (${engine})`, () => {
    let h: Harness;
    let shopId: string;
    let token: string;
    const numbers: Record<string, number> = {};
    beforeAll(async () => {
      h = await createHarness(engine);
      shopId = await insertShop(h);
      token = await connectShop(h, shopId);
    });
    afterAll(async () => {
      console.log(`[call economy ${engine}] sevDesk calls per transferred invoice: ${JSON.stringify(numbers)}`);
      await h?.close();
    });

    async function callsFor(name: string, data: DocumentData): Promise<Record<string, number>> {
      const doc = await insertFinalizedDocument(h, shopId, data);
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId: doc.id, reason: 'auto' });
      h.sandbox.resetCalls(token);
      expect((await runTransfer(h.ctx, transferId))?.state).toBe('transferred');
      const calls = h.sandbox.calls(token);
      numbers[name] = calls.total;
      return calls.routes;
    }
    const customer = (over: Partial<DocumentData['customer']>) => ({ ...sampleDocumentData().customer, ...over });

    it('new customer (billing address, e-mail): 8 calls', async () => {
      const routes = await callsFor('new customer', sampleDocumentData({ customer: customer({ customerId: 'n1' }) }));
      expect(routes).toEqual({
        'GET /Contact': 1,
        'GET /CommunicationWay': 1,
        'POST /Contact': 1,
        'POST /ContactAddress': 1,
        'POST /CommunicationWay': 1,
        'GET /Voucher': 1,
        'POST /Voucher/Factory/uploadTempFile': 1,
        'POST /Voucher/Factory/saveVoucher': 1,
      });
    });

    it('returning customer with unchanged data: 3 calls (marker search, upload, saveVoucher)', async () => {
      const routes = await callsFor(
        'returning customer',
        sampleDocumentData({ customer: customer({ customerId: 'n1' }) }),
      );
      expect(routes).toEqual({
        'GET /Voucher': 1,
        'POST /Voucher/Factory/uploadTempFile': 1,
        'POST /Voucher/Factory/saveVoucher': 1,
      });
    });

    it('returning customer with a new address: 4 calls (one PUT of the address)', async () => {
      const moved = customer({
        customerId: 'n1',
        billing: {
          firstName: 'Max',
          lastName: 'Kunde',
          street: 'Neuer Weg 5',
          zip: '80331',
          city: 'München',
          country: 'DE',
        },
      });
      const routes = await callsFor('returning customer, changed address', sampleDocumentData({ customer: moved }));
      expect(routes['PUT /ContactAddress/{contactAddressId}']).toBe(1);
      expect(Object.values(routes).reduce((a, b) => a + b, 0)).toBe(4);
    });

    it('new customer with phone and a different shipping address: 10 calls', async () => {
      const data = sampleDocumentData({
        customer: customer({
          customerId: 'n2',
          email: 'zweite@example.com',
          phone: '+49 30 1',
          shipping: {
            firstName: 'Max',
            lastName: 'Kunde',
            street: 'Lager 1',
            zip: '10115',
            city: 'Berlin',
            country: 'DE',
          },
        }),
      });
      const routes = await callsFor('new customer with phone and shipping address', data);
      expect(routes['POST /ContactAddress']).toBe(2);
      expect(routes['POST /CommunicationWay']).toBe(2);
    });

    it('a second shop customer with the same e-mail gets its own contact (9 calls: the e-mail match is refused)', async () => {
      const routes = await callsFor(
        'new customer sharing an e-mail with another',
        sampleDocumentData({ customer: customer({ customerId: 'n3' }) }),
      );
      expect(routes['POST /Contact']).toBe(1);
      expect(h.sandbox.dump(token).contacts.map((c) => c.customerNumber)).toContain('WC-n3');
    });

    it('guest order (contact per order): 7 calls (no e-mail lookup for guests)', async () => {
      const routes = await callsFor(
        'guest, contact per order',
        sampleDocumentData({ orderNumber: 'G-1', customer: customer({ customerId: null }) }),
      );
      expect(routes['GET /CommunicationWay']).toBeUndefined();
    });

    it('listing transfers makes no sevDesk call', async () => {
      h.sandbox.resetCalls(token);
      const list = await listShopTransfers(h.ctx, shopId, {});
      expect(list.length).toBeGreaterThan(0);
      expect(h.sandbox.calls(token).total).toBe(0);
    });
  });
}
