import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TAX_CASE_ORDERS } from './order-fixtures.js';

// For every tax case, through the JSON API: order → invoice (finalized, PDF stored) → partial cancellation by
// lines → partial cancellation by amount → full cancellation of what remains. Invoice and cancellations add up
// to zero per VAT rate, and the invoice reproduces the shop's totals to the cent.

type RateTotal = { rateBp: number; net: number; tax: number; gross: number };
const cents = (s: string) => Math.round(Number(s) * 100);

function sumByRate(docs: { totals: { byRate: RateTotal[] } }[]): Map<number, RateTotal> {
  const out = new Map<number, RateTotal>();
  for (const d of docs) {
    for (const r of d.totals.byRate) {
      const t = out.get(r.rateBp) ?? { rateBp: r.rateBp, net: 0, tax: 0, gross: 0 };
      out.set(r.rateBp, { rateBp: r.rateBp, net: t.net + r.net, tax: t.tax + r.tax, gross: t.gross + r.gross });
    }
  }
  return out;
}

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`documents per tax case (${engine})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(engine);
    });
    afterAll(async () => {
      await app?.close();
    });

    for (const c of TAX_CASE_ORDERS) {
      it(`${c.taxCase}: invoice, PDF, partial and full cancellation, to the cent`, async () => {
        const { shop, apiKey } = await app.createShop({ settings: c.settings as never });
        const base = `/api/v1/shops/${shop.id}`;
        const order = c.order('1001');
        const lines = order.lines as { id: string; quantity: string; net: string; tax: string; taxRate: string }[];
        const totals = order.totals as { total: string; totalTax: string };

        // Order → invoice, finalized automatically.
        const put = await app.call('PUT', `${base}/orders/1001`, { apiKey, body: order });
        expect(put.status, JSON.stringify(put.json)).toBe(201);
        expect(put.json.attention).toEqual([]);
        const finalized = put.json.documents.find((d: { action: string }) => d.action === 'finalized');
        expect(finalized).toMatchObject({ type: 'invoice', sourceKey: 'order:1001:invoice', number: 'RE-2026-00001' });
        const invoice = (await app.call('GET', `${base}/documents/${finalized.id}`, { apiKey })).json;
        expect(invoice.taxCase).toBe(c.taxCase);
        expect(invoice.status).toBe('finalized');
        expect(invoice.attentionReasons).toEqual([]);
        expect(invoice.totals.gross).toBe(cents(totals.total));
        expect(invoice.totals.tax).toBe(cents(totals.totalTax));
        for (const rate of invoice.totals.byRate as RateTotal[]) {
          const shopLines = lines.filter((l) => cents(l.taxRate) === rate.rateBp);
          expect(rate.net).toBe(shopLines.reduce((s, l) => s + cents(l.net), 0));
          expect(rate.tax).toBe(shopLines.reduce((s, l) => s + cents(l.tax), 0));
          expect(rate.gross).toBe(rate.net + rate.tax);
        }
        const pdf = await app.call('GET', `${base}/documents/${invoice.id}/pdf`, { apiKey });
        expect(pdf.status).toBe(200);
        expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
        const bytes = Buffer.from(await pdf.res.arrayBuffer());
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        const kinds = (invoice.files as { kind: string }[]).map((f) => f.kind).sort();
        const b2b = Boolean((order.customer as { vatId: string | null }).vatId);
        expect(kinds).toEqual(b2b ? ['facturx', 'pdf', 'xml'] : ['pdf']);
        if (b2b) {
          const xml = await app.call('GET', `${base}/documents/${invoice.id}/xml`, { apiKey });
          expect(await xml.res.text()).toContain(`<ram:ID>RE-2026-00001</ram:ID>`);
          const hybrid = await app.call('GET', `${base}/documents/${invoice.id}/facturx`, { apiKey });
          expect(hybrid.res.headers.get('content-type')).toBe('application/pdf');
          expect(Buffer.from(await hybrid.res.arrayBuffer()).includes('factur-x.xml')).toBe(true);
        }

        // Refund of one unit of line 1 → partial cancellation carrying that line with its own VAT.
        const first = lines[0]!;
        const unitGross = (cents(first.net) + cents(first.tax)) / Number(first.quantity);
        const byLine = await app.call('POST', `${base}/orders/1001/refunds`, {
          apiKey,
          body: {
            id: 'r1',
            amount: (unitGross / 100).toFixed(2),
            lines: [{ lineId: '1', quantity: '1', gross: (unitGross / 100).toFixed(2) }],
          },
        });
        expect(byLine.status, JSON.stringify(byLine.json)).toBe(201);
        const partial = byLine.json.documents.find((d: { action: string }) => d.action === 'finalized');
        expect(partial).toMatchObject({ type: 'cancellation', sourceKey: 'refund:r1', number: 'ST-2026-00001' });
        const p1 = (await app.call('GET', `${base}/documents/${partial.id}`, { apiKey })).json;
        expect(p1.cancelsDocumentId).toBe(invoice.id);
        expect(p1.lines).toHaveLength(1);
        expect(p1.lines[0]).toMatchObject({
          sourceLineId: '1',
          quantity: '-1',
          rateBp: cents(first.taxRate),
          gross: -unitGross,
        });
        expect(p1.splitByProportion).toBe(false);

        // Amount-only refund → split by proportion, marked (for B2B also a valid e-invoice credit note).
        const expected = 4;
        const byAmount = await app.call('POST', `${base}/orders/1001/refunds`, {
          apiKey,
          body: { id: 'r2', amount: '5.00' },
        });
        expect(byAmount.status).toBe(201);
        const p2doc = byAmount.json.documents.find((d: { action: string }) => d.action === 'finalized');
        expect(p2doc, JSON.stringify(byAmount.json)).toBeTruthy();
        const p2 = (await app.call('GET', `${base}/documents/${p2doc.id}`, { apiKey })).json;
        expect(p2.splitByProportion).toBe(true);
        expect(p2.totals.gross).toBe(-500);

        // The order is cancelled → the rest is cancelled, once.
        const cancelled = await app.call('PUT', `${base}/orders/1001`, {
          apiKey,
          body: { ...order, status: 'cancelled' },
        });
        expect(cancelled.status).toBe(200);
        const full = cancelled.json.documents.find((d: { action: string }) => d.action === 'finalized');
        expect(full).toMatchObject({
          type: 'cancellation',
          sourceKey: 'order:1001:cancellation',
          number: `ST-2026-0000${expected - 1}`,
        });
        const again = await app.call('PUT', `${base}/orders/1001`, { apiKey, body: { ...order, status: 'cancelled' } });
        expect(again.json).toMatchObject({ outcome: 'unchanged', documents: [] });

        const all = (await app.call('GET', `${base}/documents?limit=200`, { apiKey })).json.items as { id: string }[];
        expect(all).toHaveLength(expected);
        const docs = await Promise.all(
          all.map(async (d) => (await app.call('GET', `${base}/documents/${d.id}`, { apiKey })).json),
        );
        for (const d of docs) {
          expect(d.status).toBe('finalized');
          expect(d.files.map((f: { kind: string }) => f.kind)).toContain('pdf');
          // Every document's totals are the sums of its lines.
          expect(d.totals.gross).toBe(d.lines.reduce((s: number, l: RateTotal) => s + l.gross, 0));
        }
        for (const rate of sumByRate(docs).values())
          expect(rate).toEqual({ rateBp: rate.rateBp, net: 0, tax: 0, gross: 0 });
        const detail = (await app.call('GET', `${base}/documents/${invoice.id}`, { apiKey })).json;
        expect(detail.cancelledBy).toHaveLength(expected - 1);
      });
    }
  });
}
