import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import { findConnection } from '../../src/db/repos/sevdesk-connections.repo.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  importTx,
  SANDBOX_BASE_URL,
  transactionOf,
  voucherStatus,
} from './harness.js';

// Never double-book: voucher (and transaction) re-read right before booking; "already paid" (status 1000 or 751)
// is recorded as booked; an unclear bookAmount answer is settled by re-reading the voucher, never by repeating.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`never double-book (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;
    let order = 6000;
    const nextOrder = () => String(++order);

    beforeAll(async () => {
      h = await createBookingHarness(engine);
      shop = await connectedShop(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    const bookingsOfVoucher = (voucherId: string) =>
      h.sandbox.dump(shop.token).bookings.filter((b) => String(b.object.id) === voucherId);

    const payInSevdesk = async (voucherId: string, gross: number) => {
      const res = await h.sandbox.fetch(`${SANDBOX_BASE_URL}/Voucher/${voucherId}/bookAmount`, {
        method: 'PUT',
        headers: { authorization: shop.token, 'content-type': 'application/json' },
        body: JSON.stringify({
          amount: gross / 100,
          date: '2026-03-09T12:00:00+01:00',
          type: 'FULL_PAYMENT',
          checkAccount: { id: Number(shop.accounts.register), objectName: 'CheckAccount' },
        }),
      });
      expect(res.status).toBe(200);
    };

    it('a voucher already paid in sevDesk is recorded as booked, not booked twice', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 11900,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await payInSevdesk(doc.voucherId!, 11900);
      h.sandbox.resetCalls(shop.token);
      expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('booked');
      expect(booking?.reason?.code).toBe('already_paid');
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
      expect(h.sandbox.calls(shop.token).routes['PUT /Voucher/{voucherId}/bookAmount']).toBeUndefined();
    });

    it('paid in sevDesk between our re-read and our write (751): recorded as already paid', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 2000,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      // Someone books the voucher in sevDesk's UI just before our bookAmount arrives.
      let raced = false;
      setSevdeskDeps(h.ctx, {
        fetch: async (input, init) => {
          const url = String(input instanceof Request ? input.url : input);
          if (!raced && init?.method === 'PUT' && url.endsWith(`/Voucher/${doc.voucherId}/bookAmount`)) {
            raced = true;
            await payInSevdesk(doc.voucherId!, 2000);
          }
          return h.sandbox.fetch(input, init);
        },
        rateLimiter: new TokenBucketRateLimiter(),
        readRetryBaseMs: 1,
        sleep: async () => {},
        requestsPerSecond: 1000,
      });
      try {
        expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      } finally {
        setSevdeskDeps(h.ctx, {
          fetch: h.sandbox.fetch,
          rateLimiter: new TokenBucketRateLimiter(),
          readRetryBaseMs: 1,
          sleep: async () => {},
          requestsPerSecond: 1000,
        });
      }
      expect(raced).toBe(true);
      expect((await findBooking(h.ctx.db, doc.id))?.reason?.code).toBe('already_paid');
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
    });

    it('a transaction linked elsewhere meanwhile (status ≠ 100) is not booked; the search goes on', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 3300,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const txId = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 3300,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      // sevDesk's own auto-mapping links it between our listing and our write: simulated on the re-read.
      setSevdeskDeps(h.ctx, {
        fetch: async (input, init) => {
          const url = String(input instanceof Request ? input.url : input);
          if (url.includes(`/CheckAccountTransaction/${txId}`)) {
            await h.sandbox.fetch(`${SANDBOX_BASE_URL}/CheckAccountTransaction/${txId}`, {
              method: 'PUT',
              headers: { authorization: shop.token, 'content-type': 'application/json' },
              body: JSON.stringify({ status: 300 }),
            });
          }
          return h.sandbox.fetch(input, init);
        },
        rateLimiter: new TokenBucketRateLimiter(),
        readRetryBaseMs: 1,
        sleep: async () => {},
        requestsPerSecond: 1000,
      });
      try {
        await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      } finally {
        setSevdeskDeps(h.ctx, {
          fetch: h.sandbox.fetch,
          rateLimiter: new TokenBucketRateLimiter(),
          readRetryBaseMs: 1,
          sleep: async () => {},
          requestsPerSecond: 1000,
        });
      }
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('waiting_for_payment');
      expect(booking?.reason?.code).toBe('transaction_changed');
      expect(booking?.nextCheckAt).not.toBeNull();
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
      expect(transactionOf(h, shop, txId).status).toBe(300);
    });

    it('unclear answer after the booking happened (500 after commit): the re-read confirms it, no second write', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 4400,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const txId = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 4400,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      h.sandbox.setFaults('bookAmount:500-after#1');
      h.sandbox.resetCalls(shop.token);
      try {
        await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      } finally {
        h.sandbox.setFaults('');
      }
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({ state: 'linked', transactionId: txId });
      expect(h.sandbox.calls(shop.token).routes['PUT /Voucher/{voucherId}/bookAmount']).toBe(1);
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
    });

    it('unclear answer and the booking did not happen: stays "booking", re-read later, then booked exactly once', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 5500,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      h.sandbox.setFaults('bookAmount:503#1');
      try {
        expect(await bookDocument(h.ctx, doc.id)).toBe('unclear');
      } finally {
        h.sandbox.setFaults('');
      }
      let booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('booking');
      expect(booking?.reason?.code).toBe('write_unclear');
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);

      // A run right away does not write again: the answer may still be on its way.
      h.sandbox.resetCalls(shop.token);
      expect(await bookDocument(h.ctx, doc.id)).toBe('unclear');
      expect(h.sandbox.calls(shop.token).routes['PUT /Voucher/{voucherId}/bookAmount']).toBeUndefined();

      // After the settle time the voucher is still open: the write did not happen; book it now, once.
      h.clock.advance(5 * 60_000);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('booked');
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(1000);
    });

    it('two documents claiming the same transaction: neither is booked', async () => {
      const no = nextOrder();
      const a = await createDocument(h, shop, {
        orderNumber: no,
        gross: 6600,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      // A second invoice whose key (the same order number, e.g. a re-issued invoice) and amount match too.
      const b = await createDocument(h, shop, {
        orderNumber: no,
        gross: 6600,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
        sourceKey: `order:${no}:invoice-2`,
      });
      const txId = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 6600,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, a.id);
      await bookDocument(h.ctx, b.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      for (const d of [a, b]) {
        const booking = await findBooking(h.ctx.db, d.id);
        expect(booking?.state).toBe('ambiguous');
        expect(booking?.reason?.code).toBe('transaction_contested');
      }
      expect(transactionOf(h, shop, txId).status).toBe(100);
    });

    it('a token sevDesk no longer accepts pauses the shop (as transfers do) instead of retrying', async () => {
      const other = await connectedShop(h);
      const doc = await createDocument(h, other, {
        orderNumber: nextOrder(),
        gross: 1000,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      h.sandbox.revokeToken(other.token);
      await expect(matchTransactions(h.ctx, other.shop.id, { schedule: false })).rejects.toMatchObject({
        kind: 'connection',
      });
      expect((await findConnection(h.ctx.db, other.shop.id))?.status).toBe('invalid');
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('pending');
    });
  });
}
