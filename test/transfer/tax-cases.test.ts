import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { insertDocumentFile } from '../../src/db/repos/documents.repo.js';
import type { DocumentData, TaxCase } from '../../src/domain/documents/document.js';
import { hasMarker } from '../../src/domain/transfer/marker.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  cancellationOf,
  connectShop,
  createHarness,
  documentWith,
  type Harness,
  insertFinalizedDocument,
  insertShop,
  sampleDocumentData,
} from './harness.js';

// For every tax case: the voucher sevDesk stores has the case's rule, positions on validated revenue accounts,
// and a total and VAT per rate — as sevDesk computes them — equal to the document to the cent; PDF attached,
// contact linked. Cases sevDesk cannot take as vouchers are held, never sent with a wrong rule.

const customer = (over: Partial<DocumentData['customer']> = {}): DocumentData['customer'] => ({
  ...sampleDocumentData().customer,
  ...over,
});

const foreign = (country: string, over: Partial<DocumentData['customer']> = {}) =>
  customer({
    billing: { firstName: 'Jean', lastName: 'Client', street: 'Rue 1', zip: '75001', city: 'Paris', country },
    ...over,
  });

interface Case {
  name: string;
  taxCase: TaxCase;
  ruleId: number;
  data: DocumentData;
  /** Expected revenue account number (SKR04) per rate in basis points. */
  accounts: Record<number, string>;
}

