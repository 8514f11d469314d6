import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bookDocument } from '../../src/app/booking/book-document.js';
import { matchTransactions } from '../../src/app/booking/match-transactions.js';
import { MATCH_TRANSACTIONS_QUEUE } from '../../src/app/booking/queues.js';
import { updateShopSettings } from '../../src/app/shops/update-shop-settings.js';
import { buildProgram } from '../../src/cli/program.js';
import { findBooking } from '../../src/db/repos/bookings.repo.js';
import type { ListeningSandbox } from '../../src/sandbox/create-sandbox.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import {
  authHeader,
  type BookingHarness,
  type ConnectedShop,
  connectedShop,
  createBookingHarness,
  createDocument,
  importTx,
  transactionOf,
  voucherStatus,
} from './harness.js';

/** The parts of API answers these tests read. */
interface ApiBody {
  error: { code: string; issues: { path: string }[] };
  reason: { de: string; en: string };
  candidates: { transactionId: string }[];
  items: { state: string }[];
  counts: Record<string, number>;
  paymentMethods: unknown[];
}

// The person's side: REST endpoints (booking state and candidates, pick a candidate, book by hand, payment methods)
// and `belegfluss booking status|link|manual` against a sandbox listening on a real port.

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`booking API and CLI (${engine})`, () => {
    let h: BookingHarness;
    let shop: ConnectedShop;
    let listening: ListeningSandbox;
    let order = 7000;
    const nextOrder = () => String(++order);

    beforeAll(async () => {
      h = await createBookingHarness(engine);
      listening = await h.sandbox.listen(0);
      // The stored base URL is reachable over HTTP (for the CLI); in-process calls use the sandbox's fetch.
      shop = await connectedShop(h, undefined, { baseUrl: listening.apiUrl });
    });
    afterAll(async () => {
      await listening?.close();
      await h?.close();
    });

    const api = (path: string, init: RequestInit = {}) =>
      h.http.request(`/api/v1/shops/${shop.shop.id}${path}`, {
        ...init,
        headers: { ...authHeader(shop), 'content-type': 'application/json', ...(init.headers ?? {}) },
      });

    it('GET …/booking shows state, reason and candidates; POST …/booking/link picks one', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 9900,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      const a = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 9900,
        purpose: `Bestellung ${no}`,
        valueDate: '2026-03-09T10:00:00Z',
      });
      const b = importTx(h, shop, {
        account: shop.accounts.bank,
        amount: 9900,
        purpose: `Best. ${no}`,
        valueDate: '2026-03-09T11:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });

      const res = await api(`/documents/${doc.id}/booking`);
      expect(res.status).toBe(200);
      const view = (await res.json()) as ApiBody;
      expect(view).toMatchObject({
        documentId: doc.id,
        state: 'ambiguous',
        amount: 9900,
        currency: 'EUR',
        searchKey: no,
        checkAccount: { id: shop.accounts.bank, type: 'online', name: 'Geschäftskonto' },
        actions: { link: true, manual: true },
      });
      expect(view.reason.de).toMatch(/2 offene Transaktionen/);
      expect(view.candidates.map((c) => c.transactionId).sort()).toEqual([a, b].sort());

      const bad = await api(`/documents/${doc.id}/booking/link`, {
        method: 'POST',
        body: JSON.stringify({ transactionId: 'x1' }),
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ApiBody).error.issues[0]?.path).toBe('transactionId');
      const extra = await api(`/documents/${doc.id}/booking/link`, {
        method: 'POST',
        body: JSON.stringify({ transactionId: a, foo: 1 }),
      });
      expect(extra.status).toBe(400);
      expect(await findBooking(h.ctx.db, doc.id)).toMatchObject({ state: 'ambiguous' });

      const linked = await api(`/documents/${doc.id}/booking/link`, {
        method: 'POST',
        body: JSON.stringify({ transactionId: Number(a) }),
      });
      expect(linked.status).toBe(200);
      expect(await linked.json()).toMatchObject({ state: 'linked', transactionId: a, origin: 'link', candidates: [] });
      expect(transactionOf(h, shop, a).status).toBe(400);

      const again = await api(`/documents/${doc.id}/booking/link`, {
        method: 'POST',
        body: JSON.stringify({ transactionId: b }),
      });
      expect(again.status).toBe(409);
      expect(((await again.json()) as ApiBody).error.code).toBe('already_booked');
    });

    it('POST …/booking/manual books onto the default offline account; an online default is refused', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 1990,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      expect((await findBooking(h.ctx.db, doc.id))?.state).toBe('waiting_for_payment');

      await updateShopSettings(h.ctx, shop.shop.id, { booking: { defaultCheckAccountId: shop.accounts.bank } });
      const refused = await api(`/documents/${doc.id}/booking/manual`, { method: 'POST' });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as ApiBody).error.code).toBe('online_needs_transaction');
      await updateShopSettings(h.ctx, shop.shop.id, { booking: { defaultCheckAccountId: shop.accounts.clearing } });

      const badDate = await api(`/documents/${doc.id}/booking/manual`, {
        method: 'POST',
        body: JSON.stringify({ date: '9.3.2026' }),
      });
      expect(badDate.status).toBe(400);
      expect(((await badDate.json()) as ApiBody).error.issues[0]?.path).toBe('date');

      const res = await api(`/documents/${doc.id}/booking/manual`, {
        method: 'POST',
        body: JSON.stringify({ date: '2026-03-11' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        state: 'manual',
        checkAccount: { id: shop.accounts.clearing, type: 'offline' },
      });
      expect(await voucherStatus(h, shop, doc.voucherId!)).toBe(1000);
      const log = h.sandbox.dump(shop.token).bookings.find((x) => String(x.object.id) === doc.voucherId);
      expect(log?.checkAccount).toBe(Number(shop.accounts.clearing));
    });

    it('lists bookings and payment methods; needs the shop’s API key', async () => {
      const list = await api('/bookings?state=linked,manual&limit=10');
      expect(list.status).toBe(200);
      const body = (await list.json()) as ApiBody;
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((i) => ['linked', 'manual'].includes(i.state))).toBe(true);
      expect(body.counts.linked).toBeGreaterThan(0);
      expect((await api('/bookings?state=nope')).status).toBe(400);

      const methods = await api('/booking/payment-methods');
      expect(methods.status).toBe(200);
      expect(((await methods.json()) as ApiBody).paymentMethods).toContainEqual(
        expect.objectContaining({ id: 'bacs', title: 'Überweisung', checkAccountId: shop.accounts.bank }),
      );

      const anonymous = await h.http.request(`/api/v1/shops/${shop.shop.id}/bookings`);
      expect(anonymous.status).toBe(401);
    });

    it('POST …/booking/recheck makes a waiting document due and asks for a match run', async () => {
      const no = nextOrder();
      const doc = await createDocument(h, shop, {
        orderNumber: no,
        gross: 2500,
        paymentMethod: 'bacs',
        paidAt: '2026-03-09T10:00:00Z',
      });
      await bookDocument(h.ctx, doc.id);
      await matchTransactions(h.ctx, shop.shop.id, { schedule: false });
      const res = await api(`/documents/${doc.id}/booking/recheck`, { method: 'POST' });
      expect(res.status).toBe(202);
      expect((await findBooking(h.ctx.db, doc.id))?.nextCheckAt).toBe(h.clock.now.getTime());
      expect(
        (await h.ctx.queue.list({ queue: MATCH_TRANSACTIONS_QUEUE, shopId: shop.shop.id, status: 'pending' })).length,
      ).toBeGreaterThan(0);
    });

    it('belegfluss booking status | link | manual', async () => {
      const env = { BELEGFLUSS_SECRET_KEY: h.secretKey, BELEGFLUSS_QUEUE: 'embedded', BELEGFLUSS_LOG_LEVEL: 'silent' };
      const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      const out: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        out.push(args.join(' '));
      });
      const cli = async (...args: string[]) => {
        out.length = 0;
        await buildProgram().parseAsync([
          'node',
          'belegfluss',
          'booking',
          ...args,
          '--shop',
          shop.shop.id,
          '--database-url',
          h.db.url,
        ]);
        return out.join('\n');
      };
      try {
        const no = nextOrder();
        const doc = await createDocument(h, shop, {
          orderNumber: no,
          gross: 4500,
          paymentMethod: 'bacs',
          paidAt: '2026-03-09T10:00:00Z',
        });
        const a = importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 4500,
          purpose: `Bestellung ${no}`,
          valueDate: '2026-03-09T10:00:00Z',
        });
        importTx(h, shop, {
          account: shop.accounts.bank,
          amount: 4500,
          purpose: `Rechnung zu ${no}`,
          valueDate: '2026-03-09T10:00:00Z',
        });
        await bookDocument(h.ctx, doc.id);
        await matchTransactions(h.ctx, shop.shop.id, { schedule: false });

        const status = await cli('status', doc.id);
        expect(status).toMatch(/State:\s+ambiguous/);
        expect(status).toMatch(/Candidates:/);
        expect(status).toContain(a);
        expect(await cli('status', doc.id, '--lang', 'de')).toMatch(/2 offene Transaktionen/);

        const linked = await cli('link', doc.id, a);
        expect(linked).toMatch(/State:\s+linked/);
        expect(transactionOf(h, shop, a).status).toBe(400);

        const other = await createDocument(h, shop, {
          orderNumber: nextOrder(),
          gross: 700,
          paymentMethod: 'bacs',
          paidAt: '2026-03-09T10:00:00Z',
        });
        const manual = JSON.parse(await cli('manual', other.id, '--json'));
        expect(manual).toMatchObject({ state: 'manual', checkAccount: { id: shop.accounts.clearing } });

        expect(await cli('payment-methods')).toMatch(/bacs\s+Überweisung/);
        expect(await cli('list', '--state', 'manual')).toContain(other.id);
      } finally {
        spy.mockRestore();
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    });
  });
}
