import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { findTransfer, listAttempts } from '../../src/db/repos/transfers.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { hasMarker } from '../../src/domain/transfer/marker.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  connectShop,
  createHarness,
  type Harness,
  insertFinalizedDocument,
  insertShop,
  sampleDocumentData,
} from './harness.js';

// Each ambiguous outcome on its own, deterministically: the write happened but the answer was lost. The next
// step is always a search, never a second write; only 404/151 means "gone".

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`recovery from ambiguous answers (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(engine);
    });
    afterAll(async () => h?.close());

    async function setup(customerId = '7') {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const doc = await insertFinalizedDocument(
        h,
        shopId,
        sampleDocumentData({ customer: { ...sampleDocumentData().customer, customerId } }),
      );
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId: doc.id, reason: 'auto' });
      return { shopId, token, doc, transferId };
    }
    const vouchers = (token: string, documentId: string) =>
      h.sandbox.dump(token).vouchers.filter((v) => hasMarker(v.description, documentId));
    /** Runs the transfer like the worker would: again after a transient error. */
    async function runUntilSettled(transferId: string, max = 5) {
      for (let i = 0; i < max; i++) {
        try {
          return await runTransfer(h.ctx, transferId);
        } catch {
          // transient: the queue would retry
        }
      }
      throw new Error('did not settle');
    }

    for (const fault of ['500-after', 'timeout-after=10', 'reset-after']) {
      it(`saveVoucher ${fault}: the voucher is found by its marker and adopted, not created twice`, async () => {
        const s = await setup();
        h.sandbox.setFaults(`saveVoucher:${fault}#1`);
        const out = await runUntilSettled(s.transferId);
        h.sandbox.setFaults('');
        expect(out?.state).toBe('transferred');
        expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
        expect(h.sandbox.calls(s.token).routes['POST /Voucher/Factory/saveVoucher']).toBe(1);
        expect(out?.voucherId).toBe(String(vouchers(s.token, s.doc.id)[0]!.id));
      });
    }

    it('saveVoucher 503 before the effect: searched, found nothing, created once on the next run', async () => {
      const s = await setup();
      h.sandbox.setFaults('saveVoucher:503#1');
      await expect(runTransfer(h.ctx, s.transferId)).rejects.toThrow();
      const t = await findTransfer(h.db.db, s.transferId);
      expect(t?.state).toBe('file_uploaded');
      expect(t?.lastError?.code).toBe('ambiguous_write');
      h.sandbox.setFaults('');
      const out = await runTransfer(h.ctx, s.transferId);
      expect(out?.state).toBe('transferred');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
      // the temp file of the first run is reused (no second upload)
      expect(h.sandbox.calls(s.token).routes['POST /Voucher/Factory/uploadTempFile']).toBe(1);
    });

    it('POST /Contact 500-after: recovered by customer number, never a second contact', async () => {
      const s = await setup('c-500');
      h.sandbox.setFaults('POST /Contact:500-after#1');
      const out = await runUntilSettled(s.transferId);
      h.sandbox.setFaults('');
      expect(out?.state).toBe('transferred');
      const contacts = h.sandbox.dump(s.token).contacts.filter((c) => c.customerNumber === 'WC-c-500');
      expect(contacts).toHaveLength(1);
      expect(vouchers(s.token, s.doc.id)[0]!.supplier).toBe(contacts[0]!.id);
      expect(h.sandbox.calls(s.token).routes['POST /Contact']).toBe(1);
    });

    it('uploadTempFile reset-after: a new upload on the next run, one voucher', async () => {
      const s = await setup();
      h.sandbox.setFaults('uploadTempFile:reset-after#1');
      const out = await runUntilSettled(s.transferId);
      h.sandbox.setFaults('');
      expect(out?.state).toBe('transferred');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
    });

    it('429 is waited out (Retry-After) without failing the run', async () => {
      const s = await setup();
      h.sandbox.setFaults('saveVoucher:429=0#1,uploadTempFile:429=0#1');
      const started = Date.now();
      const out = await runTransfer(h.ctx, s.transferId);
      h.sandbox.setFaults('');
      expect(out?.state).toBe('transferred');
      expect(Date.now() - started).toBeGreaterThanOrEqual(400); // 2 × the 250 ms minimum wait
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
    });

    it("on the queue's last attempt a transient failure ends as failed (and a later manual transfer finds the voucher)", async () => {
      const s = await setup();
      h.sandbox.setFaults('saveVoucher:500-after#1,GET /Voucher:503');
      const out = await runTransfer(h.ctx, s.transferId, { lastAttempt: { attempts: 10 } });
      h.sandbox.setFaults('');
      expect(out?.state).toBe('failed');
      expect(out?.message?.code).toBe('gave_up');
      expect(out?.message?.de).toMatch(/Nach 10 Versuchen aufgegeben/);
      await enqueueTransfer(h.db.db, h.ctx, { shopId: s.shopId, documentId: s.doc.id, reason: 'manual' });
      expect((await runTransfer(h.ctx, s.transferId, { reason: 'manual' }))?.state).toBe('transferred');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
    });

    it('host cannot reach sevDesk: one failing call, the shop waits, the message says so', async () => {
      const s = await setup();
      // Warm the static-data cache is done at connect; now every connection attempt is refused.
      setSevdeskDeps(h.ctx, {
        ...h.deps,
        fetch: async () => {
          throw Object.assign(new TypeError('fetch failed'), {
            cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
          });
        },
      });
      await inTransaction(h.db.db, (tx) =>
        h.ctx.queue.enqueue(tx, { queue: 'sevdesk.transfer', payload: { transferId: 'other' }, shopId: s.shopId }),
      );
      const err = await runTransfer(h.ctx, s.transferId).then(
        () => null,
        (e: unknown) => e as { kind: string },
      );
      setSevdeskDeps(h.ctx, h.deps);
      expect(err?.kind).toBe('connection');
      const t = await findTransfer(h.db.db, s.transferId);
      expect(t?.state).toBe('queued'); // the first call (contact lookup) already failed
      expect(t?.lastError?.code).toBe('host_unreachable');
      expect(t?.lastError?.de).toMatch(/Dein Host erlaubt keine ausgehenden Verbindungen zu sevDesk/);
      const [other] = await h.queue.list({ shopId: s.shopId, status: 'pending' });
      expect(other!.runAt).toBeGreaterThan(Date.now() + 60_000);
      const log = await listAttempts(h.db.db, s.doc.id);
      expect((log[0]!.detail.calls as unknown[]).length).toBe(1);
    });

    it('dry run: prepared and logged, nothing written', async () => {
      const shopId = await insertShop(h, { dryRun: true });
      const token = await connectShop(h, shopId);
      const doc = await insertFinalizedDocument(h, shopId, sampleDocumentData());
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId: doc.id, reason: 'auto' });
      h.sandbox.resetCalls(token);
      const out = await runTransfer(h.ctx, transferId);
      expect(out?.state).toBe('paused');
      expect(out?.message?.code).toBe('dry_run');
      expect(Object.keys(h.sandbox.calls(token).routes).filter((r) => !r.startsWith('GET'))).toEqual([]);
      expect(h.sandbox.dump(token).vouchers).toHaveLength(0);
    });

    it('a 422 from sevDesk is permanent, translated, and not retried', async () => {
      const s = await setup();
      h.sandbox.setFaults('saveVoucher:422#1');
      const out = await runTransfer(h.ctx, s.transferId);
      h.sandbox.setFaults('');
      expect(out?.state).toBe('failed');
      expect(out?.message?.de).toMatch(/sevDesk/);
      expect(h.sandbox.calls(s.token).routes['POST /Voucher/Factory/saveVoucher']).toBe(1);
    });

    it('a crash after the voucher id was stored: the next run verifies by reading back, creates nothing', async () => {
      const s = await setup();
      expect((await runTransfer(h.ctx, s.transferId))?.state).toBe('transferred');
      // Simulate the crash window: voucher id stored, verification not yet recorded.
      await h.db.db.updateTable('transfers').set({ state: 'voucher_created' }).where('id', '=', s.transferId).execute();
      h.sandbox.resetCalls(s.token);
      expect((await runTransfer(h.ctx, s.transferId))?.state).toBe('transferred');
      expect(h.sandbox.calls(s.token).routes).toEqual({ 'GET /Voucher/{voucherId}': 1, 'GET /VoucherPos': 1 });
    });

    it('a lost checkpoint (state queued, voucher exists): found by marker, not created again', async () => {
      const s = await setup();
      expect((await runTransfer(h.ctx, s.transferId))?.state).toBe('transferred');
      await h.db.db
        .updateTable('transfers')
        .set({ state: 'queued', sevdesk_voucher_id: null, checkpoint: '{}' })
        .where('id', '=', s.transferId)
        .execute();
      const out = await runTransfer(h.ctx, s.transferId);
      expect(out?.state).toBe('transferred');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
    });

    it('only 404/151 means "gone": a manual re-transfer after deletion creates it again; a 400 does not', async () => {
      const s = await setup();
      const first = await runTransfer(h.ctx, s.transferId);
      expect(first?.state).toBe('transferred');

      h.sandbox.setFaults('GET /Voucher/*:400');
      await enqueueTransfer(h.db.db, h.ctx, { shopId: s.shopId, documentId: s.doc.id, reason: 'manual' });
      const stillThere = await runTransfer(h.ctx, s.transferId, { reason: 'manual' });
      h.sandbox.setFaults('');
      expect(stillThere?.state).toBe('transferred');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);

      // Deleting a non-draft voucher is refused by sevDesk; reset it to a draft first, as a person would.
      const api = `http://sandbox.test/api/v1/Voucher/${first?.voucherId}`;
      const headers = { Authorization: s.token };
      expect((await h.sandbox.fetch(`${api}/resetToDraft`, { method: 'PUT', headers })).status).toBe(200);
      expect((await h.sandbox.fetch(api, { method: 'DELETE', headers })).status).toBe(200);
      expect(vouchers(s.token, s.doc.id)).toHaveLength(0);
      const again = await runTransfer(h.ctx, s.transferId, { reason: 'manual' });
      expect(again?.state).toBe('transferred');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
      expect(again?.voucherId).not.toBe(first?.voucherId);
    });

    it('a voucher that disagrees on read-back is failed with the difference and never created again', async () => {
      const s = await setup();
      // Someone created a voucher with this document's marker but other amounts (e.g. by hand).
      const upload = new FormData();
      upload.set(
        'file',
        new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF'))], { type: 'application/pdf' }),
        'x.pdf',
      );
      const headers = { Authorization: s.token };
      const file = (await (
        await h.sandbox.fetch('http://sandbox.test/api/v1/Voucher/Factory/uploadTempFile', {
          method: 'POST',
          headers,
          body: upload,
        })
      ).json()) as { objects: { filename: string } };
      const guidance = h.sandbox.dump(s.token).receiptGuidance.find((g) => g.accountNumber === '4400')!;
      const res = await h.sandbox.fetch('http://sandbox.test/api/v1/Voucher/Factory/saveVoucher', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          voucher: {
            objectName: 'Voucher',
            mapAll: true,
            voucherDate: '27.11.2026',
            supplierName: 'Hand',
            description: `${s.doc.number} [BF:${s.doc.id}]`,
            status: 100,
            taxRule: { id: '1', objectName: 'TaxRule' },
            creditDebit: 'D',
            voucherType: 'VOU',
            currency: 'EUR',
          },
          voucherPosSave: [
            {
              objectName: 'VoucherPos',
              mapAll: true,
              accountDatev: { id: guidance.accountDatevId, objectName: 'AccountDatev' },
              taxRate: 19,
              net: false,
              sumGross: 100,
            },
          ],
          voucherPosDelete: null,
          filename: file.objects.filename,
        }),
      });
      expect(res.status).toBe(201);
      const out = await runTransfer(h.ctx, s.transferId);
      expect(out?.state).toBe('failed');
      expect(out?.message?.code).toBe('readback_mismatch');
      expect(vouchers(s.token, s.doc.id)).toHaveLength(1);
    });
  });
}
