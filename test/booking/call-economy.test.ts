import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { countBookingsByState } from '../../src/db/repos/bookings.repo.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  type CreatedDocument,
  importTx,
} from './harness.js';

// Call economy (sevdesk-api.md §1.4, peers.md §4.9): one transaction listing per check account and run serves every
// waiting document of the shop — never one search per document. Measured with the sandbox's call counter.

const LISTING = 'GET /CheckAccountTransaction';

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`booking call economy (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;
    const numbers: Record<string, unknown> = {};

    beforeAll(async () => {
      h = await createBookingHarness(engine);
      shop = await connectedShop(h);
    });
    afterAll(async () => {
      console.log(`[booking call economy ${engine}] ${JSON.stringify(numbers)}`);
      await h?.close();
    });

    async function waitingDocuments(
      count: number,
      prefix: number,
      method: (i: number) => string,
    ): Promise<CreatedDocument[]> {
      const docs: CreatedDocument[] = [];
      for (let i = 0; i < count; i++) {
        const doc = await createDocument(h, shop, {
          orderNumber: String(prefix + i),
          gross: 1000 + i,
          paymentMethod: method(i),
          paidAt: '2026-03-09T10:00:00Z',
        });
        expect(await bookDocument(h.ctx, doc.id)).toBe('handed_to_match');
        docs.push(doc);
      }
      return docs;
    }

    it('100 waiting documents on one account: 1 listing per run, whether or not their payments are there', async () => {
      await waitingDocuments(100, 10_000, () => 'bacs');
      h.sandbox.resetCalls(shop.token);
      const empty = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      const emptyRoutes = h.sandbox.calls(shop.token).routes;
      expect(empty).toMatchObject({ due: 100, waiting: 100, listings: 1, listingPages: 1 });
      expect(emptyRoutes[LISTING]).toBe(1);
      // Besides the listing only the check account list, once (then cached).
      expect(h.sandbox.calls(shop.token).total).toBeLessThanOrEqual(2);
      numbers['listings per 100 waiting documents, none matched'] = emptyRoutes[LISTING];
      numbers['calls per 100 waiting documents, none matched'] = h.sandbox.calls(shop.token).total;

      for (let i = 0; i < 100; i++)
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 1000 + i,
          purpose: `Bestellung ${10_000 + i}`,
          valueDate: '2026-03-09T12:00:00Z',
        });
      h.clock.advance(15 * 60_000);
      h.sandbox.resetCalls(shop.token);
      const matched = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      const routes = h.sandbox.calls(shop.token).routes;
      expect(matched).toMatchObject({ due: 100, booked: 100, listings: 1 });
      expect(routes[LISTING]).toBe(1);
      // Per booked document: re-read voucher, re-read transaction, bookAmount.
      expect(routes['GET /Voucher/{voucherId}']).toBe(100);
      expect(routes['GET /CheckAccountTransaction/{checkAccountTransactionId}']).toBe(100);
      expect(routes['PUT /Voucher/{voucherId}/bookAmount']).toBe(100);
      numbers['listings per 100 waiting documents, all matched'] = routes[LISTING];
      numbers['calls to book 100 matched documents'] = h.sandbox.calls(shop.token).total;
      expect((await countBookingsByState(h.ctx.db, shop.shop.id)).linked).toBe(100);
    });

    it('bookings per run are capped; the rest stay due and the next run books them', async () => {
      for (let i = 0; i < 5; i++) {
        const no = String(30_000 + i);
        await createDocument(h, shop, {
          orderNumber: no,
          gross: 500 + i,
          paymentMethod: 'bacs',
          paidAt: '2026-03-09T10:00:00Z',
        });
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 500 + i,
          purpose: `Bestellung ${no}`,
          valueDate: '2026-03-09T12:00:00Z',
        });
      }
      const first = await matchTransactions(h.ctx, shop.shop.id, { schedule: false, maxBookings: 3 });
      expect(first).toMatchObject({ booked: 3, deferred: 2, listings: 1 });
      const second = await matchTransactions(h.ctx, shop.shop.id, { schedule: false, maxBookings: 3 });
      expect(second).toMatchObject({ booked: 2, deferred: 0 });
    });

    it('100 waiting documents on bank and PayPal: 1 listing per account (2), paging a large account', async () => {
      // 1,500 unrelated open rows on the bank account: the listing pages (1000 per page) until a short page.
      for (let i = 0; i < 1500; i++)
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 100 + i,
          purpose: `Fremd ${i}`,
          valueDate: '2026-03-08T12:00:00Z',
        });
      await waitingDocuments(100, 20_000, (i) => (i % 2 === 0 ? 'bacs' : 'paypal'));
      h.sandbox.resetCalls(shop.token);
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run).toMatchObject({ due: 100, waiting: 100, listings: 2, listingPages: 3 });
      expect(h.sandbox.calls(shop.token).routes[LISTING]).toBe(3);
      numbers['listings per 100 waiting documents on 2 accounts'] = run.listings;
      numbers['listing pages (1,500 open rows on the bank account)'] = run.listingPages;
    });
  });
}
