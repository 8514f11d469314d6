import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { findTransfer } from '../../src/db/repos/transfers.repo.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { JobQueue } from '../../src/ports/job-queue.js';
import { buildJobHandlers } from '../../src/worker/jobs/index.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { sampleDocumentData } from '../support/factories.js';
import { connectShop, createHarness, type Harness, insertFinalizedDocument, insertShop } from './harness.js';

// A worker whose lease cannot be extended (its database connection stalls, the event loop is blocked) must stop
// sending to sevDesk before the lease runs out — from then on another worker may hold the job. The request on
// its way completes; no further one leaves. The job goes back to the queue without using an attempt.

const LEASE_MS = 1_000;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`a worker that loses its lease (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      // POST /Contact outlasts the lease: the run is inside a request when its lease runs out.
      h = await createHarness(engine, { sandbox: { faults: 'POST /Contact:latency=1500' } });
    });
    afterAll(async () => h?.close());

    it('stops before its next request; another worker finishes the transfer exactly once', async () => {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const doc = await insertFinalizedDocument(h, shopId, sampleDocumentData({ orderNumber: 'L1', orderId: 'L1' }));
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId: doc.id, reason: 'auto' });
      h.sandbox.resetCalls(token);

      // The stalled worker: its lease extensions never come back.
      const stalled: JobQueue = Object.create(h.queue);
      stalled.extendLease = () => new Promise<boolean>(() => {});
      // …and it claims this one job only (after it stops, the job must wait for another worker).
      let claims = 0;
      stalled.claim = (opts) => (claims++ === 0 ? h.queue.claim(opts) : Promise.resolve([]));
      const first = new WorkerRunner(stalled, buildJobHandlers(h.ctx), {
        concurrency: 1,
        pollIntervalMs: 20,
        leaseMs: LEASE_MS,
        logger: silentLogger,
      });
      first.start();
      let job = (await h.queue.list({ queue: TRANSFER_QUEUE, shopId }))[0];
      for (let i = 0; i < 200 && !(job?.status === 'pending' && job.lastError?.includes('lease')); i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = (await h.queue.list({ queue: TRANSFER_QUEUE, shopId }))[0];
      }
      await first.stop(1_000);
      expect(job).toMatchObject({ status: 'pending', attempts: 0 });
      expect(job?.lastError).toContain('lease expired');
      // The contact request that was under way completed; nothing was sent after it.
      const routes = h.sandbox.calls(token).routes;
      expect(routes['POST /Contact']).toBe(1);
      expect(routes['POST /ContactAddress']).toBeUndefined();
      expect(routes['POST /Voucher/Factory/saveVoucher']).toBeUndefined();
      expect((await findTransfer(h.db.db, transferId))?.state).not.toBe('transferred');

      // A healthy worker takes the job over and completes it: one contact, one voucher.
      const second = new WorkerRunner(h.queue, buildJobHandlers(h.ctx), {
        concurrency: 1,
        pollIntervalMs: 20,
        leaseMs: 30_000,
        logger: silentLogger,
      });
      second.start();
      for (let i = 0; i < 400 && (await findTransfer(h.db.db, transferId))?.state !== 'transferred'; i++)
        await new Promise((r) => setTimeout(r, 25));
      await second.stop(1_000);
      expect((await findTransfer(h.db.db, transferId))?.state).toBe('transferred');
      const dump = h.sandbox.dump(token);
      expect(dump.contacts.filter((c) => c.customerNumber !== null)).toHaveLength(1);
      expect(dump.vouchers).toHaveLength(1);
    });
  });
}
