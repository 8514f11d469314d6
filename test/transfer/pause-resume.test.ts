import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { PausedShops } from '../../src/app/sevdesk/pause-shop.js';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { findConnection } from '../../src/db/repos/sevdesk-connections.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { silentLogger } from '../../src/lib/logger.js';
import { buildJobHandlers } from '../../src/worker/jobs/index.js';
import { WorkerRunner } from '../../src/worker/worker-runner.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  connectShop,
  createHarness,
  type Harness,
  insertFinalizedDocument,
  insertShop,
  SANDBOX_BASE_URL,
  sampleDocumentData,
} from './harness.js';

// 401/403: the shop's connection is marked invalid, its queue pauses (jobs deferred, the worker stops claiming
// them), no further request reaches sevDesk; reconnecting resumes every stopped transfer.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`401 pauses the shop, reconnect resumes (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(engine);
    });
    afterAll(async () => h?.close());

    async function scenario(
      revoke: (token: string) => void,
      reconnectToken: (old: string) => string,
      opts: { otherShopUnaffected: boolean },
    ) {
      const shopId = await insertShop(h);
      const token = await connectShop(h, shopId);
      const other = await insertShop(h);
      const otherToken = await connectShop(h, other);
      const docs: string[] = [];
      for (let i = 0; i < 10; i++) {
        const d = await insertFinalizedDocument(h, shopId, sampleDocumentData({ orderNumber: `P-${i}` }));
        docs.push(d.id);
      }
      const otherDoc = await insertFinalizedDocument(h, other, sampleDocumentData());
      const paused = new PausedShops(h.ctx, 20);
      await paused.refresh();
      const runner = new WorkerRunner(h.queue, buildJobHandlers(h.ctx), {
        concurrency: 2,
        pollIntervalMs: 10,
        leaseMs: 30_000,
        logger: silentLogger,
        excludeShops: paused.start().list,
      });
      // Two documents go through, then the token stops working.
      for (const id of docs.slice(0, 2))
        await inTransaction(h.db.db, (tx) => enqueueTransfer(tx, h.ctx, { shopId, documentId: id, reason: 'auto' }));
      runner.start();
      const waitFor = async (cond: () => Promise<boolean>, ms = 15_000) => {
        const until = Date.now() + ms;
        while (!(await cond())) {
          if (Date.now() > until) throw new Error('timed out');
          await sleep(20);
        }
      };
      const states = async () =>
        (await h.db.db.selectFrom('transfers').select(['state']).where('shop_id', '=', shopId).execute()).map(
          (r) => r.state,
        );
      await waitFor(async () => (await states()).filter((s) => s === 'transferred').length === 2);

      revoke(token);
      for (const id of docs.slice(2))
        await inTransaction(h.db.db, (tx) => enqueueTransfer(tx, h.ctx, { shopId, documentId: id, reason: 'auto' }));
      await inTransaction(h.db.db, (tx) =>
        enqueueTransfer(tx, h.ctx, { shopId: other, documentId: otherDoc.id, reason: 'auto' }),
      );
      runner.poke();
      await waitFor(async () => (await findConnection(h.db.db, shopId))?.status === 'invalid');
      const callsAtPause = h.sandbox.calls(token).total;
      await sleep(500);
      // No retry storm: not a single further request with the dead token.
      expect(h.sandbox.calls(token).total).toBe(callsAtPause);
      // The shop's remaining jobs wait: deferred, and the worker does not claim the paused shop at all.
      const pending = await h.queue.list({ shopId, status: 'pending', queue: TRANSFER_QUEUE });
      expect(pending.length).toBeGreaterThan(0);
      expect(paused.list()).toContain(shopId);
      expect(await h.queue.list({ shopId, status: 'running' })).toEqual([]);
      const conn = await findConnection(h.db.db, shopId);
      expect(conn?.lastError?.code).toBe('auth_invalid');
      expect(conn?.lastError?.de).toMatch(/Trenne die Verbindung/);
      expect(conn?.lastError?.en).toMatch(/plan that includes API access/);
      // Another shop's transfers are not affected.
      if (opts.otherShopUnaffected)
        await waitFor(async () => {
          const t = await h.db.db.selectFrom('transfers').select('state').where('shop_id', '=', other).execute();
          return t.every((r) => r.state === 'transferred');
        });

      const newToken = reconnectToken(token);
      await connectSevdesk(h.ctx, shopId, { token: newToken, baseUrl: SANDBOX_BASE_URL });
      await paused.refresh();
      runner.poke();
      await waitFor(async () => (await states()).every((s) => s === 'transferred'));
      await runner.stop(2_000);
      paused.stop();
      expect(await states()).toHaveLength(10);
      const all = [...h.sandbox.dump(token).vouchers, ...(newToken !== token ? h.sandbox.dump(newToken).vouchers : [])];
      expect(all).toHaveLength(10);
      void otherToken;
    }

    it('a 401 (plan without API access) pauses; reconnecting with the same token resumes', async () => {
      await scenario(
        () => h.sandbox.setFaults('*:401'),
        (old) => {
          h.sandbox.setFaults('');
          return old;
        },
        { otherShopUnaffected: false },
      );
    });

    it('a revoked token pauses; connecting a new token resumes', async () => {
      await scenario(
        (token) => h.sandbox.revokeToken(token),
        () => h.sandbox.createAccount().token,
        { otherShopUnaffected: true },
      );
    });
  });
}
