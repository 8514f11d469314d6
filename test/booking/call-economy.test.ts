import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { VOUCHER_FRESH_MS } from '../../src/app/booking/booking-runner.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { countBookingsByState, findBooking } from '../../src/db/repos/bookings.repo.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  type CreatedDocument,
  importTx,
  setOrderData,
} from './harness.js';

// Call economy (sevdesk-api.md §1.4, peers.md §4.9), measured with the sandbox's call counter, route by route:
// - one transaction listing per check account and run serves every waiting document — never one search per document;
// - a paid document costs one booking call, bookAmount: the voucher as the transfer just verified it and the
//   transaction as the run's listing showed it are not read again (sevDesk's answer covers paid, deleted, refused);
// - the voucher is read once more only when its transfer is older than VOUCHER_FRESH_MS (payment reported later).
// The route maps are compared exactly, so a read added back shows up here.

const LISTING = 'GET /CheckAccountTransaction';
const BOOK = 'PUT /Voucher/{voucherId}/bookAmount';
const READ_VOUCHER = 'GET /Voucher/{voucherId}';

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`booking call economy (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;
    const numbers: Record<string, unknown> = {};

    beforeAll(async () => {
      h = await createBookingHarness(engine);
      shop = await connectedShop(h);
      // Warm the check account cache (one GET /CheckAccount per connection and 6 h), so the counts below are per document.
      const warm = await createDocument(h, shop, {
        orderNumber: '900',
        gross: 100,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      expect(await bookDocument(h.ctx, warm.id)).toBe('booked');
    });
    afterAll(async () => {
      console.log(`[booking call economy ${engine}] ${JSON.stringify(numbers)}`);
      await h?.close();
    });

    async function waitingDocuments(
      count: number,
      prefix: number,
      method: (i: number) => string,
      gross: (i: number) => number = (i) => 1000 + i,
    ): Promise<CreatedDocument[]> {
      const docs: CreatedDocument[] = [];
      for (let i = 0; i < count; i++) {
        const doc = await createDocument(h, shop, {
          orderNumber: String(prefix + i),
          gross: gross(i),
          paymentMethod: method(i),
          paidAt: '2026-03-09T10:00:00Z',
        });
        expect(await bookDocument(h.ctx, doc.id)).toBe('handed_to_match');
        docs.push(doc);
      }
      return docs;
    }

    it('offline account, paid at transfer: one call per document, the bookAmount', async () => {
      const docs = [];
      for (let i = 0; i < 20; i++)
        docs.push(
          await createDocument(h, shop, {
            orderNumber: String(50_000 + i),
            gross: 700 + i,
            paymentMethod: 'invoice',
            paidAt: '2026-03-09T10:00:00Z',
          }),
        );
      h.sandbox.resetCalls(shop.token);
      for (const d of docs) expect(await bookDocument(h.ctx, d.id)).toBe('booked');
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [BOOK]: 20 });
      numbers['calls per document booked offline at transfer'] = h.sandbox.calls(shop.token).total / 20;
    });

    it('offline account, payment reported after the voucher window: voucher read once, then the bookAmount', async () => {
      const docs = [];
      for (let i = 0; i < 10; i++) {
        const doc = await createDocument(h, shop, {
          orderNumber: String(51_000 + i),
          gross: 800 + i,
          paymentMethod: 'invoice',
          paidAt: null,
        });
        expect(await bookDocument(h.ctx, doc.id)).toBe('waiting');
        docs.push(doc);
      }
      h.clock.advance(VOUCHER_FRESH_MS + 1);
      for (const d of docs) await setOrderData(h, d.orderId, (o) => ({ ...o, paidAt: '2026-03-10T09:10:00Z' }));
      h.sandbox.resetCalls(shop.token);
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run).toMatchObject({ booked: 10, listings: 0 });
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [READ_VOUCHER]: 10, [BOOK]: 10 });
      for (const d of docs) expect((await findBooking(h.ctx.db, d.id))?.state).toBe('booked');
      numbers['calls per document booked offline, paid later'] = h.sandbox.calls(shop.token).total / 10;
    });

    it('bank account, payments already imported: 1 listing per run and 1 bookAmount per document', async () => {
      const docs = await waitingDocuments(
        100,
        40_000,
        () => 'bacs',
        (i) => 3000 + i,
      );
      for (let i = 0; i < 100; i++)
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 3000 + i,
          purpose: `Bestellung ${40_000 + i}`,
          valueDate: '2026-03-09T12:00:00Z',
        });
      h.sandbox.resetCalls(shop.token);
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run).toMatchObject({ due: 100, booked: 100, listings: 1, listingPages: 1 });
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [LISTING]: 1, [BOOK]: 100 });
      for (const d of docs) expect((await findBooking(h.ctx.db, d.id))?.state).toBe('linked');
      numbers['calls to match and book 100 documents (payments there)'] = h.sandbox.calls(shop.token).total;
    });

    it('100 waiting documents on one account: 1 listing per run, whether or not their payments are there', async () => {
      await waitingDocuments(100, 10_000, () => 'bacs');
      h.sandbox.resetCalls(shop.token);
      const empty = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(empty).toMatchObject({ due: 100, waiting: 100, listings: 1, listingPages: 1 });
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [LISTING]: 1 });
      numbers['calls per 100 waiting documents, none matched'] = h.sandbox.calls(shop.token).total;

      for (let i = 0; i < 100; i++)
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 1000 + i,
          purpose: `Bestellung ${10_000 + i}`,
          valueDate: '2026-03-09T12:00:00Z',
        });
      // The payments show up after the voucher window: each voucher is read once; the listed transaction is not.
      h.clock.advance(VOUCHER_FRESH_MS + 1);
      h.sandbox.resetCalls(shop.token);
      const matched = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(matched).toMatchObject({ due: 100, booked: 100, listings: 1 });
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [LISTING]: 1, [READ_VOUCHER]: 100, [BOOK]: 100 });
      numbers['calls to match and book 100 documents (payments later)'] = h.sandbox.calls(shop.token).total;
      expect((await countBookingsByState(h.ctx.db, shop.shop.id)).linked).toBe(200);
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
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [LISTING]: 3 });
      numbers['listings per 100 waiting documents on 2 accounts'] = run.listings;
      numbers['listing pages (1,500 open rows on the bank account)'] = run.listingPages;
    });
  });
}
