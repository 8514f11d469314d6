import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { BOOK_DOCUMENT_QUEUE } from '../../src/app/booking/queues.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createHarness, type Harness, insertFinalizedDocument } from '../transfer/harness.js';
import {
  creditNotesOf,
  insertOssShop,
  invoicesOf,
  type OssShop,
  ossCancellation,
  ossInvoice,
  transfer,
} from './harness.js';

// Booking OSS invoices and their credit notes with the strict rules of vouchers: the transfer's hook creates the
// booking and its job in the same transaction; an online account books only exactly one matching transaction
// (purpose contains the order number as a token, exact amount, open, in the date window). Invoices take bookAmount
// with a Unix date; a credit note is paid with the negative refund amount.

const today = () => new Date().toISOString().slice(0, 10);

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`booking OSS invoices (${engine})`, () => {
    let h: Harness;
    let shop: OssShop;
    beforeAll(async () => {
      h = await createHarness(engine);
      shop = await insertOssShop(h, {
        booking: (a) => ({
          enabled: true,
          defaultCheckAccountId: a.clearing,
          checkAccountByPaymentMethod: { bacs: a.bank },
          linkTransactions: true,
        }),
      });
    });
    afterAll(async () => h?.close());

    const importTx = (amount: number, purpose: string) =>
      String(
        h.sandbox.importTransaction(shop.token, {
          checkAccountId: Number(shop.checkAccounts.bank),
          amountMinor: amount,
          paymtPurpose: purpose,
          payeePayerName: 'Jeanne Dupont',
          valueDate: today(),
        }).id,
      );
    const bookingLogsOf = (objectName: string, id: number) =>
      h.sandbox.dump(shop.token).bookings.filter((b) => b.object.objectName === objectName && b.object.id === id);

    it('an OSS invoice and its credit note are booked against their matched bank transactions', async () => {
      const paidAt = new Date().toISOString();
      const data = ossInvoice(
        [
          { name: 'Roman', gross: 2290, rateBp: 550 },
          { name: 'Lampe', gross: 5990, rateBp: 2000 },
        ],
        { paidAt },
      );
      const doc = await insertFinalizedDocument(h, shop.id, data);
      expect((await transfer(h, shop.id, doc.id))?.state).toBe('transferred');
      // The hook: booking row and job, committed with the transfer.
      expect((await findBooking(h.ctx.db, doc.id))?.voucherId).toMatch(/^Invoice:\d+$/);
      const jobs = await h.ctx.queue.list({ queue: BOOK_DOCUMENT_QUEUE, shopId: shop.id });
      expect(jobs.map((j) => j.payload)).toContainEqual({ documentId: doc.id });

      // A near miss (one cent off) and the real payment: only the exact one is linked.
      const nearMiss = importTx(data.totals.gross - 1, `Bestellung ${data.orderNumber}`);
      const payment = importTx(data.totals.gross, `Bestellung ${data.orderNumber} Jeanne Dupont`);
      expect(await bookDocument(h.ctx, doc.id)).toBe('handed_to_match');
      const run = await matchTransactions(h.ctx, shop.id, { schedule: false });
      expect(run.booked).toBe(1);
      const booking = await findBooking(h.ctx.db, doc.id);
      expect(booking).toMatchObject({ state: 'linked', transactionId: payment, amount: data.totals.gross });
      const invoice = invoicesOf(h, shop.token, data.orderNumber)[0]!;
      expect(invoice.status).toBe(1000);
      const [log] = bookingLogsOf('Invoice', invoice.id);
      expect(log).toMatchObject({
        amount: data.totals.gross,
        type: 'FULL_PAYMENT',
        checkAccountTransaction: Number(payment),
      });
      const txs = h.sandbox.dump(shop.token).transactions;
      expect(txs.find((t) => String(t.id) === payment)?.status).toBe(400);
      expect(txs.find((t) => String(t.id) === nearMiss)?.status).toBe(100);
      // bookAmount took the date as Unix seconds: the booking is dated by the transaction's value date.
      expect(log?.bookingDate).toBe(txs.find((t) => String(t.id) === payment)?.valueDate);

      // Partial refund: a credit note, paid by the negative bank row.
      const partial = { ...ossCancellation(data, { documentId: doc.id, number: doc.number }, { lines: [1] }), paidAt };
      const st = await insertFinalizedDocument(h, shop.id, partial, { cancelsDocumentId: doc.id });
      expect((await transfer(h, shop.id, st.id))?.state).toBe('transferred');
      const refund = importTx(-5990, `Erstattung ${data.orderNumber}`);
      expect(await bookDocument(h.ctx, st.id)).toBe('handed_to_match');
      await matchTransactions(h.ctx, shop.id, { schedule: false });
      expect(await findBooking(h.ctx.db, st.id)).toMatchObject({
        state: 'linked',
        transactionId: refund,
        amount: -5990,
      });
      const cn = creditNotesOf(h, shop.token, st.number)[0]!;
      expect(cn.status).toBe(1000);
      expect(bookingLogsOf('CreditNote', cn.id)[0]).toMatchObject({
        amount: -5990,
        checkAccountTransaction: Number(refund),
      });
    });

    it('offline clearing account, bookAmount answered with 500 after booking: settled by re-reading the invoice', async () => {
      const data = ossInvoice([{ name: 'Lampe', gross: 5990, rateBp: 2000 }], {
        paidAt: new Date().toISOString(),
        paymentMethod: 'cod',
      });
      const doc = await insertFinalizedDocument(h, shop.id, data);
      expect((await transfer(h, shop.id, doc.id))?.state).toBe('transferred');
      h.sandbox.setFaults('PUT /Invoice/*/bookAmount:500-after#1');
      expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      h.sandbox.setFaults('');
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({
        state: 'booked',
        checkAccountId: shop.checkAccounts.clearing,
        transactionId: null,
      });
      const invoice = invoicesOf(h, shop.token, data.orderNumber)[0]!;
      expect(invoice.status).toBe(1000);
      expect(bookingLogsOf('Invoice', invoice.id)).toHaveLength(1);
    });

    it('a full cancellation (cancellation invoice, settled by sevDesk) is recorded as already paid, no bookAmount', async () => {
      const data = ossInvoice([{ name: 'Lampe', gross: 5990, rateBp: 2000 }], { paidAt: new Date().toISOString() });
      const doc = await insertFinalizedDocument(h, shop.id, data);
      expect((await transfer(h, shop.id, doc.id))?.state).toBe('transferred');
      const st = await insertFinalizedDocument(
        h,
        shop.id,
        ossCancellation(data, { documentId: doc.id, number: doc.number }),
        {
          cancelsDocumentId: doc.id,
        },
      );
      expect((await transfer(h, shop.id, st.id))?.state).toBe('transferred');
      importTx(-5990, `Erstattung ${data.orderNumber}`);
      h.sandbox.resetCalls(shop.token);
      await bookDocument(h.ctx, st.id);
      await matchTransactions(h.ctx, shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, st.id))?.state).toBe('booked');
      expect((await findBooking(h.ctx.db, st.id))?.reason?.code).toBe('already_paid');
      expect(h.sandbox.calls(shop.token).routes['PUT /Invoice/{invoiceId}/bookAmount']).toBeUndefined();
    });
  });
}
