import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { findTransferOfDocument, listAttempts } from '../../src/db/repos/transfers.repo.js';
import { hasMarker } from '../../src/domain/transfer/marker.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createHarness, type Harness, insertFinalizedDocument } from '../transfer/harness.js';
import {
  byRateOf,
  creditNotesOf,
  insertOssShop,
  invoicesOf,
  type OssShop,
  ossCancellation,
  ossInvoice,
  perRate,
  transfer,
} from './harness.js';

// OSS documents of an OSS-registered shop become sevDesk invoices (rules 18/19/20) under the shop's own number,
// opened with sendBy, equal to the document to the cent per rate; cancellations become cancelInvoice (full) or an
// UNDERACHIEVEMENT credit note (partial). Anything that cannot be one correct invoice is held, never sent.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`OSS invoice path (${engine})`, () => {
    let h: Harness;
    let shop: OssShop;
    beforeAll(async () => {
      h = await createHarness(engine);
      shop = await insertOssShop(h);
    });
    afterAll(async () => h?.close());

    const sevUser = () => h.sandbox.account(shop.token).sevUserId;

    async function transferInvoice(data: ReturnType<typeof ossInvoice>, s: OssShop = shop) {
      const doc = await insertFinalizedDocument(h, s.id, data);
      const out = await transfer(h, s.id, doc.id);
      return { doc, out, invoices: invoicesOf(h, s.token, data.orderNumber) };
    }

    it('goods to France at 20 %: rule 18, the shop’s number, the order reference, opened without a number of sevDesk', async () => {
      const data = ossInvoice([
        { name: 'Regenjacke', gross: 11990, rateBp: 2000 },
        { name: 'Tasse', gross: 3998, rateBp: 2000, quantity: '2' },
        { name: 'Versand', gross: 590, rateBp: 2000, kind: 'shipping' },
      ]);
      const { doc, out, invoices } = await transferInvoice(data);
      expect(out?.state).toBe('transferred');
      expect(invoices).toHaveLength(1);
      const inv = invoices[0]!;
      expect(out?.voucherId).toBe(`Invoice:${inv.id}`);
      expect(inv).toMatchObject({
        number: doc.number,
        documentType: 'RE',
        status: 200,
        taxRule: 18,
        deliveryAddressCountry: 'fr',
        addressCountry: 12,
        contactPerson: sevUser(),
        currency: 'EUR',
        customerInternalNote: data.orderNumber,
        sendType: 'VPDF',
        propertyIsEInvoice: false,
      });
      expect(inv.enshrined).not.toBeNull();
      expect(inv.address).toBe('Jeanne Dupont\nRue de Rivoli 1\n75001 Paris\nFrankreich');
      expect(inv.footText).toContain(doc.number);
      expect(hasMarker(inv.footText, doc.id)).toBe(true);
      expect([inv.sumNet, inv.sumTax, inv.sumGross]).toEqual([data.totals.net, data.totals.tax, data.totals.gross]);
      expect(perRate(inv.positions)).toEqual(byRateOf(data));
      expect(inv.positions.map((p) => [p.name, p.quantity, p.unity])).toEqual([
        ['Regenjacke', 1, 1],
        ['Tasse', 2, 1],
        ['Versand', 1, 1],
      ]);
      // The contact: the customer, with the invoice carrying the address itself.
      const contact = h.sandbox.dump(shop.token).contacts.find((c) => c.id === inv.contact);
      expect(contact?.customerNumber).toBe('WC-31');
      // The log says the shop's PDF stays the legal document and where it is referenced.
      expect(out?.message?.en).toMatch(/shop’s PDF \(RE-2026-\d+\) remains the legal document/);
      const [attempt] = await listAttempts(h.db.db, doc.id);
      expect(attempt?.outcome).toBe('transferred');
      expect(attempt?.detail).toMatchObject({
        path: 'invoice',
        pdf: { attached: false, reference: 'footText', document: doc.number },
        oss: { rule: 18, destination: 'FR', ratesAsOf: '2026-01-01' },
        sent: { number: doc.number, reference: data.orderNumber, taxRule: '18', deliveryAddressCountry: 'fr' },
      });
      expect(JSON.stringify(attempt?.detail)).not.toContain('Rivoli'); // no address in the log
      const t = await findTransferOfDocument(h.db.db, doc.id, 'sevdesk');
      expect(t?.checkpoint).toMatchObject({ path: 'invoice', opened: true });
    });

    it('a mixed-rate order (FR 20 % and 5.5 %) reproduces the VAT of each rate to the cent', async () => {
      const data = ossInvoice([
        { name: 'Roman', gross: 2290, rateBp: 550 },
        { name: 'Kochbuch', gross: 3495, rateBp: 550 },
        { name: 'Lesezeichen', gross: 399, rateBp: 2000 },
        { name: 'Versand', gross: 490, rateBp: 2000, kind: 'shipping' },
      ]);
      const { out, invoices } = await transferInvoice(data);
      expect(out?.state).toBe('transferred');
      const inv = invoices[0]!;
      expect(new Set(inv.positions.map((p) => p.taxRateBp))).toEqual(new Set([2000, 550]));
      expect(perRate(inv.positions)).toEqual(byRateOf(data));
      expect(inv.sumTax).toBe(data.totals.tax);
    });

    it('an electronic service (productType digital) is rule 19, taxed where the customer is billed (AT 20 %)', async () => {
      const data = ossInvoice([{ name: 'E-Book-Abo', gross: 1199, rateBp: 2000, productType: 'digital' }], {
        country: 'AT',
      });
      const { out, invoices } = await transferInvoice(data);
      expect(out?.state).toBe('transferred');
      expect(invoices[0]).toMatchObject({ taxRule: 19, deliveryAddressCountry: 'at', addressCountry: 2 });
      expect(invoices[0]!.sumTax).toBe(data.totals.tax);
    });

    it('another service (productType service) is rule 20 (IT 22 %)', async () => {
      const data = ossInvoice(
        [{ name: 'Online-Kurs mit Betreuung', gross: 24400, rateBp: 2200, productType: 'service' }],
        {
          country: 'IT',
        },
      );
      const { out, invoices } = await transferInvoice(data);
      expect(out?.state).toBe('transferred');
      expect(invoices[0]).toMatchObject({ taxRule: 20, deliveryAddressCountry: 'it', sumTax: data.totals.tax });
    });

    it('a partial cancellation becomes an UNDERACHIEVEMENT credit note with the invoice’s rates', async () => {
      const data = ossInvoice([
        { name: 'Roman', gross: 2290, rateBp: 550 },
        { name: 'Lampe', gross: 5990, rateBp: 2000 },
      ]);
      const { doc, invoices } = await transferInvoice(data);
      const inv = invoices[0]!;
      const partial = ossCancellation(data, { documentId: doc.id, number: doc.number }, { lines: [1] });
      const st = await insertFinalizedDocument(h, shop.id, partial, { cancelsDocumentId: doc.id });
      const out = await transfer(h, shop.id, st.id);
      expect(out?.state).toBe('transferred');
      const notes = creditNotesOf(h, shop.token, st.number);
      expect(notes).toHaveLength(1);
      const cn = notes[0]!;
      expect(out?.voucherId).toBe(`CreditNote:${cn.id}`);
      expect(cn).toMatchObject({
        bookingCategory: 'UNDERACHIEVEMENT',
        refSrcInvoice: inv.id,
        taxRule: 18,
        status: 200,
        contact: inv.contact,
        customerInternalNote: data.orderNumber,
        sumGross: 5990,
      });
      expect(perRate(cn.positions)).toEqual(byRateOf(partial, -1));
      // The invoice itself is untouched.
      expect(invoicesOf(h, shop.token, data.orderNumber).find((i) => i.id === inv.id)?.status).toBe(200);
    });

    it('a full cancellation is sevDesk’s cancelInvoice: the cancellation invoice mirrors the document', async () => {
      const data = ossInvoice([
        { name: 'Roman', gross: 2290, rateBp: 550 },
        { name: 'Lampe', gross: 5990, rateBp: 2000 },
      ]);
      const { doc, invoices } = await transferInvoice(data);
      const full = ossCancellation(data, { documentId: doc.id, number: doc.number });
      const st = await insertFinalizedDocument(h, shop.id, full, { cancelsDocumentId: doc.id });
      const before = h.sandbox.calls(shop.token).routes['POST /Invoice/{invoiceId}/cancelInvoice'] ?? 0;
      const out = await transfer(h, shop.id, st.id);
      expect(out?.state).toBe('transferred');
      expect(h.sandbox.calls(shop.token).routes['POST /Invoice/{invoiceId}/cancelInvoice']).toBe(before + 1);
      const all = invoicesOf(h, shop.token, data.orderNumber);
      const sr = all.find((i) => i.documentType === 'SR')!;
      expect(sr.origin).toEqual({ objectName: 'Invoice', id: invoices[0]!.id });
      expect(out?.voucherId).toBe(`Invoice:${sr.id}`);
      expect(perRate(sr.positions)).toEqual(byRateOf(full));
      expect(sr.sumGross).toBe(full.totals.gross);
      expect(all.find((i) => i.id === invoices[0]!.id)?.cancelledBy).toBe(sr.id);
      expect(creditNotesOf(h, shop.token, st.number)).toHaveLength(0);
    });

    it('the rest after a partial cancellation is a credit note (never cancelInvoice over a credit note)', async () => {
      const data = ossInvoice([
        { name: 'Roman', gross: 2290, rateBp: 550 },
        { name: 'Lampe', gross: 5990, rateBp: 2000 },
      ]);
      const { doc } = await transferInvoice(data);
      const ref = { documentId: doc.id, number: doc.number };
      const p1 = await insertFinalizedDocument(h, shop.id, ossCancellation(data, ref, { lines: [0] }), {
        cancelsDocumentId: doc.id,
      });
      expect((await transfer(h, shop.id, p1.id))?.state).toBe('transferred');
      const rest = ossCancellation(data, ref, { lines: [1], full: true });
      const p2 = await insertFinalizedDocument(h, shop.id, rest, { cancelsDocumentId: doc.id });
      const out = await transfer(h, shop.id, p2.id);
      expect(out?.state).toBe('transferred');
      expect(creditNotesOf(h, shop.token, p2.number)[0]?.sumGross).toBe(5990);
      expect(invoicesOf(h, shop.token, data.orderNumber).filter((i) => i.documentType === 'SR')).toHaveLength(0);
    });

    it('a full cancellation of a partly paid invoice (390 inside HTTP 200) becomes a credit note', async () => {
      const data = ossInvoice([{ name: 'Sofa', gross: 60000, rateBp: 2000 }]);
      const { doc, invoices } = await transferInvoice(data);
      const clearing = Number(shop.checkAccounts.clearing);
      const paid = await h.sandbox.fetch(`http://sandbox.test/api/v1/Invoice/${invoices[0]!.id}/bookAmount`, {
        method: 'PUT',
        headers: { authorization: shop.token, 'content-type': 'application/json' },
        body: JSON.stringify({
          amount: 100,
          date: Math.floor(Date.now() / 1000),
          type: 'N',
          checkAccount: { id: clearing, objectName: 'CheckAccount' },
        }),
      });
      expect(paid.status).toBe(200);
      const st = await insertFinalizedDocument(
        h,
        shop.id,
        ossCancellation(data, { documentId: doc.id, number: doc.number }),
        {
          cancelsDocumentId: doc.id,
        },
      );
      const out = await transfer(h, shop.id, st.id);
      expect(out?.state).toBe('transferred');
      expect(out?.voucherId).toMatch(/^CreditNote:/);
      expect(creditNotesOf(h, shop.token, st.number)[0]).toMatchObject({
        sumGross: 60000,
        refSrcInvoice: invoices[0]!.id,
      });
      const [attempt] = await listAttempts(h.db.db, st.id);
      expect(attempt?.detail.fallback).toMatch(/partly paid \(390\)/);
    });

    it('a credit note made by hand: cancelInvoice is refused (170), the credit note instead exceeds the invoice (455)', async () => {
      const data = ossInvoice([{ name: 'Tisch', gross: 24000, rateBp: 2000 }]);
      const { doc, invoices } = await transferInvoice(data);
      const inv = invoices[0]!;
      const byHand = await h.sandbox.fetch('http://sandbox.test/api/v1/CreditNote/Factory/saveCreditNote', {
        method: 'POST',
        headers: { authorization: shop.token, 'content-type': 'application/json' },
        body: JSON.stringify({
          creditNote: {
            objectName: 'CreditNote',
            mapAll: true,
            creditNoteNumber: 'GU-HAND-1',
            contact: { id: inv.contact, objectName: 'Contact' },
            contactPerson: { id: sevUser(), objectName: 'SevUser' },
            creditNoteDate: '27.11.2026',
            status: 100,
            header: 'Kulanz',
            addressCountry: { id: 12, objectName: 'StaticCountry' },
            deliveryAddressCountry: 'fr',
            taxRule: { id: '18', objectName: 'TaxRule' },
            taxRate: 0,
            taxText: 'TVA',
            bookingCategory: 'UNDERACHIEVEMENT',
            refSrcInvoice: { id: inv.id, objectName: 'Invoice' },
            currency: 'EUR',
            showNet: false,
          },
          creditNotePosSave: [
            {
              objectName: 'CreditNotePos',
              mapAll: true,
              quantity: 1,
              price: 12,
              unity: { id: 1, objectName: 'Unity' },
              taxRate: 20,
            },
          ],
          creditNotePosDelete: null,
        }),
      });
      expect(byHand.status).toBe(201);
      const st = await insertFinalizedDocument(
        h,
        shop.id,
        ossCancellation(data, { documentId: doc.id, number: doc.number }),
        {
          cancelsDocumentId: doc.id,
        },
      );
      const out = await transfer(h, shop.id, st.id);
      expect(out).toMatchObject({ state: 'failed', message: { code: 'oss_credit_exceeds_invoice' } });
      expect(out?.message?.de).toMatch(/Gutschriften würden die Rechnung übersteigen/);
      const [attempt] = await listAttempts(h.db.db, st.id);
      expect(attempt?.detail.fallback).toMatch(/credit note exists \(170\)/);
      expect(invoicesOf(h, shop.token, data.orderNumber).filter((i) => i.documentType === 'SR')).toHaveLength(0);
      expect(creditNotesOf(h, shop.token, st.number)).toHaveLength(0);
    });

    it('guests get a contact per order even when the shop sends vouchers without contacts', async () => {
      const noGuests = await insertOssShop(h, { sevdesk: { guestContacts: 'none' } });
      const data = ossInvoice([{ name: 'Schal', gross: 3600, rateBp: 2000 }]);
      data.customer.customerId = null;
      const { out, invoices } = await transferInvoice(data, noGuests);
      expect(out?.state).toBe('transferred');
      const contact = h.sandbox.dump(noGuests.token).contacts.find((c) => c.id === invoices[0]!.contact);
      expect(contact?.customerNumber).toBe(`WC-Guest-${data.orderNumber}`);
    });

    it('an invoice cancelled by hand in sevDesk (421) is adopted, found through the contact’s invoices', async () => {
      const data = ossInvoice([{ name: 'Stuhl', gross: 12000, rateBp: 2000 }]);
      const { doc, invoices } = await transferInvoice(data);
      const manual = await h.sandbox.fetch(`http://sandbox.test/api/v1/Invoice/${invoices[0]!.id}/cancelInvoice`, {
        method: 'POST',
        headers: { authorization: shop.token },
      });
      expect(manual.status).toBe(201);
      // A cancellation whose reference differs from the invoice's: the reference search cannot find the SR.
      const full = {
        ...ossCancellation(data, { documentId: doc.id, number: doc.number }),
        orderNumber: `${data.orderNumber}-S`,
      };
      const st = await insertFinalizedDocument(h, shop.id, full, { cancelsDocumentId: doc.id });
      const out = await transfer(h, shop.id, st.id);
      expect(out?.state).toBe('transferred');
      const srs = invoicesOf(h, shop.token, data.orderNumber).filter((i) => i.documentType === 'SR');
      expect(srs).toHaveLength(1);
      expect(out?.voucherId).toBe(`Invoice:${srs[0]!.id}`);
    });

    it('a cancellation waits for its invoice; one whose invoice never became a sevDesk invoice needs attention', async () => {
      const data = ossInvoice([{ name: 'Stuhl', gross: 12000, rateBp: 2000 }]);
      const inv = await insertFinalizedDocument(h, shop.id, data);
      const st = await insertFinalizedDocument(
        h,
        shop.id,
        ossCancellation(data, { documentId: inv.id, number: inv.number }),
        {
          cancelsDocumentId: inv.id,
        },
      );
      const out = await transfer(h, shop.id, st.id);
      expect(out).toMatchObject({ state: 'needs_attention', message: { code: 'oss_origin_not_transferred' } });
      // The invoice is queued: the cancellation is retried later instead of being held.
      await enqueueTransfer(h.db.db, h.ctx, { shopId: shop.id, documentId: inv.id, reason: 'auto' });
      await expect(transfer(h, shop.id, st.id)).rejects.toMatchObject({ code: 'oss_origin_not_transferred' });
      expect((await transfer(h, shop.id, inv.id))?.state).toBe('transferred');
      expect((await transfer(h, shop.id, st.id))?.state).toBe('transferred');
    });

    it('a rate the destination does not have is flagged, not sent (German 19 % on an order to France)', async () => {
      const data = ossInvoice([{ name: 'Jacke', gross: 11900, rateBp: 1900 }]);
      const doc = await insertFinalizedDocument(h, shop.id, data);
      const before = h.sandbox.calls(shop.token).total;
      const out = await transfer(h, shop.id, doc.id);
      expect(out).toMatchObject({ state: 'needs_attention', message: { code: 'oss_rate_not_in_destination' } });
      expect(out?.message?.en).toMatch(/19% VAT, a rate France does not have .* EU rate table as of 2026-01-01/);
      expect(h.sandbox.calls(shop.token).total).toBe(before);
      expect(invoicesOf(h, shop.token, data.orderNumber)).toHaveLength(0);
    });

    it('goods and an electronic service in one order cannot be one invoice: held with the reason', async () => {
      const data = ossInvoice([
        { name: 'Buch', gross: 2110, rateBp: 550 },
        { name: 'E-Book', gross: 1200, rateBp: 2000, productType: 'digital' },
      ]);
      const doc = await insertFinalizedDocument(h, shop.id, data);
      const out = await transfer(h, shop.id, doc.id);
      expect(out).toMatchObject({ state: 'needs_attention', message: { code: 'oss_mixed_supplies' } });
      expect(out?.message?.de).toMatch(/Waren \(Regel 18\) und elektronische Dienstleistungen \(Regel 19\)/);
      expect(invoicesOf(h, shop.token, data.orderNumber)).toHaveLength(0);
    });

    it('a shop that is not OSS-registered sends its EU consumer order as a voucher with German VAT', async () => {
      const plain = await insertOssShop(h, { ossRegistered: false });
      const data = ossInvoice([{ name: 'Jacke', gross: 11900, rateBp: 1900 }], { taxCase: 'domestic' });
      const doc = await insertFinalizedDocument(h, plain.id, data);
      const out = await transfer(h, plain.id, doc.id);
      expect(out?.state).toBe('transferred');
      const dump = h.sandbox.dump(plain.token);
      expect(dump.invoices).toHaveLength(0);
      const v = dump.vouchers.find((x) => hasMarker(x.description, doc.id))!;
      expect(v).toMatchObject({ taxRule: 1, sumGross: 11900, sumTax: 1900 });
      expect(out?.voucherId).toBe(String(v.id));
      // An OSS document of a shop that is not registered is never turned into an invoice either.
      const oss = await insertFinalizedDocument(
        h,
        plain.id,
        ossInvoice([{ name: 'Jacke', gross: 12000, rateBp: 2000 }]),
      );
      expect((await transfer(h, plain.id, oss.id))?.message?.code).toBe('needs_invoice_path');
      expect(h.sandbox.dump(plain.token).invoices).toHaveLength(0);
    });

    it('an OSS shop’s domestic order still goes as a voucher', async () => {
      const data = ossInvoice([{ name: 'Jacke', gross: 11900, rateBp: 1900 }], { taxCase: 'domestic', country: 'DE' });
      const doc = await insertFinalizedDocument(h, shop.id, data);
      const out = await transfer(h, shop.id, doc.id);
      expect(out?.state).toBe('transferred');
      expect(out?.voucherId).toMatch(/^\d+$/);
      expect(invoicesOf(h, shop.token, data.orderNumber)).toHaveLength(0);
    });

    it('a bookkeeping 1.0 account has no OSS rules: held', async () => {
      const legacy = await insertOssShop(h, { account: { bookkeepingVersion: '1.0' } });
      const doc = await insertFinalizedDocument(h, legacy.id, ossInvoice([{ name: 'x', gross: 1200, rateBp: 2000 }]));
      expect((await transfer(h, legacy.id, doc.id))?.message?.code).toBe('oss_needs_bookkeeping_2');
    });

    it('a transferred invoice is not sent again; a manual re-check only reads it', async () => {
      const data = ossInvoice([{ name: 'Vase', gross: 4800, rateBp: 2000 }]);
      const { doc } = await transferInvoice(data);
      h.sandbox.resetCalls(shop.token);
      expect((await transfer(h, shop.id, doc.id))?.state).toBe('transferred');
      expect(h.sandbox.calls(shop.token).total).toBe(0);
      const again = await transfer(h, shop.id, doc.id, 'manual');
      expect(again?.state).toBe('transferred');
      expect(h.sandbox.calls(shop.token).routes).toEqual({ 'GET /Invoice/{invoiceId}': 1 });
      expect(invoicesOf(h, shop.token, data.orderNumber)).toHaveLength(1);
    });

    it('sevDesk calls per OSS invoice: 3 for a returning customer (search, saveInvoice, sendBy)', async () => {
      const first = ossInvoice([{ name: 'Kerze', gross: 1500, rateBp: 2000 }]);
      const fresh = await insertOssShop(h);
      h.sandbox.resetCalls(fresh.token);
      await transferInvoice(first, fresh);
      const newCustomer = h.sandbox.calls(fresh.token);
      h.sandbox.resetCalls(fresh.token);
      await transferInvoice(ossInvoice([{ name: 'Kerze', gross: 1500, rateBp: 2000 }]), fresh);
      const returning = h.sandbox.calls(fresh.token);
      expect(returning.routes).toEqual({
        'GET /Invoice': 1,
        'POST /Invoice/Factory/saveInvoice': 1,
        'PUT /Invoice/{invoiceId}/sendBy': 1,
      });
      h.sandbox.resetCalls(fresh.token);
      const data = ossInvoice([
        { name: 'Kerze', gross: 1500, rateBp: 2000 },
        { name: 'Docht', gross: 300, rateBp: 2000 },
      ]);
      const { doc } = await transferInvoice(data, fresh);
      const invoiceCalls = h.sandbox.calls(fresh.token).total;
      h.sandbox.resetCalls(fresh.token);
      const st = await insertFinalizedDocument(
        h,
        fresh.id,
        ossCancellation(data, { documentId: doc.id, number: doc.number }, { lines: [1] }),
        {
          cancelsDocumentId: doc.id,
        },
      );
      await transfer(h, fresh.id, st.id);
      const creditNote = h.sandbox.calls(fresh.token);
      h.sandbox.resetCalls(fresh.token);
      const data2 = ossInvoice([{ name: 'Kerze', gross: 1500, rateBp: 2000 }]);
      const second = await transferInvoice(data2, fresh);
      h.sandbox.resetCalls(fresh.token);
      const st2 = await insertFinalizedDocument(
        h,
        fresh.id,
        ossCancellation(data2, { documentId: second.doc.id, number: second.doc.number }),
        {
          cancelsDocumentId: second.doc.id,
        },
      );
      await transfer(h, fresh.id, st2.id);
      const cancel = h.sandbox.calls(fresh.token);
      expect(creditNote.routes).toEqual({
        'GET /CreditNote': 1,
        'POST /CreditNote/Factory/saveCreditNote': 1,
        'PUT /CreditNote/{creditNoteId}/sendBy': 1,
      });
      expect(cancel.routes).toEqual({
        'GET /Invoice': 1,
        'POST /Invoice/{invoiceId}/cancelInvoice': 1,
        'GET /InvoicePos': 1,
      });
      console.log(
        `[oss calls ${engine}] invoice, new customer: ${newCustomer.total} ${JSON.stringify(newCustomer.routes)}; ` +
          `returning customer: ${returning.total}; second invoice: ${invoiceCalls}; ` +
          `partial cancellation (credit note): ${creditNote.total}; full cancellation (cancelInvoice): ${cancel.total}`,
      );
    });
  });
}
