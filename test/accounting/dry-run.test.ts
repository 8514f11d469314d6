import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateAccountingSettings } from '../../src/app/accounting/accounting-settings.js';
import { availableAccounts } from '../../src/app/accounting/available-accounts.js';
import { type DryRunResult, dryRunTransfer } from '../../src/app/accounting/dry-run-transfer.js';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { buildProgram } from '../../src/cli/program.js';
import { findTransferOfDocument } from '../../src/db/repos/transfers.repo.js';
import type { ListeningSandbox } from '../../src/sandbox/create-sandbox.js';
import { authHeader } from '../booking/harness.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  type AccountingHarness,
  accountingShop,
  berlinMidnightEpoch,
  type ConnectedShop,
  createAccountingHarness,
  finalizedDoc,
  transferNow,
  voucherOf,
  writeCalls,
} from './harness.js';

// The dry run shows exactly what a transfer sends — contact, voucher, positions with accounts and rates, booking —
// and sends nothing (the sandbox's call counters do not move). A real run afterwards sends what it showed.

const company = {
  customerId: '901',
  company: 'Muster GmbH',
  email: 'einkauf@muster-gmbh.de',
  billing: {
    firstName: 'Erika',
    lastName: 'Muster',
    company: 'Muster GmbH',
    street: 'Industriestr. 5',
    zip: '50667',
    city: 'Köln',
    country: 'DE',
  },
};

const lines = [
  { name: 'Jacke', gross: 11900 },
  { name: 'Kurs', gross: 5950, productType: 'service' as const },
  { name: 'Versand', gross: 595, kind: 'shipping' as const },
  { name: 'Buch', gross: 1070, rateBp: 700 },
];

