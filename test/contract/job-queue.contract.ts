import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { InspectableJobQueue } from '../../src/ports/job-queue.js';

// One behaviour, every adapter: the embedded SQL queue on SQLite and PostgreSQL, and pg-boss.
export interface QueueFixture {
  db: Db;
  queue: InspectableJobQueue;
  /** Move the queue's clock forward. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function jobQueueContract(name: string, make: () => Promise<QueueFixture>, opts: { skip?: boolean } = {}) {
  describe.skipIf(opts.skip)(`job queue contract: ${name}`, () => {
    let f: QueueFixture;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.close();
    });
    const claim = (extra: Partial<Parameters<InspectableJobQueue['claim']>[0]> = {}) =>
      f.queue.claim({ queues: ['q'], limit: 10, leaseMs: 10_000, ...extra });

    it('enqueues inside a transaction: rollback leaves no job, commit leaves one', async () => {
      await expect(
        inTransaction(f.db, async (tx) => {
          await f.queue.enqueue(tx, { queue: 'q', payload: { n: 1 } });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await claim()).toHaveLength(0);
      await inTransaction(f.db, (tx) => f.queue.enqueue(tx, { queue: 'q', payload: { n: 2 } }));
      const jobs = await claim();
      expect(jobs.map((j) => j.payload)).toEqual([{ n: 2 }]);
      expect(jobs[0]!.attempt).toBe(1);
    });

    it('completes a job and never hands it out again', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {} });
      const [job] = await claim();
      await f.queue.complete(job!);
      await f.advance(60_000);
      expect(await claim()).toHaveLength(0);
      expect((await f.queue.get(job!.id))!.status).toBe('succeeded');
    });

    it('deduplicates by key while a job is active, and accepts the key again afterwards', async () => {
      const a = await f.queue.enqueue(f.db, { queue: 'q', payload: {}, dedupeKey: 'doc-1' });
      const b = await f.queue.enqueue(f.db, { queue: 'q', payload: {}, dedupeKey: 'doc-1' });
      expect(a).toBeTruthy();
      expect(b).toBeNull();
      const [job] = await claim();
      expect(await f.queue.enqueue(f.db, { queue: 'q', payload: {}, dedupeKey: 'doc-1' })).toBeNull();
      await f.queue.complete(job!);
      expect(await f.queue.enqueue(f.db, { queue: 'q', payload: {}, dedupeKey: 'doc-1' })).toBeTruthy();
    });

    it('respects runAt', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, runAt: Date.now() + 5_000 });
      expect(await claim()).toHaveLength(0);
      await f.advance(6_000);
      expect(await claim()).toHaveLength(1);
    });

    it('hands out a job again when its lease expires, counting the attempt', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {} });
      const [first] = await claim({ leaseMs: 1_000 });
      expect(await claim()).toHaveLength(0);
      await f.advance(1_500);
      const [second] = await claim();
      expect(second!.id).toBe(first!.id);
      expect(second!.attempt).toBe(2);
      // The worker that lost its lease can no longer change the job.
      await f.queue.complete(first!);
      expect((await f.queue.get(first!.id))!.status).toBe('running');
    });

    it('retries a failed attempt with backoff and declares it dead after maxAttempts', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, maxAttempts: 2 });
      const [a1] = await claim();
      expect(await f.queue.fail(a1!, 'first')).toBe('retrying');
      expect(await claim()).toHaveLength(0);
      await f.advance(10 * 60_000);
      const [a2] = await claim();
      expect(a2!.attempt).toBe(2);
      expect(await f.queue.fail(a2!, 'second')).toBe('dead');
      const view = await f.queue.get(a2!.id);
      expect(view).toMatchObject({ status: 'dead', lastError: 'second', attempts: 2 });
    });

    it('fails permanently without retrying', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {} });
      const [job] = await claim();
      expect(await f.queue.fail(job!, 'nope', { permanent: true })).toBe('dead');
    });

    it('postpones without consuming an attempt', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, maxAttempts: 1 });
      const [job] = await claim();
      await f.queue.postpone(job!, 2_000, 'rate limited');
      expect(await claim()).toHaveLength(0);
      await f.advance(2_500);
      const [again] = await claim();
      expect(again!.attempt).toBe(1);
    });

    it('runs at most one job per shop at a time, and serves other shops meanwhile', async () => {
      for (let i = 0; i < 20; i++) await f.queue.enqueue(f.db, { queue: 'q', payload: { i }, shopId: 'shop-a' });
      await f.advance(10);
      await f.queue.enqueue(f.db, { queue: 'q', payload: { fresh: true }, shopId: 'shop-b' });
      const jobs = await claim({ limit: 5 });
      expect(jobs.map((j) => j.shopId).sort()).toEqual(['shop-a', 'shop-b']);
      expect(await claim({ limit: 5 })).toHaveLength(0);
      await f.queue.complete(jobs.find((j) => j.shopId === 'shop-a')!);
      const next = await claim({ limit: 5 });
      expect(next.map((j) => j.shopId)).toEqual(['shop-a']);
      expect(await claim({ limit: 5, excludeShops: [] })).toHaveLength(0);
    });

    it('serves busy shops in turn: a fresh job waits one round, not behind every older backlog', async () => {
      // Five shops with old backlogs, one claim slot: more busy shops than slots (decision 0006).
      for (let i = 0; i < 5; i++)
        for (const shop of ['shop-b', 'shop-c', 'shop-d', 'shop-e', 'shop-f'])
          await f.queue.enqueue(f.db, { queue: 'q', payload: { i }, shopId: shop });
      const order: string[] = [];
      const step = async () => {
        const [job] = await claim({ limit: 1 });
        order.push(job!.shopId!);
        await f.queue.complete(job!);
      };
      for (let i = 0; i < 3; i++) await step();
      expect(order).toEqual(['shop-b', 'shop-c', 'shop-d']);
      await f.advance(10);
      await f.queue.enqueue(f.db, { queue: 'q', payload: { fresh: true }, shopId: 'shop-a' });
      while (order.at(-1) !== 'shop-a') await step();
      // The rest of the round (e, f), then the fresh job, before b's second job — not after 22 older jobs.
      expect(order.slice(3)).toEqual(['shop-e', 'shop-f', 'shop-a']);
    });

    it('lets an operator retry a dead job and cancel a pending one', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {} });
      const [job] = await claim();
      await f.queue.fail(job!, 'x', { permanent: true });
      expect(await f.queue.retry(job!.id)).toBe(true);
      const [again] = await claim();
      expect(again!.id).toBe(job!.id);
      expect(again!.attempt).toBe(1);
      const other = await f.queue.enqueue(f.db, { queue: 'q', payload: {}, runAt: Date.now() + 60_000 });
      expect(await f.queue.cancel(other!)).toBe(true);
      expect(await f.queue.cancel(again!.id)).toBe(false);
      const dead = await f.queue.list({ status: 'cancelled' });
      expect(dead.map((j) => j.id)).toEqual([other]);
    });

    it('reports backlog per shop and state', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, shopId: 's1' });
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, shopId: 's1' });
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, shopId: 's2' });
      await claim({ limit: 1 });
      const stats = await f.queue.stats();
      const count = (shop: string, status: string) =>
        stats.filter((s) => s.shopId === shop && s.status === status).reduce((a, s) => a + s.count, 0);
      expect(count('s1', 'pending') + count('s1', 'running')).toBe(2);
      expect(count('s2', 'pending') + count('s2', 'running')).toBe(1);
    });

    it('defers every pending job of a paused shop', async () => {
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, shopId: 's1' });
      await f.queue.enqueue(f.db, { queue: 'q', payload: {}, shopId: 's2' });
      expect(await f.queue.deferShop('s1', Date.now() + 3_600_000)).toBe(1);
      const jobs = await claim();
      expect(jobs.map((j) => j.shopId)).toEqual(['s2']);
    });
  });
}
