import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { findTransfer } from '../../src/db/repos/transfers.repo.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { connectShop, createHarness, type Harness, insertFinalizedDocument, insertShop } from './harness.js';
import { sampleDocumentData } from '../support/factories.js';

// Two runs of one transfer at the same time: what happens when a worker's lease runs out while it still works
// (its job is handed to another worker) or when two processes are told to transfer the same document. Whatever
// the interleaving, sevDesk gets one contact per customer and one voucher per document (issue 7, kill -9 runs).

const SLOW_CREATE = 'POST /Contact:latency=400,saveVoucher:latency=400';

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`two runs of one transfer (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(engine, { sandbox: { faults: SLOW_CREATE } });
    });
    afterAll(async () => h?.close());

    async function newCustomerInvoice(customerId: string) {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const data = sampleDocumentData({
        orderNumber: `K${customerId}`,
        orderId: `K${customerId}`,
        customer: { ...sampleDocumentData().customer, customerId, email: `k${customerId}@example.com` },
      });
      const doc = await insertFinalizedDocument(h, shopId, data);
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId: doc.id, reason: 'auto' });
      return { shopId, token, doc, transferId };
    }

    const settle = (p: Promise<unknown>) =>
      p.then(
        (v) => ({ ok: true as const, v }),
        (e: { code?: string }) => ({ ok: false as const, code: e.code }),
      );

    async function expectOnceEach(s: Awaited<ReturnType<typeof newCustomerInvoice>>) {
      // The run that stepped back is retried later (by the queue); it must find the work done.
      for (let i = 0; i < 5; i++) {
        const t = await findTransfer(h.db.db, s.transferId);
        if (t?.state === 'transferred') break;
        await new Promise((r) => setTimeout(r, 100));
        await settle(runTransfer(h.ctx, s.transferId));
      }
      expect((await findTransfer(h.db.db, s.transferId))?.state).toBe('transferred');
      const state = h.sandbox.dump(s.token);
      expect(state.contacts.filter((c) => c.customerNumber !== null)).toHaveLength(1);
      expect(state.vouchers).toHaveLength(1);
    }

    it('both start at once: one creates the contact, the other steps back', async () => {
      const s = await newCustomerInvoice('501');
      const [a, b] = await Promise.all([
        settle(runTransfer(h.ctx, s.transferId)),
        settle(runTransfer(h.ctx, s.transferId)),
      ]);
      const refused = [a, b].filter((r) => !r.ok);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) expect(['sevdesk_write_in_flight', 'transfer_changed']).toContain(r.code);
      await expectOnceEach(s);
    });

    it('the second starts while the first one’s POST /Contact is on its way: it waits, no second contact', async () => {
      const s = await newCustomerInvoice('502');
      const a = settle(runTransfer(h.ctx, s.transferId));
      await new Promise((r) => setTimeout(r, 200));
      const b = await settle(runTransfer(h.ctx, s.transferId));
      expect(b).toMatchObject({ ok: false, code: 'sevdesk_write_in_flight' });
      expect((await a).ok).toBe(true);
      await expectOnceEach(s);
    });

    it('the second starts while the first one’s saveVoucher is on its way: it waits, no second voucher', async () => {
      const s = await newCustomerInvoice('503');
      const a = settle(runTransfer(h.ctx, s.transferId));
      // Contact (~400 ms) done, saveVoucher sent (~400 ms): the record says voucher_requested.
      for (let i = 0; i < 100; i++) {
        if ((await findTransfer(h.db.db, s.transferId))?.state === 'voucher_requested') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await findTransfer(h.db.db, s.transferId))?.state).toBe('voucher_requested');
      const b = await settle(runTransfer(h.ctx, s.transferId));
      expect(b).toMatchObject({ ok: false, code: 'sevdesk_write_in_flight' });
      expect((await a).ok).toBe(true);
      await expectOnceEach(s);
    });
  });
}
