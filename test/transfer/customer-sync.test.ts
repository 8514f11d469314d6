import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findShop } from '../../src/db/repos/shops.repo.js';
import { onCustomerChanged } from '../../src/app/transfer/on-customer-changed.js';
import { CUSTOMER_SYNC_QUEUE } from '../../src/app/transfer/queues.js';
import { syncCustomer } from '../../src/app/transfer/sync-customer.js';
import { insertCustomerIfAbsent, updateCustomer } from '../../src/db/repos/customers.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { CustomerSnapshot } from '../../src/domain/documents/document.js';
import { newId } from '../../src/lib/ids.js';
import { silentLogger } from '../../src/lib/logger.js';
import { buildJobHandlers } from '../../src/worker/jobs/index.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { connectShop, createHarness, type Harness, insertShop, SANDBOX_BASE_URL } from './harness.js';

// Customer data reaches sevDesk once: ten quick edits cause one update, a change during a running sync is not
// lost, unchanged data costs no call, an existing contact is found by customer number or e-mail and never
// duplicated, and only the changed fields are written.

const snapshot = (over: Partial<CustomerSnapshot> = {}): CustomerSnapshot => ({
  customerId: '501',
  email: 'Erika@Example.com',
  phone: null,
  company: null,
  vatId: null,
  billing: { firstName: 'Erika', lastName: 'Muster', street: 'Allee 1', zip: '50667', city: 'Köln', country: 'DE' },
  shipping: null,
  ...over,
});

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`customer sync (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(engine);
    });
    afterAll(async () => h?.close());

    async function insertCustomer(shopId: string, data: CustomerSnapshot): Promise<string> {
      const id = newId('cus');
      await insertCustomerIfAbsent(
        h.db.db,
        {
          id,
          shop_id: shopId,
          external_id: data.customerId!,
          email: data.email,
          data: JSON.stringify(data),
          source_modified_at: null,
          deleted_at: null,
        },
        new Date().toISOString(),
      );
      return id;
    }
    /** A customer edit as the ingestion use case stores it: the change and the job in one transaction. */
    async function edit(shopId: string, customerId: string, data: CustomerSnapshot) {
      const shop = (await findShop(h.db.db, shopId))!;
      await inTransaction(h.db.db, async (tx) => {
        await updateCustomer(
          tx,
          customerId,
          { email: data.email, data: JSON.stringify(data), source_modified_at: null, deleted_at: null },
          new Date().toISOString(),
        );
        await onCustomerChanged(tx, h.ctx, shop, customerId);
      });
    }
    async function drain(runner?: WorkerRunner) {
      const r =
        runner ??
        new WorkerRunner(h.queue, buildJobHandlers(h.ctx), {
          concurrency: 2,
          pollIntervalMs: 10,
          leaseMs: 30_000,
          logger: silentLogger,
        });
      r.start();
      for (;;) {
        const open = (await h.queue.list({ queue: CUSTOMER_SYNC_QUEUE, status: ['pending', 'running'] })).length;
        if (open === 0) break;
        // Coalescing delay: make the waiting jobs due now.
        for (const j of await h.queue.list({ queue: CUSTOMER_SYNC_QUEUE, status: 'pending' }))
          if (j.runAt > Date.now()) await h.queue.retry(j.id);
        await new Promise((res) => setTimeout(res, 20));
      }
      await r.stop(2_000);
    }

    it('creates the contact with address and e-mail; an unchanged customer costs no call', async () => {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const customerId = await insertCustomer(shopId, snapshot());
      h.sandbox.resetCalls(token);
      const first = await syncCustomer(h.ctx, customerId);
      expect(first.result).toBe('created');
      const dump = h.sandbox.dump(token);
      expect(dump.contacts).toHaveLength(1);
      expect(dump.contacts[0]).toMatchObject({
        customerNumber: 'WC-501',
        surename: 'Erika',
        familyname: 'Muster',
        category: 3,
      });
      expect(dump.contactAddresses).toMatchObject([
        { street: 'Allee 1', zip: '50667', city: 'Köln', country: 1, category: 47 },
      ]);
      expect(dump.communicationWays).toMatchObject([{ type: 'EMAIL', value: 'erika@example.com', main: true }]);
      h.sandbox.resetCalls(token);
      const again = await syncCustomer(h.ctx, customerId);
      expect(again.result).toBe('unchanged');
      expect(h.sandbox.calls(token).total).toBe(0);
    });

    it('ten quick edits cause one update (one PUT), with only the changed fields', async () => {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const customerId = await insertCustomer(shopId, snapshot({ customerId: '502' }));
      await syncCustomer(h.ctx, customerId);
      h.sandbox.resetCalls(token);
      for (let i = 1; i <= 10; i++)
        await edit(
          shopId,
          customerId,
          snapshot({ customerId: '502', billing: { ...snapshot().billing, street: `Allee ${i}` } }),
        );
      const jobs = await h.queue.list({ queue: CUSTOMER_SYNC_QUEUE, status: 'pending' });
      expect(jobs.length).toBeLessThanOrEqual(2);
      await drain();
      expect(h.sandbox.calls(token).routes).toEqual({ 'PUT /ContactAddress/{contactAddressId}': 1 });
      expect(h.sandbox.dump(token).contactAddresses[0]!.street).toBe('Allee 10');
      // The contact itself (name) was not touched.
      expect(h.sandbox.calls(token).routes['PUT /Contact/{contactId}']).toBeUndefined();
    });

    it('a change arriving while the sync runs is not lost', async () => {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const customerId = await insertCustomer(shopId, snapshot({ customerId: '503' }));
      await syncCustomer(h.ctx, customerId);
      await edit(shopId, customerId, snapshot({ customerId: '503', phone: '+49 221 1' }));
      // While the job talks to sevDesk (latency), the customer changes again.
      h.sandbox.setFaults('*:latency=150');
      const runner = new WorkerRunner(h.queue, buildJobHandlers(h.ctx), {
        concurrency: 1,
        pollIntervalMs: 5,
        leaseMs: 30_000,
        logger: silentLogger,
      });
      for (const j of await h.queue.list({ queue: CUSTOMER_SYNC_QUEUE, status: 'pending' })) await h.queue.retry(j.id);
      runner.start();
      for (;;) {
        if ((await h.queue.list({ queue: CUSTOMER_SYNC_QUEUE, status: 'running' })).length > 0) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      await edit(shopId, customerId, snapshot({ customerId: '503', phone: '+49 221 1', email: 'neu@example.com' }));
      await drain(runner);
      h.sandbox.setFaults('');
      const ways = h.sandbox.dump(token).communicationWays;
      expect(ways.find((w) => w.type === 'EMAIL')?.value).toBe('neu@example.com');
      expect(ways.find((w) => w.type === 'PHONE')?.value).toBe('+49 221 1');
      expect(ways.filter((w) => w.type === 'EMAIL')).toHaveLength(1);
    });

    it('finds an existing contact by customer number, then by e-mail; never a second one', async () => {
      const shopId = await insertShop(h);
      const { token } = h.sandbox.createAccount();
      const post = (path: string, body: unknown) =>
        h.sandbox
          .fetch(`${SANDBOX_BASE_URL}${path}`, {
            method: 'POST',
            headers: { Authorization: token, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
          .then((r) => r.json() as Promise<{ objects: { id: string } }>);
      // Made by hand in sevDesk before Belegfluss: one by number, one only with the e-mail.
      await post('/Contact', {
        surename: 'Hand',
        familyname: 'Made',
        customerNumber: 'WC-600',
        category: { id: 3, objectName: 'Category' },
      });
      const byMail = await post('/Contact', { name: 'Mail GmbH', category: { id: 3, objectName: 'Category' } });
      await post('/CommunicationWay', {
        contact: { id: Number(byMail.objects.id), objectName: 'Contact' },
        type: 'EMAIL',
        value: 'Info@Mail-GmbH.de',
        key: { id: 2, objectName: 'CommunicationWayKey' },
        main: true,
      });
      const { connectSevdesk } = await import('../../src/app/sevdesk/connect-sevdesk.js');
      await connectSevdesk(h.ctx, shopId, { token, baseUrl: SANDBOX_BASE_URL });

      const c600 = await insertCustomer(shopId, snapshot({ customerId: '600', email: 'hand@example.com' }));
      expect((await syncCustomer(h.ctx, c600)).result).toBe('adopted');
      const c601 = await insertCustomer(
        shopId,
        snapshot({ customerId: '601', email: 'info@mail-gmbh.de', company: 'Mail GmbH' }),
      );
      expect((await syncCustomer(h.ctx, c601)).result).toBe('adopted');
      const dump = h.sandbox.dump(token);
      expect(dump.contacts).toHaveLength(2);
      // The adopted contacts got the missing address; the existing e-mail was not duplicated.
      expect(dump.contactAddresses).toHaveLength(2);
      expect(dump.communicationWays.filter((w) => w.contact === Number(byMail.objects.id))).toHaveLength(1);
    });

    it('several contacts with the customer number: none is guessed, none created', async () => {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      for (let i = 0; i < 2; i++)
        await h.sandbox.fetch(`${SANDBOX_BASE_URL}/Contact`, {
          method: 'POST',
          headers: { Authorization: token, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Dup ${i}`,
            customerNumber: 'WC-700',
            category: { id: 3, objectName: 'Category' },
          }),
        });
      const id = await insertCustomer(shopId, snapshot({ customerId: '700' }));
      await expect(syncCustomer(h.ctx, id)).rejects.toMatchObject({
        kind: 'permanent',
        code: 'sevdesk_contact_ambiguous',
      });
      expect(h.sandbox.dump(token).contacts).toHaveLength(2);
    });

    it('inactive interface or customer sync off: no job, no call', async () => {
      const shopId = await insertShop(h, { customerSync: false });
      await connectShop(h, shopId);
      const id = await insertCustomer(shopId, snapshot({ customerId: '800' }));
      await edit(shopId, id, snapshot({ customerId: '800', phone: '1' }));
      expect((await h.queue.list({ queue: CUSTOMER_SYNC_QUEUE, shopId })).length).toBe(0);
      expect((await syncCustomer(h.ctx, id)).result).toBe('skipped');
    });
  });
}
