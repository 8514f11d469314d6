import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import { inTransaction } from '../../src/db/transaction.js';
import { enginesUnderTest } from '../support/databases.js';
import { adminHarness, type Harness, type Session } from './support/harness.js';

// "Aktionen": jobs by status with attempts, next run and last error; retry and cancel, per row and in bulk.

describe.each(enginesUnderTest())('queue screen on %s', (engine) => {
  let h: Harness;
  let s: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await adminHarness(engine);
    const shop = await h.createShop('Queueshop');
    s = await h.login();
    // Failed and dead jobs belong to no shop here, so one claim takes them all (one running job per shop).
    const enqueue = async (key: string) => {
      const id = await inTransaction(h.ctx.db, (tx) =>
        h.ctx.queue.enqueue(tx, {
          queue: TRANSFER_QUEUE,
          payload: { transferId: `trf_${key}` },
          shopId: key.startsWith('pending') ? shop.id : null,
        }),
      );
      ids[key] = id!;
    };
    for (const key of ['pending1', 'pending2', 'failing', 'dead']) await enqueue(key);
    // One attempt of "failing" fails (retried later), "dead" fails for good.
    const claimed = await h.ctx.queue.claim({ queues: [TRANSFER_QUEUE], limit: 10, leaseMs: 60_000 });
    for (const job of claimed) {
      if (job.id === ids.failing) await h.ctx.queue.fail(job, 'sevDesk is currently unavailable (HTTP 503).');
      else if (job.id === ids.dead) await h.ctx.queue.fail(job, 'PDF missing', { permanent: true });
      else await h.ctx.queue.postpone(job, 0, 'not now');
    }
    expect(claimed.map((j) => j.id).sort()).toEqual([ids.pending1, ids.failing, ids.dead].sort());
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists jobs per status with attempts, next run and the last error', async () => {
    const pending = await (await h.get('/admin/queue', s)).text();
    expect(pending).toContain(`id="job-${ids.pending1}"`);
    expect(pending).not.toContain(`id="job-${ids.failing}"`);
    const failed = await (await h.get('/admin/queue?status=failed', s)).text();
    expect(failed).toContain(`id="job-${ids.failing}" data-tab="failed"`);
    expect(failed).toContain('sevDesk is currently unavailable (HTTP 503).');
    expect(failed).toMatch(/1 \/ 10/);
    expect(failed).toMatch(/in \d+ s/);
    const dead = await (await h.get('/admin/queue?status=dead', s)).text();
    expect(dead).toContain(`id="job-${ids.dead}" data-tab="dead"`);
    expect(dead).toContain('PDF missing');
    // The overview counts: 2 pending + 1 failed (pending again), 1 dead.
    expect(dead).toMatch(/<strong>3<\/strong><span>Ausstehend<\/span>/);
    expect(dead).toMatch(/<strong>1<\/strong><span>Fehlgeschlagen \(wird wiederholt\)<\/span>/);
    expect(dead).toMatch(/<strong>1<\/strong><span>Endgültig fehlgeschlagen<\/span>/);
  });

  it('retries a dead job from its row', async () => {
    const res = await h.post('/admin/queue/retry', { one: ids.dead!, back: '/admin/queue?status=dead' }, s);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queue?status=dead&done=retried&n=1&unchanged=0');
    expect(await (await h.get(res.headers.get('location')!, s)).text()).toContain('1 Aufgabe erneut eingeplant.');
    const job = await h.ctx.queue.get(ids.dead!);
    expect(job).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('cancels a selection, and says which jobs could not be changed', async () => {
    const res = await h.post(
      '/admin/queue/cancel',
      { ids: [ids.pending1!, ids.pending2!, 'job_does_not_exist'], back: '/admin/queue?status=pending' },
      s,
    );
    expect(res.headers.get('location')).toBe('/admin/queue?status=pending&done=cancelled&n=2&unchanged=1');
    const page = await (await h.get(res.headers.get('location')!, s)).text();
    expect(page).toContain('2 Aufgaben abgebrochen.');
    expect(page).toContain('1 Aufgabe konnte nicht geändert werden');
    expect((await h.ctx.queue.get(ids.pending1!))!.status).toBe('cancelled');
    // A row's own button acts on that row only, even with other boxes ticked.
    const one = await h.post('/admin/queue/retry', { one: ids.pending2!, ids: [ids.pending1!] }, s);
    expect(one.headers.get('location')).toContain('n=1&unchanged=0');
    expect((await h.ctx.queue.get(ids.pending1!))!.status).toBe('cancelled');
    expect((await h.ctx.queue.get(ids.pending2!))!.status).toBe('pending');
    const none = await h.post('/admin/queue/retry', {}, s);
    expect(await (await h.get(none.headers.get('location')!, s)).text()).toContain(
      'Bitte wählen Sie zuerst Aufgaben aus.',
    );
  });
});
