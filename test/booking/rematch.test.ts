import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  importTx,
  transactionOf,
} from './harness.js';

// Bank imports lag by hours: a document without a match is looked at again with growing intervals (15 min, 1 h,
// 4 h, 12 h, daily) until rematchDays after the payment, then left for a person. Time is the harness clock,
// shared by Belegfluss and the sandbox.

const MIN = 60_000;
const HOUR = 60 * MIN;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`re-matching over time (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;

    beforeAll(async () => {
      h = await createBookingHarness(engine, '2026-03-10T09:00:00Z');
      shop = await connectedShop(h, (a) => ({
        enabled: true,
        defaultCheckAccountId: a.clearing,
        checkAccountByPaymentMethod: { bacs: a.bank },
        rematchDays: 2,
      }));
    });
    afterAll(async () => {
      await h?.close();
    });

    it('a transaction imported hours later is found by the re-match and booked', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: '5100',
        gross: 24990,
        paymentMethod: 'bacs',
        paidAt: '2026-03-10T08:30:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      h.sandbox.resetCalls(shop.token);

      // 09:00 first check: nothing there yet; next in 15 min.
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      let booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({ state: 'waiting_for_payment', checks: 1 });
      expect(booking?.nextCheckAt).toBe(Date.parse('2026-03-10T09:15:00Z'));

      // A run before the document is due makes no sevDesk call at all.
      h.clock.advance(5 * MIN);
      const early = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(early).toMatchObject({ due: 0, listings: 0, calls: 0 });

      // 09:15 second check (still nothing) → next in 1 h; 10:15 third → next in 4 h.
      h.clock.set('2026-03-10T09:15:00Z');
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, doc.id))?.nextCheckAt).toBe(Date.parse('2026-03-10T10:15:00Z'));
      h.clock.set('2026-03-10T10:15:00Z');
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, doc.id))?.nextCheckAt).toBe(Date.parse('2026-03-10T14:15:00Z'));

      // The bank import arrives at 13:40, valued on the payment day.
      h.clock.set('2026-03-10T13:40:00Z');
      const txId = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 24990,
        purpose: 'SEPA-GUTSCHRIFT Bestellung 5100 Max Kunde',
        valueDate: '2026-03-10T08:00:00Z',
      });
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('waiting_for_payment');

      h.clock.set('2026-03-10T14:15:00Z');
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({ state: 'linked', transactionId: txId, checks: 3 });
      expect(transactionOf(h, shop, txId).status).toBe(400);
      // Four checks, each one listing; no search per document.
      expect(h.sandbox.calls(shop.token).routes['GET /CheckAccountTransaction']).toBe(4);
    });

    it('stops after rematchDays and leaves the document for a person (state stays visible)', async () => {
      h.clock.set('2026-03-10T09:00:00Z');
      const doc = await createDocument(h, shop, {
        orderNumber: '5200',
        gross: 1000,
        paymentMethod: 'bacs',
        paidAt: '2026-03-10T09:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      const times: string[] = [];
      for (let i = 0; i < 20; i++) {
        await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
        const b = await findBooking(h.ctx.db, doc.id);
        if (b?.nextCheckAt === null || b?.nextCheckAt === undefined) break;
        times.push(new Date(b.nextCheckAt).toISOString());
        h.clock.set(new Date(b.nextCheckAt).toISOString());
      }
      expect(times).toEqual([
        '2026-03-10T09:15:00.000Z',
        '2026-03-10T10:15:00.000Z',
        '2026-03-10T14:15:00.000Z',
        '2026-03-11T02:15:00.000Z',
        '2026-03-12T02:15:00.000Z',
        '2026-03-12T09:00:00.000Z',
      ]);
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({ state: 'waiting_for_payment', nextCheckAt: null, checks: 7 });
      expect(booking?.reason?.code).toBe('rematch_exhausted');
      // Later runs leave it alone.
      h.clock.advance(3 * 24 * HOUR);
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run.due).toBe(0);
    });
  });
}
