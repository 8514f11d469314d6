import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { CUSTOMER_SYNC_QUEUE, TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { inTransaction } from '../../src/db/transaction.js';
import { hasMarker, markersIn } from '../../src/domain/transfer/marker.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { buildJobHandlers } from '../../src/worker/jobs/index.js';
import { silentLogger } from '../../src/lib/logger.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  connectShop,
  createHarness,
  documentWith,
  type Harness,
  insertFinalizedDocument,
  insertShop,
  sampleDocumentData,
} from './harness.js';

// 200 documents through the real worker runner while the sandbox injects ~20 % faults — including writes that
// were committed and then answered with 500, a timeout or a reset (saveVoucher, POST /Contact, uploadTempFile,
// addresses and communication ways) and 429s. Afterwards every document has exactly one voucher, every customer
// exactly one contact, and every transfer is verified.

const FAULTS = [
  'saveVoucher:500-after@0.08',
  'saveVoucher:timeout-after=20@0.05',
  'saveVoucher:reset-after@0.04',
  'saveVoucher:503@0.03',
  'POST /Contact:500-after@0.12',
  'POST /Contact:reset-after@0.08',
  'uploadTempFile:reset-after@0.1',
  'uploadTempFile:500@0.1',
  'POST /ContactAddress:500-after@0.1',
  'POST /CommunicationWay:timeout-after=20@0.1',
  'GET /Voucher:503@0.1',
  'GET /Contact:reset@0.1',
  '*:429=0@0.06',
].join(',');

const DOCS = 200;
const SHOPS = 2;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`exactly once under faults (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(engine, { deps: { timeoutMs: 1_000 } });
    });
    afterAll(async () => h?.close());

    it(`${DOCS} documents, ~20 % faults: each exactly one voucher, each customer one contact`, async () => {
      const shops: { id: string; token: string; docs: string[] }[] = [];
      for (let s = 0; s < SHOPS; s++) {
        const id = await insertShop(h);
        shops.push({ id, token: await connectShop(h, id), docs: [] });
      }
      for (let i = 0; i < DOCS; i++) {
        const shop = shops[i % SHOPS]!;
        // 30 returning customers per shop, every 7th order a guest; amounts vary (cents, two rates).
        const customerId = i % 7 === 0 ? null : String((i * 13) % 30);
        const data = documentWith(
          [
            { name: `Artikel ${i}`, gross: 1999 + i * 7, rateBp: 1900 },
            { name: 'Buch', gross: 1070 + (i % 5), rateBp: 700 },
            { name: 'Versand', gross: 490, rateBp: 1900, kind: 'shipping' },
          ],
          {
            taxCase: 'domestic',
            orderNumber: `O-${i}`,
            customer: {
              ...sampleDocumentData().customer,
              customerId,
              email: customerId ? `kunde${customerId}@example.com` : `gast${i}@example.com`,
              phone: i % 3 === 0 ? '+49 89 123' : null,
              shipping:
                i % 4 === 0
                  ? {
                      firstName: 'Max',
                      lastName: 'Kunde',
                      street: 'Lager 9',
                      zip: '10115',
                      city: 'Berlin',
                      country: 'DE',
                    }
                  : null,
            },
          },
        );
        const doc = await insertFinalizedDocument(h, shop.id, data);
        shop.docs.push(doc.id);
        await inTransaction(h.db.db, (tx) =>
          enqueueTransfer(tx, h.ctx, { shopId: shop.id, documentId: doc.id, reason: 'auto' }),
        );
      }

      h.sandbox.setFaults(FAULTS, { seed: 42 });
      const runner = new WorkerRunner(h.queue, buildJobHandlers(h.ctx), {
        concurrency: 4,
        pollIntervalMs: 10,
        leaseMs: 30_000,
        logger: silentLogger,
      });
      runner.start();
      const deadline = Date.now() + 240_000;
      for (;;) {
        const stats = await h.queue.stats();
        const open = stats
          .filter(
            (r) =>
              (r.queue === TRANSFER_QUEUE || r.queue === CUSTOMER_SYNC_QUEUE) &&
              ['pending', 'running'].includes(r.status),
          )
          .reduce((n, r) => n + r.count, 0);
        if (open === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await runner.stop(5_000);
      h.sandbox.setFaults('');

      const dead = (await h.queue.list({ status: 'dead' })).length;
      expect(dead).toBe(0);
      const states = await h.db.db.selectFrom('transfers').select(['state']).execute();
      expect(states.filter((s) => s.state !== 'transferred')).toEqual([]);
      expect(states).toHaveLength(DOCS);

      let faultsSeen = 0;
      for (const shop of shops) {
        const dump = h.sandbox.dump(shop.token);
        // Exactly one voucher per document, none without a document.
        const markers = dump.vouchers.flatMap((v) => markersIn(v.description));
        expect(markers).toHaveLength(shop.docs.length);
        expect(new Set(markers)).toEqual(new Set(shop.docs));
        for (const id of shop.docs) expect(dump.vouchers.filter((v) => hasMarker(v.description, id))).toHaveLength(1);
        // One contact per customer number, one billing address per contact, one e-mail each.
        const numbers = dump.contacts.map((c) => c.customerNumber);
        expect(new Set(numbers).size).toBe(numbers.length);
        for (const c of dump.contacts) {
          expect(dump.contactAddresses.filter((a) => a.contact === c.id && a.category === 47)).toHaveLength(1);
          expect(dump.communicationWays.filter((w) => w.contact === c.id && w.type === 'EMAIL')).toHaveLength(1);
        }
        const calls = h.sandbox.calls(shop.token);
        faultsSeen += calls.total;
      }
      const attempts = await h.db.db
        .selectFrom('transfer_attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('outcome', '=', 'retry')
        .executeTakeFirstOrThrow();
      // The faults really struck: calls failed and runs had to be repeated.
      const details = await h.db.db.selectFrom('transfer_attempts').select(['detail']).execute();
      const calls = details.flatMap((d) => (JSON.parse(d.detail).calls ?? []) as { outcome: string; path: string }[]);
      const failed = calls.filter((c) => c.outcome !== 'ok').length;
      expect(Number(attempts.n)).toBeGreaterThan(10);
      expect(failed / calls.length).toBeGreaterThan(0.15);
      console.log(
        `[exactly-once ${engine}] ${DOCS} documents, ${faultsSeen} sevDesk calls (${failed} of ${calls.length} ` +
          `logged transfer calls failed), ${attempts.n} runs retried; every document has exactly one voucher`,
      );
    }, 300_000);
  });
}
