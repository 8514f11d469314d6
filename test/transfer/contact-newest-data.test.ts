import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOrder } from '../../src/app/ingest/ingest-order.js';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { customerOfNewestOrder } from '../../src/db/repos/customers.repo.js';
import { orderCustomerColumns } from '../../src/db/repos/orders.repo.js';
import { findShop, type Shop } from '../../src/db/repos/shops.repo.js';
import { wooFixtures } from '../../src/integrations/woocommerce/fixtures.js';
import { mapWooOrder, wooGmtToIso } from '../../src/integrations/woocommerce/map-order.js';
import { parseWooOrder } from '../../src/integrations/woocommerce/schemas.js';
import { newId } from '../../src/lib/ids.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { connectShop, createHarness, type Harness, insertShop } from './harness.js';

// A registered customer whose data reaches us only with orders (no customer records): the sevDesk contact follows
// the newest order, so transferring an older document (a late cancellation, a late invoice) never writes the older
// address back.

const PUT_ADDRESS = 'PUT /ContactAddress/{contactAddressId}';

const address = (street: string, city: string, zip: string) => ({
  first_name: 'Anna',
  last_name: 'Schmidt',
  company: '',
  address_1: street,
  address_2: '',
  city,
  state: '',
  postcode: zip,
  country: 'DE',
});

