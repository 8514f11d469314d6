import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { getBookingView } from '../../src/app/booking/get-booking.js';
import { linkTransaction } from '../../src/app/booking/link-transaction.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { onVoucherTransferred } from '../../src/app/booking/on-voucher-transferred.js';
import { BOOK_DOCUMENT_QUEUE, MATCH_TRANSACTIONS_QUEUE } from '../../src/app/booking/queues.js';
import { updateShopSettings } from '../../src/app/shops/update-shop-settings.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  importTx,
  setOrderData,
  transactionOf,
  voucherStatus,
} from './harness.js';

// Booking against the sandbox: offline and register accounts without a transaction, online accounts only with
// exactly one strictly matching transaction, PayPal orders on the PayPal account, refunds negative, paid later.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`booking (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;
    let order = 3700;
    const nextOrder = () => String(++order);

    beforeAll(async () => {
      h = await createBookingHarness(engine);
      shop = await connectedShop(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    const bookingsOfVoucher = (voucherId: string) =>
      h.sandbox
        .dump(shop.token)
        .bookings.filter((b) => b.object.objectName === 'Voucher' && String(b.object.id) === voucherId);

    it('the transfer hook enqueues the booking job in the caller’s transaction', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 11900,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const result = await inTransaction(h.ctx.db, (tx) =>
        onVoucherTransferred(tx, h.ctx, { shopId: shop.shop.id, documentId: doc.id }),
      );
      expect(result.enqueued).toBe(true);
      const jobs = await h.ctx.queue.list({ queue: BOOK_DOCUMENT_QUEUE, shopId: shop.shop.id });
      expect(jobs.map((j) => j.payload)).toContainEqual({ documentId: doc.id });
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('pending');
      // A rolled-back transfer leaves neither a booking nor a job.
      const other = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 100,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await expect(
        inTransaction(h.ctx.db, async (tx) => {
          await onVoucherTransferred(tx, h.ctx, { shopId: shop.shop.id, documentId: other.id });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await findBooking(h.ctx.db, other.id)).toBeNull();
    });

    it('offline clearing account: booked with bookAmount and no transaction', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 11900,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      h.sandbox.resetCalls(shop.token);
      expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({
        state: 'booked',
        checkAccountId: shop.accounts.clearing,
        checkAccountType: 'offline',
        transactionId: null,
        amount: 11900,
      });
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(1000);
      const [log] = bookingsOfVoucher(doc.voucherId!);
      expect(log).toMatchObject({ checkAccount: Number(shop.accounts.clearing), amount: 11900, type: 'FULL_PAYMENT' });
      // Only the write: the transfer just verified the voucher (no re-read); the check accounts came from the cache
      // filled at connect… or one listing.
      const routes = h.sandbox.calls(shop.token).routes;
      expect(routes['PUT /Voucher/{voucherId}/bookAmount']).toBe(1);
      expect(routes['GET /Voucher/{voucherId}']).toBeUndefined();
      // Logged per document: which account, why.
      const view = await getBookingView(h.ctx, shop.shop.id, doc.id);
      expect(view.log[0]).toMatchObject({ outcome: 'booked', checkAccountId: shop.accounts.clearing });
      expect(view.reason?.code).toBe('booked');
    });

    it('cash register (cash on delivery): booked without a transaction', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 2380,
        paymentMethod: 'cod',
        paidAt: '2026-03-09T10:00:00Z',
      });
      expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      expect((await findBooking(h.ctx.db, doc.id))?.checkAccountType).toBe('register');
      expect(bookingsOfVoucher(doc.voucherId!)[0]?.checkAccount).toBe(Number(shop.accounts.register));
    });

    it('online bank account: exactly one matching transaction is linked, dated by its value date', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 11900,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const txId = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 11900,
        purpose: `Bestellung ${no}, Kunde X`,
        valueDate: '2026-03-08T12:00:00Z',
      });
      expect(await bookDocument(h.ctx, doc.id)).toBe('handed_to_match');
      expect(
        (await h.ctx.queue.list({ queue: MATCH_TRANSACTIONS_QUEUE, shopId: shop.shop.id, status: 'pending' })).length,
      ).toBeGreaterThan(0);
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run.listings).toBe(1);
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({
        state: 'linked',
        transactionId: txId,
        checkAccountId: shop.accounts.bank,
        searchKey: no,
      });
      expect(booking?.bookingDate?.slice(0, 10)).toBe('2026-03-08');
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(1000);
      expect(transactionOf(h, shop, txId).status).toBe(400);
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(1);
    });

    it('whole tokens and exact amounts only: 83718, 37180 and one cent off are no match', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 5000,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const valueDate = '2026-03-09T12:00:00Z';
      const wrong = [
        importTx(h, shop, { account: shop.accounts.bank, amount: 5000, purpose: `Bestellung 8${no}`, valueDate }),
        importTx(h, shop, { account: shop.accounts.bank, amount: 5000, purpose: `Bestellung ${no}0`, valueDate }),
        importTx(h, shop, { account: shop.accounts.bank, amount: 5001, purpose: `#${no}`, valueDate }),
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 5000,
          purpose: `Bestellung ${no}`,
          valueDate: '2026-01-02T12:00:00Z',
          entryDate: '2026-03-09T12:00:00Z',
        }),
      ];
      await bookDocument(h.ctx, doc.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      let booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('waiting_for_payment');
      expect(booking?.reason?.code).toBe('no_match_yet');
      // The near misses (key right, amount or date wrong) are shown with what differs.
      expect(booking?.candidates.map((c) => [c.transactionId, c.mismatches])).toEqual([
        [wrong[2], ['amount']],
        [wrong[3], ['date']],
      ]);
      for (const id of wrong) expect(transactionOf(h, shop, id).status).toBe(100);
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);

      const right = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 5000,
        purpose: `Zahlung #${no} danke`,
        valueDate,
      });
      h.clock.advance(20 * 60_000);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({ state: 'linked', transactionId: right });
    });

    it('two candidates: nothing is booked, both are shown; a person picks one', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 7000,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const a = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 7000,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T08:00:00Z',
      });
      const b = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 7000,
        purpose: `Order ${no} (2nd try)`,
        valueDate: '2026-03-09T09:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking?.state).toBe('ambiguous');
      expect(booking?.candidates.map((c) => c.transactionId).sort()).toEqual([a, b].sort());
      expect(booking?.nextCheckAt).not.toBeNull();
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
      expect(bookingsOfVoucher(doc.voucherId!)).toHaveLength(0);

      const view = await linkTransaction(h.ctx, shop.shop.id, doc.id, { transactionId: b });
      expect(view).toMatchObject({ state: 'linked', transactionId: b, origin: 'link' });
      expect(transactionOf(h, shop, a).status).toBe(100);
      expect(transactionOf(h, shop, b).status).toBe(400);
      // Picking again is refused: it is booked.
      await expect(linkTransaction(h.ctx, shop.shop.id, doc.id, { transactionId: a })).rejects.toMatchObject({
        code: 'already_booked',
      });
    });

    it('a person’s pick is checked like automatic matching (amount, open, not linked elsewhere)', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 4200,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      const wrongAmount = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 4100,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T08:00:00Z',
      });
      await expect(linkTransaction(h.ctx, shop.shop.id, doc.id, { transactionId: wrongAmount })).rejects.toMatchObject({
        kind: 'conflict',
        code: 'transaction_changed',
      });
      await expect(linkTransaction(h.ctx, shop.shop.id, doc.id, { transactionId: '99999999' })).rejects.toMatchObject({
        kind: 'not_found',
      });
      await expect(linkTransaction(h.ctx, shop.shop.id, doc.id, { transactionId: 'abc' })).rejects.toMatchObject({
        kind: 'validation',
        issues: [{ path: 'transactionId' }],
      });
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
    });

    it('PayPal orders go to the PayPal account (a same-looking bank row is not taken)', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 3990,
        paymentMethod: 'paypal',
        paidAt: '2026-03-09T10:00:00Z',
        transactionId: '9AB12345CD678901E',
      });
      const bankRow = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 3990,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:00Z',
      });
      const paypalRow = importTx(h, shop, {
        account: shop.accounts.paypal,
        amount: 3990,
        purpose: `Shop-Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:05Z',
        payer: 'max@example.com',
      });
      await bookDocument(h.ctx, doc.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({
        state: 'linked',
        checkAccountId: shop.accounts.paypal,
        transactionId: paypalRow,
      });
      expect(transactionOf(h, shop, bankRow).status).toBe(100);
    });

    it('a refund (cancellation) is booked negative against the outgoing transaction', async () => {
      const no = nextOrder();
      const invoice = await createDocument(h, shop, {
        orderNumber: no,
        gross: 11900,
        paymentMethod: 'bacs',
        paidAt: '2026-03-02T10:00:00Z',
      });
      importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 11900,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-02T10:00:00Z',
      });
      const refund = await createDocument(h, shop, {
        orderNumber: no,
        gross: -5000,
        type: 'cancellation',
        paymentMethod: 'bacs',
        paidAt: '2026-03-02T10:00:00Z',
        refund: { id: `r${no}`, date: '2026-03-08T15:00:00Z' },
        cancels: { documentId: invoice.id, number: invoice.number },
      });
      // A credit with the same key and amount is not a refund: the sign must match.
      const credit = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 5000,
        purpose: `Erstattung ${no}`,
        valueDate: '2026-03-08T15:00:00Z',
      });
      const debit = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: -5000,
        purpose: `Erstattung Bestellung ${no}`,
        valueDate: '2026-03-09T08:00:00Z',
      });
      await bookDocument(h.ctx, invoice.id);
      await bookDocument(h.ctx, refund.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, invoice.id))?.state).toBe('linked');
      const booking = await findBooking(h.ctx.db, refund.id);
      expect(booking).toMatchObject({ state: 'linked', transactionId: debit, amount: -5000 });
      expect(bookingsOfVoucher(refund.voucherId!)).toEqual([expect.objectContaining({ amount: -5000 })]);
      expect(await voucherStatus(h, shop, refund.voucherId!)).toBe(1000);
      expect(transactionOf(h, shop, credit).status).toBe(100);
    });

    it('linking off: an online account is not booked and the state says why (no invented payment)', async () => {
      await updateShopSettings(h.ctx, shop.shop.id, { booking: { linkTransactions: false } });
      try {
        const no = nextOrder();
        const doc = await createDocument(h, shop, {
          orderNumber: no,
          gross: 1000,
          paymentMethod: 'bacs',
          paidAt: '2026-03-09T10:00:00Z',
        });
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 1000,
          purpose: `Bestellung ${no}`,
          valueDate: '2026-03-09T10:00:00Z',
        });
        const transactionsBefore = h.sandbox.dump(shop.token).transactions.length;
        expect(await bookDocument(h.ctx, doc.id)).toBe('not_applicable');
        expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({
          state: 'not_applicable',
          checkAccountId: shop.accounts.bank,
        });
        expect((await findBooking(h.ctx.db, doc.id))?.reason?.code).toBe('linking_disabled');
        expect(h.sandbox.dump(shop.token).transactions.length).toBe(transactionsBefore);
        expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);

        // Linking switched on again: the next match run looks again and links it.
        await updateShopSettings(h.ctx, shop.shop.id, { booking: { linkTransactions: true } });
        const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
        expect(run.rechecked).toBeGreaterThanOrEqual(1);
        expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('linked');
      } finally {
        await updateShopSettings(h.ctx, shop.shop.id, { booking: { linkTransactions: true } });
      }
    });

    it('a document in another currency than the account is not booked automatically', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 10000,
        currency: 'CHF',
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      expect(await bookDocument(h.ctx, doc.id)).toBe('not_applicable');
      expect((await findBooking(h.ctx.db, doc.id))?.reason?.code).toBe('currency_mismatch');
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(100);
    });

    it('paid later: an invoice transferred unpaid is booked once the order update reports the payment', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 8900,
        paymentMethod: 'invoice',
        paidAt: null,
      });
      const hook = await inTransaction(h.ctx.db, (tx) =>
        onVoucherTransferred(tx, h.ctx, { shopId: shop.shop.id, documentId: doc.id }),
      );
      expect(hook.enqueued).toBe(false);
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({ state: 'waiting_for_payment', nextCheckAt: null });
      expect((await findBooking(h.ctx.db, doc.id))?.reason?.code).toBe('order_unpaid');
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('waiting_for_payment');

      // The order update arrives; the finalized document stays as it was.
      await setOrderData(h, doc.orderId, (o) => ({ ...o, paidAt: '2026-03-12T16:00:00Z' }));
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run.rechecked).toBeGreaterThanOrEqual(1);
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({
        state: 'booked',
        paidAt: '2026-03-12T16:00:00Z',
        checkAccountId: shop.accounts.clearing,
      });
      expect(booking?.bookingDate?.slice(0, 10)).toBe('2026-03-12');
      const stored = await h.db.db
        .selectFrom('documents')
        .select('paid_at')
        .where('id', '=', doc.id)
        .executeTakeFirstOrThrow();
      expect(stored.paid_at).toBeNull();
    });

    it('the sweeper books transferred documents the hook never saw', async () => {
      const doc = await createDocument(h, shop, {
        orderNumber: nextOrder(),
        gross: 1500,
        paymentMethod: 'invoice',
        paidAt: '2026-03-09T10:00:00Z',
      });
      expect(await findBooking(h.ctx.db, doc.id)).toBeNull();
      const run = await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(run.swept).toBeGreaterThanOrEqual(1);
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('booked');
    });

    it('a full cancellation of a never paid order books nothing and says so', async () => {
      const no = nextOrder();
      const invoice = await createDocument(h, shop, {
        orderNumber: no,
        gross: 1200,
        paymentMethod: 'invoice',
        paidAt: null,
      });
      const storno = await createDocument(h, shop, {
        orderNumber: no,
        gross: -1200,
        type: 'cancellation',
        paymentMethod: 'invoice',
        cancels: { documentId: invoice.id, number: invoice.number },
      });
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect(await findBooking(h.ctx.db, storno.id)).toMatchObject({ state: 'not_applicable' });
      expect((await findBooking(h.ctx.db, storno.id))?.reason?.code).toBe('never_paid');
      expect((await findBooking(h.ctx.db, invoice.id))?.reason?.code).toBe('order_unpaid');
    });

    it('the match job plans its own next run (and does not pile up runs)', async () => {
      const first = await matchTransactions(h.ctx, shop.shop.id);
      expect(first.nextRunAt).not.toBeNull();
      await matchTransactions(h.ctx, shop.shop.id);
      const pending = await h.ctx.queue.list({
        queue: MATCH_TRANSACTIONS_QUEUE,
        shopId: shop.shop.id,
        status: 'pending',
      });
      expect(pending.length).toBeLessThanOrEqual(3);
    });
  });
}