/** The dry run's body as sevDesk stores it: positions as (account id, rate bp, gross minor, comment). */
function expectedPositions(dry: DryRunResult) {
  return dry.positions.map((p) => ({
    accountDatev: Number(p.accountDatevId),
    taxRateBp: p.rateBp,
    sumGross: p.gross,
    comment: p.comment,
  }));
}

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`dry run (${engine})`, () => {
    let h: AccountingHarness;
    beforeAll(async () => {
      h = await createAccountingHarness(engine);
    });
    afterAll(async () => h?.close());

    const configured = async (extra: Record<string, unknown> = {}): Promise<ConnectedShop> => {
      const shop = await accountingShop(h, {
        revenueAccounts: { byProductType: { service: { '1:19': '4200' } }, shipping: { '1:19': '4700' } },
        voucher: { description: { invoice: '{invoiceNumber} · {customerName}' }, remark: true },
        contacts: { company: 'organisation_and_person' },
        ...extra,
      });
      const centre = (await availableAccounts(h.ctx, shop.shop.id)).costCentres[1]!.id;
      await updateAccountingSettings(h.ctx, shop.shop.id, { costCentre: { default: centre } });
      return shop;
    };

    it('sends nothing, and a real run then sends exactly what it showed', async () => {
      const shop = await configured();
      const doc = await finalizedDoc(h, shop, {
        lines,
        customer: company,
        paymentMethod: 'cod',
        paymentMethodTitle: 'Nachnahme',
        paidAt: '2026-03-10T08:00:00Z',
      });
      const callsBefore = h.sandbox.calls(shop.token).total;
      const dry = await dryRunTransfer(h.ctx, doc.id);
      // Not one sevDesk call: the static data was cached when connecting and saving the settings.
      expect(h.sandbox.calls(shop.token).total).toBe(callsBefore);
      expect(dry.calls).toEqual([]);
      expect(dry).toMatchObject({ ready: true, reason: null, target: 'voucher', shopDryRun: false });
      expect(dry.contact).toMatchObject({
        kind: 'customer',
        action: 'lookup_or_create',
        customerNumber: 'WC-901',
        createBody: { name: 'Muster GmbH', customerNumber: 'WC-901', category: { id: 3 } },
        person: {
          action: 'lookup_or_create',
          customerNumber: 'WC-901-P',
          createBody: { surename: 'Erika', familyname: 'Muster', parent: { id: null, objectName: 'Contact' } },
        },
      });
      expect(dry.positions.map((p) => [p.accountNumber, p.rateBp, p.gross, p.accountSources])).toEqual([
        ['4400', 1900, 11900, ['automatic']],
        ['4200', 1900, 5950, ['product_type']],
        ['4700', 1900, 595, ['shipping']],
        ['4300', 700, 1070, ['automatic']],
      ]);
      expect(dry.voucher).toMatchObject({
        voucherDate: '2026-03-10',
        voucherDateSource: 'invoice_date',
        taxRuleId: 1,
        costCentre: { name: 'Marktplätze', source: 'default' },
      });
      expect(dry.booking).toMatchObject({
        action: 'book',
        amount: doc.data.totals.gross,
        checkAccount: { id: shop.accounts.register, name: 'Kasse', type: 'register', source: 'payment_method' },
      });
      // A second look changes nothing either.
      await dryRunTransfer(h.ctx, doc.id);
      expect(h.sandbox.calls(shop.token).total).toBe(callsBefore);

      // The real run.
      expect((await transferNow(h, shop, doc.id)).state).toBe('transferred');
      const state = h.sandbox.dump(shop.token);
      const v = voucherOf(h, shop, doc.id);
      const body = dry.voucher!.body as { voucher: Record<string, unknown>; voucherPosSave: unknown[] };
      expect(v.description).toBe(dry.voucher!.description);
      expect(v.description).toBe(
        `${doc.number} · Muster GmbH · Bestellung ${doc.data.orderNumber} · Zahlart Nachnahme [BF:${doc.id}]`,
      );
      expect(v.voucherDate).toBe(berlinMidnightEpoch(dry.voucher!.voucherDate));
      expect(v.taxRule).toBe(dry.voucher!.taxRuleId);
      expect(v.costCentre).toBe(Number(dry.voucher!.costCentre!.id));
      expect(v.supplierName).toBe(body.voucher.supplierName);
      expect(v.sumGross).toBe(dry.voucher!.gross);
      expect(v.sumTax).toBe(dry.voucher!.tax);
      expect(v.positions.map((p) => ({ ...p }))).toMatchObject(expectedPositions(dry));
      expect(body.voucherPosSave).toHaveLength(v.positions.length);
      const org = state.contacts.find((c) => c.customerNumber === dry.contact!.customerNumber)!;
      expect(org).toMatchObject({ name: dry.contact!.createBody!.name, category: 3 });
      expect(v.supplier).toBe(org.id);
      const person = state.contacts.find((c) => c.customerNumber === dry.contact!.person!.customerNumber)!;
      expect(person).toMatchObject({ surename: 'Erika', familyname: 'Muster', parent: org.id });
      // The booking it announced.
      expect(await bookDocument(h.ctx, doc.id)).toBe('booked');
      const booked = h.sandbox.dump(shop.token).bookings;
      expect(booked).toHaveLength(1);
      expect(h.sandbox.dump(shop.token).vouchers.find((x) => x.id === v.id)?.status).toBe(1000);

      // Afterwards the dry run says it is done and would reuse the contact; still no call.
      const after = h.sandbox.calls(shop.token).total;
      const again = await dryRunTransfer(h.ctx, doc.id);
      expect(again).toMatchObject({
        ready: false,
        reason: { code: 'transferred' },
        contact: { action: 'reuse', contactId: String(org.id), person: { action: 'reuse' } },
        booking: { action: 'done' },
      });
      expect(h.sandbox.calls(shop.token).total).toBe(after);
    });

    it('a shop in dry-run mode prepares every transfer and sends nothing until it is switched off', async () => {
      const shop = await configured({ dryRun: true });
      const doc = await finalizedDoc(h, shop, { lines, paidAt: '2026-03-10T08:00:00Z' });
      const writes = writeCalls(h, shop);
      const out = await transferNow(h, shop, doc.id);
      expect(out).toMatchObject({ state: 'paused', message: { code: 'dry_run' } });
      expect(writeCalls(h, shop)).toBe(writes);
      expect(h.sandbox.dump(shop.token).vouchers).toHaveLength(0);
      expect(h.sandbox.dump(shop.token).contacts).toHaveLength(0);
      const dry = await dryRunTransfer(h.ctx, doc.id);
      expect(dry).toMatchObject({ shopDryRun: true, ready: false, reason: { code: 'dry_run' } });

      // Switching it off sends the held transfers back to the queue (same transaction as the settings change).
      await updateAccountingSettings(h.ctx, shop.shop.id, { dryRun: false });
      expect((await findTransferOfDocument(h.ctx.db, doc.id, 'sevdesk'))?.state).toBe('queued');
      expect((await transferNow(h, shop, doc.id)).state).toBe('transferred');
      expect(voucherOf(h, shop, doc.id).description).toBe(dry.voucher!.description);
      expect(voucherOf(h, shop, doc.id).positions).toMatchObject(expectedPositions(dry));
    });

    it('says why a document would not be sent, before anything is sent', async () => {
      const shop = await accountingShop(h, { revenueAccounts: { byTaxCase: { '1:19': '4400' } } });
      const storeBad = await h.db.db
        .selectFrom('shops')
        .select('settings')
        .where('id', '=', shop.shop.id)
        .executeTakeFirstOrThrow();
      // A choice stored before (or by hand) that sevDesk would refuse: the dry run names it, as the transfer would.
      const settings = JSON.parse(storeBad.settings);
      settings.sevdesk.revenueAccounts.byTaxCase = { '1:19': '4300' };
      await h.db.db
        .updateTable('shops')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', shop.shop.id)
        .execute();
      const doc = await finalizedDoc(h, shop, { lines: [{ name: 'Jacke', gross: 11900 }] });
      const dry = await dryRunTransfer(h.ctx, doc.id);
      expect(dry).toMatchObject({ ready: false, reason: { code: 'revenue_account_not_allowed' }, voucher: null });
      expect(dry.reason?.en).toMatch(/4300/);
      expect((await transferNow(h, shop, doc.id)).message?.code).toBe('revenue_account_not_allowed');
      // Choosing a fitting account sends the held transfer again.
      await updateAccountingSettings(h.ctx, shop.shop.id, { revenueAccounts: { byTaxCase: { '1:19': '4200' } } });
      expect((await findTransferOfDocument(h.ctx.db, doc.id, 'sevdesk'))?.state).toBe('queued');
      expect((await transferNow(h, shop, doc.id)).state).toBe('transferred');
    });

    it('GET …/documents/:id/dry-run answers the same; another shop’s document is not found', async () => {
      const shop = await configured();
      const other = await accountingShop(h);
      const doc = await finalizedDoc(h, shop, { lines });
      const res = await h.http.request(`/api/v1/shops/${shop.shop.id}/documents/${doc.id}/dry-run`, {
        headers: authHeader(shop),
      });
      expect(res.status).toBe(200);
      const json = (await res.json()) as DryRunResult;
      expect(json).toEqual(JSON.parse(JSON.stringify(await dryRunTransfer(h.ctx, doc.id))));
      const foreign = await h.http.request(`/api/v1/shops/${other.shop.id}/documents/${doc.id}/dry-run`, {
        headers: authHeader(other),
      });
      expect(foreign.status).toBe(404);
    });
  });
}

