import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { TRANSACTION_FRESH_MS, VOUCHER_FRESH_MS } from '../../src/app/booking/booking-runner.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { recheckBooking } from '../../src/app/booking/recheck-booking.js';
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

// Never double-book. The voucher is taken as the transfer just verified it and a transaction as the run's listing
// showed it; each is read again before the write when that knowledge is not recent, and the voucher always before a
// retry. sevDesk's answer is the last check: "already paid" (751, or status 1000 on a read) is recorded as booked,
// a refusal on an online account re-reads the transaction, a voucher that was not open is flagged. An unclear
// bookAmount answer is settled by re-reading the voucher, never by repeating.

const LISTING = 'GET /CheckAccountTransaction';
const BOOK = 'PUT /Voucher/{voucherId}/bookAmount';
const READ_VOUCHER = 'GET /Voucher/{voucherId}';
const READ_TX = 'GET /CheckAccountTransaction/{checkAccountTransactionId}';

type Fetch = typeof fetch;

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

    /** A call on the shop's sandbox account, as a person or sevDesk itself would make it. */
    const sevdesk = async (method: string, path: string, body?: unknown) => {
      const res = await h.sandbox.fetch(`${SANDBOX_BASE_URL}${path}`, {
        method,
        headers: { authorization: shop.token, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status).toBe(200);
    };

    const payInSevdesk = (voucherId: string, gross: number, type = 'FULL_PAYMENT') =>
      sevdesk('PUT', `/Voucher/${voucherId}/bookAmount`, {
        amount: gross / 100,
        date: '2026-03-09T12:00:00+01:00',
        type,
        checkAccount: { id: Number(shop.accounts.register), objectName: 'CheckAccount' },
      });

    const urlOf = (input: Parameters<Fetch>[0]) => String(input instanceof Request ? input.url : input);

    /** Run `fn` with Belegfluss's sevDesk calls going through `intercept` first. */
    const intercepting = async <T>(
      intercept: (url: string, init: RequestInit | undefined) => Promise<void>,
      fn: () => Promise<T>,
    ): Promise<T> => {
      const deps = (f: Fetch) => ({
        fetch: f,
        rateLimiter: new TokenBucketRateLimiter(),
        readRetryBaseMs: 1,
        sleep: async () => {},
        requestsPerSecond: 1000,
      });
      setSevdeskDeps(
        h.ctx,
        deps(async (input, init) => {
          await intercept(urlOf(input), init);
          return h.sandbox.fetch(input, init);
        }),
      );
      try {
        return await fn();
      } finally {
        setSevdeskDeps(h.ctx, deps(h.sandbox.fetch));
      }
    };

    /** A paid bank order, handed to the match job, with its transaction imported. */
    const bankOrder = async (gross: number) => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const txId = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: gross,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:00Z',
      });
      expect(await bookDocument(h.ctx, doc.id)).toBe('handed_to_match');
      return { doc, txId };
    };

    it('a voucher already paid in sevDesk right after the transfer: bookAmount answers 751, recorded as booked once', async () => {
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
      // The transfer's knowledge stood in for a read; sevDesk refused the second payment itself.
      const routes = h.sandbox.calls(shop.token).routes;
      expect(routes[BOOK]).toBe(1);
      expect(routes[READ_VOUCHER]).toBeUndefined();
    });

    it('a voucher already paid, transferred longer ago than the voucher window: the re-read finds it, no bookAmount', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 11900,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await payInSevdesk(doc.voucherId!, 11900);
      h.clock.advance(VOUCHER_FRESH_MS + 1);
      h.sandbox.resetCalls(shop.token);
      expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      expect((await findBooking(h.ctx.db, doc.id))?.reason?.code).toBe('already_paid');
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [READ_VOUCHER]: 1 });
    });

    it('paid in sevDesk just before our write (751): recorded as already paid', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 2000,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      // Someone books the voucher in sevDesk's UI just before our bookAmount arrives.
      let raced = false;
      const outcome = await intercepting(
        async (url, init) => {
          if (!raced && init?.method === 'PUT' && url.endsWith(`/Voucher/${doc.voucherId}/bookAmount`)) {
            raced = true;
            await payInSevdesk(doc.voucherId!, 2000);
          }
        },
        () => bookDocument(h.ctx, doc.id),
      );
      expect(outcome).toBe('booked');
      expect(raced).toBe(true);
      expect((await findBooking(h.ctx.db, doc.id))?.reason?.code).toBe('already_paid');
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
    });

    it('a listing older than the freshness window: the transaction is read again; changed meanwhile → not booked', async () => {
      const { doc, txId } = await bankOrder(3300);
      h.sandbox.resetCalls(shop.token);
      // The run takes longer than the window after its listing; sevDesk's auto-mapping marks the row meanwhile.
      await intercepting(
        async (url) => {
          if (url.includes('/CheckAccountTransaction?')) h.clock.advance(TRANSACTION_FRESH_MS + 1);
          if (url.includes(`/CheckAccountTransaction/${txId}`))
            await sevdesk('PUT', `/CheckAccountTransaction/${txId}`, { status: 300 });
        },
        () => matchTransactions(h.ctx, shop.shop.id, { schedule: false }),
      );
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('waiting_for_payment');
      expect(booking?.reason?.code).toBe('transaction_changed');
      expect(booking?.nextCheckAt).not.toBeNull();
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
      expect(transactionOf(h, shop, txId).status).toBe(300);
      expect(h.sandbox.calls(shop.token).routes[READ_TX]).toBe(1);
      expect(h.sandbox.calls(shop.token).routes[BOOK]).toBeUndefined();
    });

    it('a fresh listing, the transaction made private just before the write: sevDesk refuses, read, search goes on', async () => {
      const { doc, txId } = await bankOrder(3400);
      h.sandbox.resetCalls(shop.token);
      await intercepting(
        async (url, init) => {
          if (init?.method === 'PUT' && url.endsWith(`/Voucher/${doc.voucherId}/bookAmount`))
            await sevdesk('PUT', `/CheckAccountTransaction/${txId}`, { status: 300 });
        },
        () => matchTransactions(h.ctx, shop.shop.id, { schedule: false }),
      );
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({
        state: 'waiting_for_payment',
        transactionId: null,
        writeRequestedAt: null,
      });
      expect(booking?.reason?.code).toBe('transaction_changed');
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(0);
      // No read before the write (voucher and listing fresh); the transaction read once after the refusal, to tell why.
      const routes = h.sandbox.calls(shop.token).routes;
      expect([routes[LISTING], routes[BOOK], routes[READ_TX], routes[READ_VOUCHER]]).toEqual([1, 1, 1, undefined]);

      // Linked to the right transaction once one turns up; the voucher is read first (a write was requested before).
      const no = (await findBooking(h.ctx.db, doc.id))?.searchKey;
      const again = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 3400,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T11:00:00Z',
      });
      h.clock.advance(20 * 60_000);
      h.sandbox.resetCalls(shop.token);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({ state: 'linked', transactionId: again });
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [LISTING]: 1, [READ_VOUCHER]: 1, [BOOK]: 1 });
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
    });

    it('a fresh listing, the transaction deleted just before the write: the 404 is the transaction’s, not the voucher’s', async () => {
      const { doc, txId } = await bankOrder(3500);
      await intercepting(
        async (url, init) => {
          if (init?.method === 'PUT' && url.endsWith(`/Voucher/${doc.voucherId}/bookAmount`))
            await sevdesk('DELETE', `/CheckAccountTransaction/${txId}`);
        },
        () => matchTransactions(h.ctx, shop.shop.id, { schedule: false }),
      );
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('waiting_for_payment');
      expect(booking?.reason?.code).toBe('transaction_changed');
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
    });

    it('a voucher deleted in sevDesk before the booking: bookAmount’s 404 flags it as gone', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 3600,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await sevdesk('PUT', `/Voucher/${doc.voucherId}/resetToDraft`);
      await sevdesk('DELETE', `/Voucher/${doc.voucherId}`);
      expect(await bookDocument(h.ctx, doc.id)).toBe('failed');
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('failed');
      expect(booking?.reason?.code).toBe('voucher_gone');
    });

    it('partly paid in sevDesk right after the transfer: our payment is flagged, a retry reads first, never writes again', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 3700,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await payInSevdesk(doc.voucherId!, 1000, 'N');
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(750);
      expect(await bookDocument(h.ctx, doc.id)).toBe('failed');
      let booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('failed');
      // sevDesk's answer says the voucher was not open: the operator is told to check its payments.
      expect(booking?.reason?.code).toBe('booked_over_payment');
      expect(booking?.bookedAt).not.toBeNull();
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(2);

      // "Search again" by a person, still within the voucher window: the voucher is read, nothing written.
      await recheckBooking(h.ctx, shop.shop.id, doc.id);
      h.sandbox.resetCalls(shop.token);
      await bookDocument(h.ctx, doc.id);
      booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('booked');
      expect(booking?.reason?.code).toBe('already_paid');
      expect(h.sandbox.calls(shop.token).routes).toEqual({ [READ_VOUCHER]: 1 });
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(2);
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

      // After the settle time the voucher is still open: the write did not happen; book it now, once — the retry
      // reads the voucher before writing (once to settle, once right before the write).
      h.clock.advance(5 * 60_000);
      h.sandbox.resetCalls(shop.token);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('booked');
      expect(h.sandbox.calls(shop.token).routes).toMatchObject({ [READ_VOUCHER]: 2, [BOOK]: 1 });
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