/** The WooCommerce order as a webhook brings it, for customer `customerId`. */
function wooOrder(opts: { id: number; customerId: number; street: string; created: string; status?: string }) {
  const json = wooFixtures.orders.domesticCouponInclTax() as Record<string, unknown>;
  const billing = { ...address(opts.street, 'Köln', '50667'), email: 'anna.schmidt@example.de', phone: '' };
  Object.assign(json, {
    id: opts.id,
    number: String(opts.id),
    customer_id: opts.customerId,
    status: opts.status ?? 'processing',
    billing,
    shipping: { ...address(opts.street, 'Köln', '50667'), phone: '' },
    date_created_gmt: opts.created,
    date_modified_gmt: opts.status ? '2026-06-01T08:00:00' : opts.created,
    refunds: [],
  });
  const parsed = parseWooOrder(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`contact follows the newest order (${engine})`, () => {
    let h: Harness;
    let shop: Shop;
    let token: string;
    beforeAll(async () => {
      h = await createHarness(engine);
      const shopId = await insertShop(h);
      token = await connectShop(h, shopId);
      shop = (await findShop(h.db.db, shopId))!;
    });
    afterAll(async () => h?.close());

    /** Ingest as the webhook does; returns the ids of the documents finalized by this snapshot. */
    async function ingest(order: ReturnType<typeof wooOrder>): Promise<Record<string, string>> {
      const r = await ingestOrder(h.ctx, shop, {
        order: mapWooOrder(order),
        sourceModifiedAt: wooGmtToIso(order.date_modified_gmt),
      });
      const finalized = r.documents.filter((d) => d.action === 'finalized');
      expect(finalized.length, JSON.stringify(r)).toBeGreaterThan(0);
      return Object.fromEntries(finalized.map((d) => [d.type, d.id]));
    }

    /** Transfers one document; returns the sevDesk calls of that run. */
    async function transfer(documentId: string): Promise<Record<string, number>> {
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId: shop.id, documentId, reason: 'manual' });
      h.sandbox.resetCalls(token);
      const result = await runTransfer(h.ctx, transferId);
      expect(result?.state, JSON.stringify(result)).toBe('transferred');
      return h.sandbox.calls(token).routes;
    }

    function contactStreets(customerNumber: string): (string | null)[] {
      const dump = h.sandbox.dump(token);
      const contact = dump.contacts.find((c) => c.customerNumber === customerNumber);
      expect(contact, customerNumber).toBeDefined();
      return dump.contactAddresses.filter((a) => a.contact === contact!.id).map((a) => a.street);
    }

    it("A's cancellation after B's invoice keeps B's address and writes no address", async () => {
      const a = wooOrder({ id: 6001, customerId: 4711, street: 'Altweg 1', created: '2026-01-10T10:00:00' });
      const b = wooOrder({ id: 6002, customerId: 4711, street: 'Neuer Weg 5', created: '2026-03-01T10:00:00' });
      const invoiceA = (await ingest(a)).invoice!;
      expect((await transfer(invoiceA))['POST /Contact']).toBe(1);
      expect(contactStreets('WC-4711')).toEqual(['Altweg 1']);

      const invoiceB = (await ingest(b)).invoice!;
      // The customer moved: the newer order updates the contact once.
      expect((await transfer(invoiceB))[PUT_ADDRESS]).toBe(1);
      expect(contactStreets('WC-4711')).toEqual(['Neuer Weg 5']);

      // Order A is cancelled later (its modification date is now the newest, its order date is not).
      const cancellation = (await ingest({ ...a, status: 'cancelled', date_modified_gmt: '2026-06-01T08:00:00' }))
        .cancellation!;
      const calls = await transfer(cancellation);
      expect(calls[PUT_ADDRESS]).toBeUndefined();
      expect(Object.keys(calls).filter((route) => route.includes('Contact'))).toEqual([]);
      expect(contactStreets('WC-4711')).toEqual(['Neuer Weg 5']);
    });

    it('a late transfer of an older invoice keeps the newer address and writes no address', async () => {
      const old = wooOrder({ id: 6101, customerId: 4712, street: 'Altweg 1', created: '2026-01-10T10:00:00' });
      const recent = wooOrder({ id: 6102, customerId: 4712, street: 'Neuer Weg 5', created: '2026-03-01T10:00:00' });
      // The older order arrives (is imported) after the newer one, and is transferred last.
      const recentInvoice = (await ingest(recent)).invoice!;
      const oldInvoice = (await ingest(old)).invoice!;
      await transfer(recentInvoice);
      expect(contactStreets('WC-4712')).toEqual(['Neuer Weg 5']);
      const calls = await transfer(oldInvoice);
      expect(calls[PUT_ADDRESS]).toBeUndefined();
      expect(contactStreets('WC-4712')).toEqual(['Neuer Weg 5']);
    });

    it("guests keep their own order's data (contact per order)", async () => {
      const old = wooOrder({ id: 6201, customerId: 0, street: 'Altweg 1', created: '2026-01-10T10:00:00' });
      const recent = wooOrder({ id: 6202, customerId: 0, street: 'Neuer Weg 5', created: '2026-03-01T10:00:00' });
      const recentInvoice = (await ingest(recent)).invoice!;
      const oldInvoice = (await ingest(old)).invoice!;
      await transfer(recentInvoice);
      await transfer(oldInvoice);
      expect(contactStreets('WC-Guest-6201')).toEqual(['Altweg 1']);
      expect(contactStreets('WC-Guest-6202')).toEqual(['Neuer Weg 5']);
    });

    it('finds the newest order by order date, exactly by customer id, ignoring deleted orders', async () => {
      const now = new Date().toISOString();
      // Through the repository's derivation of the indexed columns, as every order write does.
      const put = async (customerId: string, createdAt: string, street: string, deleted = false) => {
        const data = JSON.stringify({ createdAt, customer: { customerId, billing: { street } } });
        await h.db.db
          .insertInto('orders')
          .values({
            id: newId('ord'),
            shop_id: shop.id,
            external_id: newId('x'),
            number: '1',
            status: 'processing',
            currency: 'EUR',
            data,
            attention: '[]',
            source_modified_at: now,
            deleted_at: deleted ? now : null,
            ...orderCustomerColumns(data),
            created_at: now,
            updated_at: now,
          })
          .execute();
      };
      const street = async (customerId: string) =>
        (await customerOfNewestOrder(h.db.db, shop.id, customerId))?.billing.street ?? null;

      await put('a%b', '2026-02-01T00:00:00Z', 'newer');
      await put('a%b', '2026-01-01T00:00:00Z', 'older, stored later');
      await put('a%b', '2026-05-01T00:00:00Z', 'newest but deleted', true);
      await put('axxb', '2026-09-01T00:00:00Z', 'another customer');
      await put('q"_\\', '2026-01-01T00:00:00Z', 'quoted');
      await put('q"x\\', '2026-09-01T00:00:00Z', 'not the quoted one');
      await put('8', '2026-09-01T00:00:00Z', 'eight');
      expect(await street('a%b')).toBe('newer');
      expect(await street('axxb')).toBe('another customer');
      expect(await street('q"_\\')).toBe('quoted');
      expect(await street('A%B')).toBeNull();
      expect(await street('88')).toBeNull();
      expect(await street('nobody')).toBeNull();
    });
  });
}
