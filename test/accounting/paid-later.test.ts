import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import { setOrderData } from '../booking/harness.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type AccountingHarness,
  accountingShop,
  createAccountingHarness,
  finalizedDoc,
  transferNow,
  voucherOf,
} from './harness.js';

// Paid later: an invoice transferred while unpaid is booked when the shop reports it paid — and only then, and only
// once. The booking engine (src/app/booking) does the work; this runs it end to end after a real transfer, with
// the accounting settings in place (test/booking/booking.test.ts covers the booking rules themselves).

const bookAmountCalls = (h: AccountingHarness, token: string) =>
  h.sandbox.calls(token).routes['PUT /Voucher/{voucherId}/bookAmount'] ?? 0;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`paid later (${engine})`, () => {
    let h: AccountingHarness;
    beforeAll(async () => {
      h = await createAccountingHarness(engine);
    });
    afterAll(async () => h?.close());

    it('an unpaid invoice is booked once, after the shop reports the payment', async () => {
      const shop = await accountingShop(h, { revenueAccounts: { byTaxCase: { '1:19': '4400' } } });
      const doc = await finalizedDoc(h, shop, {
        lines: [{ name: 'Jacke', gross: 11900 }],
        paymentMethod: 'cod',
        paymentMethodTitle: 'Nachnahme',
        paidAt: null,
      });
      expect((await transferNow(h, shop, doc.id)).state).toBe('transferred');
      const voucherId = voucherOf(h, shop, doc.id).id;
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({ state: 'waiting_for_payment' });

      // Not paid yet: the match job and the booking job leave it alone.
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      await bookDocument(h.ctx, doc.id);
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('waiting_for_payment');
      expect(bookAmountCalls(h, shop.token)).toBe(0);
      expect(voucherOf(h, shop, doc.id).status).toBe(100);

      // The shop reports the payment (an order update; the finalized document stays as it was).
      await setOrderData(h, doc.orderId, (o) => ({ ...o, paidAt: '2026-03-12T16:00:00Z' }));
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({
        state: 'booked',
        voucherId: String(voucherId),
        checkAccountId: shop.accounts.register,
      });
      expect(booking?.bookingDate?.slice(0, 10)).toBe('2026-03-12');
      expect(voucherOf(h, shop, doc.id).status).toBe(1000);
      expect(bookAmountCalls(h, shop.token)).toBe(1);

      // Again and again: still one booking.
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      await bookDocument(h.ctx, doc.id);
      await transferNow(h, shop, doc.id);
      expect(bookAmountCalls(h, shop.token)).toBe(1);
      expect(h.sandbox.dump(shop.token).bookings).toHaveLength(1);
    });
  });
}
