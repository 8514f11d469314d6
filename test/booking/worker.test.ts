import { findShop, updateShop } from '../../src/db/repos/shops.repo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onVoucherTransferred } from '../../src/app/booking/on-voucher-transferred.js';
import { seedBookingSweeps } from '../../src/app/booking/schedule-matching.js';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import { insertDocumentFile } from '../../src/db/repos/documents.repo.js';
import { findTransferOfDocument } from '../../src/db/repos/transfers.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { silentLogger } from '../../src/lib/logger.js';
import { buildJobHandlers } from '../../src/worker/jobs/index.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  importTx,
  voucherStatus,
} from './harness.js';

// End to end through the worker: the transfer job creates the voucher; booking follows through the hook's job, or —
// without the hook — through the match job's sweeper. The clock is real time here (the queue schedules by it).

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`booking through the worker (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;
    let worker: WorkerRunner;

    beforeAll(async () => {
      h = await createBookingHarness(engine, new Date().toISOString());
      shop = await connectedShop(h);
      worker = new WorkerRunner(h.ctx.queue, buildJobHandlers(h.ctx), {
        concurrency: 2,
        pollIntervalMs: 20,
        leaseMs: 30_000,
        logger: silentLogger,
      });
      h.ctx.onJobsEnqueued = () => worker.poke();
      worker.start();
    });
    afterAll(async () => {
      await worker?.stop(1000);
      await h?.close();
    });

    async function transferred(orderNumber: string, paymentMethod: string, gross: number) {
      const doc = await createDocument(h, shop, {
        orderNumber,
        gross,
        paymentMethod,
        paidAt: new Date().toISOString(),
        transferred: false,
      });
      await insertDocumentFile(
        h.ctx.db,
        doc.id,
        { kind: 'pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1') },
        new Date().toISOString(),
      );
      await inTransaction(h.ctx.db, (tx) =>
        enqueueTransfer(tx, h.ctx, { shopId: shop.shop.id, documentId: doc.id, reason: 'auto' }),
      );
      h.ctx.onJobsEnqueued?.();
      const transfer = await until(
        () => findTransferOfDocument(h.ctx.db, doc.id, 'sevdesk'),
        (t) => t?.state === 'transferred',
      );
      expect(transfer?.state).toBe('transferred');
      return { ...doc, voucherId: transfer!.voucherId! };
    }

    async function setBookingEnabled(enabled: boolean) {
      const current = (await findShop(h.ctx.db, shop.shop.id))!;
      const settings = { ...current.settings, booking: { ...current.settings.booking, enabled } };
      await updateShop(h.ctx.db, shop.shop.id, { settings: JSON.stringify(settings) }, new Date().toISOString());
    }

    it('after the transfer, the hook’s job books on the clearing account', async () => {
      const doc = await transferred('8101', 'invoice', 11900);
      await inTransaction(h.ctx.db, (tx) =>
        onVoucherTransferred(tx, h.ctx, { shopId: shop.shop.id, documentId: doc.id }),
      );
      h.ctx.onJobsEnqueued?.();
      const booking = await until(
        () => findBooking(h.ctx.db, doc.id),
        (b) => b?.state === 'booked',
      );
      expect(booking?.state).toBe('booked');
      expect(await voucherStatus(h, shop, doc.voucherId)).toBe(1000);
    });

    it('a document transferred while booking was off is found by the periodic match job (sweeper)', async () => {
      // The transfer's own hook books only when booking is on; switching it on later leaves the sweeper to find it.
      await setBookingEnabled(false);
      const doc = await transferred('8102', 'bacs', 5900);
      await setBookingEnabled(true);
      importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 5900,
        purpose: 'Bestellung 8102',
        valueDate: new Date().toISOString(),
      });
      expect(await findBooking(h.ctx.db, doc.id)).toBeNull();
      expect(await seedBookingSweeps(h.ctx)).toEqual([shop.shop.id]);
      const booking = await until(
        () => findBooking(h.ctx.db, doc.id),
        (b) => b?.state === 'linked',
      );
      expect(booking?.state).toBe('linked');
      expect(await voucherStatus(h, shop, doc.voucherId)).toBe(1000);
    });
  });
}