const CASES: Case[] = [
  {
    name: 'domestic 19 % and 7 %, tax rounded per line (the 39.98 + 4.90 example)',
    taxCase: 'domestic',
    ruleId: 1,
    data: documentWith(
      [
        { name: 'Artikel A', gross: 3998, rateBp: 1900 },
        { name: 'Versand', gross: 490, rateBp: 1900, kind: 'shipping' },
        { name: 'Buch B', gross: 1070, rateBp: 700 },
      ],
      { taxCase: 'domestic' },
    ),
    accounts: { 1900: '4400', 700: '4300' },
  },
  {
    name: 'Kleinunternehmer §19',
    taxCase: 'small_business',
    ruleId: 11,
    data: documentWith([{ name: 'Handarbeit', gross: 5000, rateBp: 0 }], { taxCase: 'small_business' }),
    accounts: { 0: '4185' },
  },
  {
    name: 'EU B2B goods with VAT id',
    taxCase: 'eu_b2b_goods',
    ruleId: 3,
    data: documentWith([{ name: 'Maschine', gross: 120000, rateBp: 0 }], {
      taxCase: 'eu_b2b_goods',
      customer: foreign('FR', { company: 'Client SARL', vatId: 'FR12345678901' }),
    }),
    accounts: { 0: '4125' },
  },
  {
    name: 'export of goods',
    taxCase: 'export_goods',
    ruleId: 2,
    data: documentWith([{ name: 'Uhr', gross: 25000, rateBp: 0 }], {
      taxCase: 'export_goods',
      customer: foreign('CH'),
    }),
    accounts: { 0: '4120' },
  },
  {
    name: 'services to a non-EU customer',
    taxCase: 'export_services',
    ruleId: 17,
    data: documentWith([{ name: 'Beratung', gross: 9000, rateBp: 0 }], {
      taxCase: 'export_services',
      customer: foreign('US'),
    }),
    accounts: { 0: '4338' },
  },
];

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`voucher per tax case (${engine})`, () => {
    let h: Harness;
    let shopId: string;
    let token: string;
    beforeAll(async () => {
      h = await createHarness(engine);
      shopId = await insertShop(h);
      token = await connectShop(h, shopId);
    });
    afterAll(async () => h?.close());

    const transfer = async (documentId: string) => {
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId, reason: 'auto' });
      return runTransfer(h.ctx, transferId);
    };
    const voucherOf = (documentId: string) => {
      const all = h.sandbox.dump(token).vouchers.filter((v) => hasMarker(v.description, documentId));
      expect(all).toHaveLength(1);
      return all[0]!;
    };
    const accountNumber = (accountDatevId: number | null) =>
      h.sandbox.dump(token).receiptGuidance.find((g) => g.accountDatevId === accountDatevId)?.accountNumber;

    for (const c of CASES) {
      it(`${c.name}: rule ${c.ruleId}, VAT per rate to the cent, PDF and contact`, async () => {
        const doc = await insertFinalizedDocument(h, shopId, c.data);
        const out = await transfer(doc.id);
        expect(out?.state).toBe('transferred');
        const v = voucherOf(doc.id);
        expect(v.taxRule).toBe(c.ruleId);
        expect(v.creditDebit).toBe('D');
        expect(v.status).toBe(100);
        expect(v.description).toBe(`${doc.number} [BF:${doc.id}]`);
        expect(v.sumGross).toBe(c.data.totals.gross);
        expect(v.sumTax).toBe(c.data.totals.tax);
        for (const r of c.data.totals.byRate) {
          const at = v.positions.filter((p) => p.taxRateBp === r.rateBp);
          expect(at.reduce((s, p) => s + p.sumTax, 0)).toBe(r.tax);
          expect(at.reduce((s, p) => s + p.sumGross, 0)).toBe(r.gross);
          for (const p of at) expect(accountNumber(p.accountDatev)).toBe(c.accounts[r.rateBp]);
        }
        expect(v.file?.originMimeType).toBe('application/pdf');
        const contact = h.sandbox.dump(token).contacts.find((k) => k.id === v.supplier);
        expect(contact?.customerNumber).toBe(`WC-${c.data.customer.customerId}`);
        expect(contact?.category).toBe(3);
        expect(out?.voucherId).toBe(String(v.id));
      });
    }

    it('one position per rate would be a cent off: the plan splits positions so sevDesk derives 7.16', async () => {
      const doc = await insertFinalizedDocument(h, shopId, CASES[0]!.data);
      await transfer(doc.id);
      const at19 = voucherOf(doc.id).positions.filter((p) => p.taxRateBp === 1900);
      expect(at19.length).toBeGreaterThan(1);
      expect(at19.reduce((s, p) => s + p.sumTax, 0)).toBe(716);
    });

    it('a cancellation mirrors its invoice with negative amounts, its own PDF and a reference', async () => {
      const data = CASES[0]!.data;
      const invoice = await insertFinalizedDocument(h, shopId, data);
      expect((await transfer(invoice.id))?.state).toBe('transferred');
      const storno = await insertFinalizedDocument(
        h,
        shopId,
        cancellationOf(data, { documentId: invoice.id, number: invoice.number }),
        { cancelsDocumentId: invoice.id },
      );
      expect((await transfer(storno.id))?.state).toBe('transferred');
      const vi = voucherOf(invoice.id);
      const vc = voucherOf(storno.id);
      expect(vc.description).toBe(`${storno.number} Storno zu ${invoice.number} [BF:${storno.id}]`);
      expect(vc.sumGross).toBe(-vi.sumGross);
      expect(vc.sumTax).toBe(-vi.sumTax);
      expect(vc.taxRule).toBe(vi.taxRule);
      expect(vc.creditDebit).toBe('D');
      const perRate = (v: typeof vi) =>
        Object.fromEntries(
          [...new Set(v.positions.map((p) => p.taxRateBp))].map((r) => [
            r,
            v.positions.filter((p) => p.taxRateBp === r).reduce((s, p) => s + p.sumTax, 0),
          ]),
        );
      expect(perRate(vc)).toEqual(Object.fromEntries(Object.entries(perRate(vi)).map(([r, t]) => [r, -t])));
      expect(new Set(vc.positions.map((p) => p.accountDatev))).toEqual(
        new Set(vi.positions.map((p) => p.accountDatev)),
      );
      expect(vc.file?.contentHash).not.toBe(vi.file?.contentHash);
      expect(vc.supplier).toBe(vi.supplier);
    });

    for (const taxCase of ['eu_b2b_services', 'eu_b2c_oss'] as const) {
      it(`${taxCase} is held as "needs the invoice path", never sent with a wrong rule`, async () => {
        const data = documentWith([{ name: 'Service', gross: 12000, rateBp: taxCase === 'eu_b2c_oss' ? 2000 : 0 }], {
          taxCase,
          customer: foreign('FR'),
        });
        const doc = await insertFinalizedDocument(h, shopId, data);
        const before = h.sandbox.calls(token).total;
        const out = await transfer(doc.id);
        expect(out?.state).toBe('needs_attention');
        expect(out?.message?.code).toBe('needs_invoice_path');
        expect(out?.message?.de).toMatch(/nicht gesendet/);
        expect(h.sandbox.dump(token).vouchers.filter((v) => hasMarker(v.description, doc.id))).toHaveLength(0);
        expect(h.sandbox.calls(token).total).toBe(before); // decided before any call
      });
    }

    it('a document with attention reasons is never sent', async () => {
      const doc = await insertFinalizedDocument(
        h,
        shopId,
        sampleDocumentData({ attentionReasons: ['Steuersatz 16 % passt zu keinem Steuerfall'] }),
      );
      const out = await transfer(doc.id);
      expect(out?.state).toBe('needs_attention');
      expect(out?.message?.code).toBe('document_needs_attention');
    });

    it('without a stored PDF nothing is sent: permanent "PDF missing"', async () => {
      const doc = await insertFinalizedDocument(h, shopId, sampleDocumentData(), { pdf: false });
      const before = h.sandbox.calls(token).total;
      const out = await transfer(doc.id);
      expect(out?.state).toBe('failed');
      expect(out?.message?.code).toBe('pdf_missing');
      expect(h.sandbox.calls(token).total).toBe(before);
    });

    it('prefers the hybrid e-invoice PDF (facturx) when one is stored', async () => {
      const doc = await insertFinalizedDocument(h, shopId, sampleDocumentData());
      const hybrid = Buffer.from('%PDF-1.7\n% factur-x hybrid\n%%EOF\n', 'latin1');
      await insertDocumentFile(
        h.db.db,
        doc.id,
        { kind: 'facturx', contentType: 'application/pdf', content: hybrid },
        new Date().toISOString(),
      );
      await transfer(doc.id);
      expect(voucherOf(doc.id).file?.isEInvoice).toBe(true);
    });

    it('guests: one contact per order, or supplierName only', async () => {
      const guest = sampleDocumentData({ customer: customer({ customerId: null }), orderNumber: 'G-77' });
      const doc = await insertFinalizedDocument(h, shopId, guest);
      await transfer(doc.id);
      const v = voucherOf(doc.id);
      const contact = h.sandbox.dump(token).contacts.find((k) => k.id === v.supplier);
      expect(contact?.customerNumber).toBe('WC-Guest-G-77');

      const noGuests = await insertShop(h, { guestContacts: 'none' });
      const token2 = await connectShop(h, noGuests);
      const doc2 = await insertFinalizedDocument(h, noGuests, guest);
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, {
        shopId: noGuests,
        documentId: doc2.id,
        reason: 'auto',
      });
      expect((await runTransfer(h.ctx, transferId))?.state).toBe('transferred');
      const v2 = h.sandbox.dump(token2).vouchers[0]!;
      expect(v2.supplier).toBeNull();
      expect(v2.supplierName).toBe('Max Kunde');
      expect(h.sandbox.dump(token2).contacts).toHaveLength(0);
    });

    it('SKR03 accounts and a bookkeeping 1.0 account (taxType/accountingType)', async () => {
      const skr03 = await insertShop(h);
      const t03 = await connectShop(h, skr03, { chart: 'SKR03' });
      const doc = await insertFinalizedDocument(h, skr03, CASES[0]!.data);
      const r1 = await enqueueTransfer(h.db.db, h.ctx, { shopId: skr03, documentId: doc.id, reason: 'auto' });
      expect((await runTransfer(h.ctx, r1.transferId))?.state).toBe('transferred');
      const d03 = h.sandbox.dump(t03);
      const numbers = d03.vouchers[0]!.positions.map(
        (p) => d03.receiptGuidance.find((g) => g.accountDatevId === p.accountDatev)?.accountNumber,
      );
      expect(new Set(numbers)).toEqual(new Set(['8400', '8300']));

      const legacy = await insertShop(h);
      const t10 = await connectShop(h, legacy, { bookkeepingVersion: '1.0' });
      const doc10 = await insertFinalizedDocument(h, legacy, CASES[0]!.data);
      const r2 = await enqueueTransfer(h.db.db, h.ctx, { shopId: legacy, documentId: doc10.id, reason: 'auto' });
      expect((await runTransfer(h.ctx, r2.transferId))?.state).toBe('transferred');
      const v10 = h.sandbox.dump(t10).vouchers[0]!;
      expect(v10.taxType).toBe('default');
      expect(v10.positions.every((p) => p.accountingType === 26 && p.accountDatev === null)).toBe(true);
      expect(v10.sumTax).toBe(CASES[0]!.data.totals.tax);
    });

    it('a revenue account configured in the settings is validated against ReceiptGuidance before writing', async () => {
      const bad = await insertShop(h, { revenueAccounts: { '1:19': '4300' } });
      const tBad = await connectShop(h, bad);
      const doc = await insertFinalizedDocument(h, bad, sampleDocumentData());
      const before = h.sandbox.calls(tBad).total;
      const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId: bad, documentId: doc.id, reason: 'auto' });
      const out = await runTransfer(h.ctx, transferId);
      expect(out?.state).toBe('needs_attention');
      expect(out?.message?.code).toBe('revenue_account_not_allowed');
      expect(out?.message?.en).toMatch(/4300/);
      expect(h.sandbox.calls(tBad).total).toBe(before);
    });
  });
}