describe('belegfluss sync --dry-run (sqlite)', () => {
  let h: AccountingHarness;
  let listening: ListeningSandbox;
  beforeAll(async () => {
    h = await createAccountingHarness('sqlite');
    listening = await h.sandbox.listen(0);
  });
  afterAll(async () => {
    await listening?.close();
    await h?.close();
  });

  it('prints what would be sent, reads at most the static data, and writes nothing', async () => {
    const shop = await accountingShop(
      h,
      { revenueAccounts: { shipping: { '1:19': '4700' } } },
      {
        baseUrl: listening.apiUrl,
      },
    );
    const doc = await finalizedDoc(h, shop, { lines });
    const env = { BELEGFLUSS_SECRET_KEY: h.secretKey, BELEGFLUSS_QUEUE: 'embedded', BELEGFLUSS_LOG_LEVEL: 'silent' };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      out.push(args.join(' '));
    });
    const writes = writeCalls(h, shop);
    try {
      const run = async (...args: string[]) => {
        out.length = 0;
        await buildProgram().parseAsync(['node', 'belegfluss', ...args, '--database-url', h.db.url]);
        return out.join('\n');
      };
      const text = await run('sync', '--dry-run', doc.id);
      expect(text).toContain(`${doc.number} (${doc.id}) → sevDesk voucher: would be sent now`);
      expect(text).toMatch(/Contact: {3}look up WC-7, else create/);
      expect(text).toMatch(/4700 Erlösschmälerungen\s+19%\s+5\.95 EUR/);
      expect(text).toContain(`"description":"${doc.number} [BF:${doc.id}]"`);
      const json = JSON.parse(await run('sync', '--dry-run', '--json', doc.id)) as DryRunResult;
      expect(json.voucher?.description).toBe(`${doc.number} [BF:${doc.id}]`);
      expect(json.calls.every((c) => c.method === 'GET')).toBe(true);
      expect(await run('accounting', 'show', shop.shop.id)).toMatch(/shipping: 1:19 → 4700/);
      const set = await run(
        'accounting',
        'set',
        shop.shop.id,
        '--set',
        'revenueAccounts.byProductType.service.1:19=4200',
        '--set',
        'voucher.remark=true',
      );
      expect(set).toMatch(/service: 1:19 → 4200/);
      expect(set).toMatch(/shipping: 1:19 → 4700/);
      expect(set).toMatch(/remark on/);
      await expect(
        run('accounting', 'set', shop.shop.id, '--set', 'revenueAccounts.byTaxCase.1:19=4300'),
      ).rejects.toThrow(/revenueAccounts\.byTaxCase\.1:19: sevDesk refuses account 4300/);
      const accounts = await run('accounting', 'accounts', shop.shop.id);
      expect(accounts).toMatch(/4400\s+Erlöse 19 % USt\s+rule 1: 19%\s+→ tax cases 1:19/);
      expect(accounts).toMatch(/Onlineshop/);
      expect(writeCalls(h, shop)).toBe(writes);
    } finally {
      spy.mockRestore();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
