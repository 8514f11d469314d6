import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizeDraft } from '../../src/app/documents/finalize-draft.js';
import { ingestOrder } from '../../src/app/ingest/ingest-order.js';
import { isImmutableViolation } from '../../src/db/dialect.js';
import { findDocument, markFinalized } from '../../src/db/repos/documents.repo.js';
import { parseOrderInput } from '../../src/domain/orders/order-from-input.js';
import { runChild } from '../support/child-process.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { testSeller } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { orderJson, TAX_CASE_ORDERS } from './order-fixtures.js';

const domestic = TAX_CASE_ORDERS[0]!.order;
const b2b = TAX_CASE_ORDERS[2]!.order;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`finalization (${engine})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(engine);
    });
    afterAll(async () => {
      await app?.close();
    });

    async function draftShop(settings: Record<string, unknown> = {}, seller?: Record<string, unknown>) {
      const created = await app.createShop({
        settings: { documents: { autoFinalize: false }, ...settings } as never,
        ...(seller ? { seller } : {}),
      });
      return { ...created, base: `/api/v1/shops/${created.shop.id}` };
    }

    it('leaves drafts when autoFinalize is off; the API finalizes them once, then issues waiting cancellations', async () => {
      const { apiKey, base } = await draftShop();
      const put = await app.call('PUT', `${base}/orders/5`, { apiKey, body: domestic('5') });
      expect(put.json.documents).toEqual([
        expect.objectContaining({ type: 'invoice', action: 'created', number: null }),
      ]);
      const id = put.json.documents[0].id;
      const draft = (await app.call('GET', `${base}/documents/${id}`, { apiKey })).json;
      expect(draft).toMatchObject({ status: 'draft', number: null, issueDate: null, files: [] });
      expect((await app.call('GET', `${base}/documents/${id}/pdf`, { apiKey })).status).toBe(404);

      // A refund while the invoice is a draft waits for it.
      const refund = await app.call('POST', `${base}/orders/5/refunds`, {
        apiKey,
        body: { id: 'w1', amount: '10.00' },
      });
      expect(refund.json.documents).toEqual([]);
      expect(refund.json.attention.join(' ')).toMatch(/wait until invoice draft/);

      const fin = await app.call('POST', `${base}/documents/${id}/finalize`, { apiKey });
      expect(fin.status, JSON.stringify(fin.json)).toBe(200);
      expect(fin.json.document).toMatchObject({ status: 'finalized', number: 'RE-2026-00001' });
      expect(fin.json.document.files.map((f: { kind: string }) => f.kind)).toEqual(['pdf']);
      expect(fin.json.followUps).toEqual([
        expect.objectContaining({ type: 'cancellation', sourceKey: 'refund:w1', action: 'created' }),
      ]);
      const again = await app.call('POST', `${base}/documents/${id}/finalize`, { apiKey });
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('already_finalized');
    });

    it('refuses a B2B e-invoice while the seller profile lacks its VAT id, naming the field; nothing is numbered', async () => {
      const { shop, apiKey, base } = await draftShop(
        { documents: { autoFinalize: true } },
        {
          ...testSeller,
          vatId: null,
          taxNumber: null,
        },
      );
      const put = await app.call('PUT', `${base}/orders/6`, { apiKey, body: b2b('6') });
      const refused = put.json.documents.find((d: { action: string }) => d.action === 'finalize_refused');
      expect(refused.reason).toMatch(/seller\.vatId/);
      const fin = await app.call('POST', `${base}/documents/${refused.id}/finalize`, { apiKey });
      expect(fin.status).toBe(409);
      expect(fin.json.error).toMatchObject({ code: 'seller_profile_incomplete' });
      expect(fin.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['seller.vatId']);

      const fixed = await app.call('PUT', `${base}/seller`, { apiKey, body: testSeller });
      expect(fixed.status).toBe(200);
      const ok = await app.call('POST', `${base}/documents/${refused.id}/finalize`, { apiKey });
      expect(ok.status).toBe(200);
      expect(ok.json.document.number).toBe('RE-2026-00001');
      expect(ok.json.document.files.map((f: { kind: string }) => f.kind)).toEqual(['facturx', 'pdf', 'xml']);
      expect(shop.id).toBeTruthy();
    });

    it('rolls the number back when finalization fails after taking it', async () => {
      const { apiKey, base } = await draftShop();
      // A buyer VAT id asks for an e-invoice; 20 % is no German rate, so there is no tax case and no e-invoice.
      const bad = orderJson({
        id: '7',
        vatId: 'DE999999999',
        company: 'Firma',
        lines: [{ id: '1', name: 'X', taxRate: '20', net: '10.00', tax: '2.00' }],
      });
      const put = await app.call('PUT', `${base}/orders/7`, { apiKey, body: bad });
      const id = put.json.documents[0].id;
      const fin = await app.call('POST', `${base}/documents/${id}/finalize`, { apiKey });
      expect(fin.status).toBe(409);
      expect(fin.json.error.code).toBe('einvoice_not_possible');
      expect((await app.call('GET', `${base}/documents/${id}`, { apiKey })).json.status).toBe('draft');
      const good = await app.call('PUT', `${base}/orders/8`, { apiKey, body: domestic('8') });
      const ok = await app.call('POST', `${base}/documents/${good.json.documents[0].id}/finalize`, { apiKey });
      expect(ok.json.document.number).toBe('RE-2026-00001');
    });

    it('keeps a finalized invoice unchanged: the database refuses UPDATE, the use case flags later order changes', async () => {
      const { shop, apiKey, base } = await draftShop({ documents: { autoFinalize: true } });
      const put = await app.call('PUT', `${base}/orders/9`, { apiKey, body: domestic('9') });
      const id = put.json.documents.find((d: { action: string }) => d.action === 'finalized').id;
      await expect(
        app.ctx.db.updateTable('documents').set({ gross: 1 }).where('id', '=', id).execute(),
      ).rejects.toSatisfy(isImmutableViolation);
      await expect(app.ctx.db.deleteFrom('document_files').where('document_id', '=', id).execute()).rejects.toSatisfy(
        isImmutableViolation,
      );
      const before = await findDocument(app.ctx.db, id);
      expect(
        await markFinalized(app.ctx.db, id, {
          number: 'X',
          issueDate: '2026-01-01',
          data: before!.data,
          finalizedAt: '',
        }),
      ).toBe(false);

      const changed = domestic('9') as { lines: { net: string; tax: string }[]; totals: Record<string, string> };
      changed.lines[1] = { ...changed.lines[1]!, net: '28.04', tax: '1.96' };
      changed.totals = { total: '84.88', totalTax: '9.12' };
      const parsed = parseOrderInput(changed);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const r = await ingestOrder(app.ctx, shop, { order: parsed.value });
      expect(r.outcome).toBe('updated');
      expect(r.documents).toEqual([]);
      expect(r.attention.join(' ')).toMatch(/changed after invoice RE-2026-00001 was finalized/);
      expect(await findDocument(app.ctx.db, id)).toEqual(before);
    });

    it('drops a never-issued draft when the order is cancelled', async () => {
      const { apiKey, base } = await draftShop();
      const put = await app.call('PUT', `${base}/orders/10`, { apiKey, body: domestic('10') });
      const id = put.json.documents[0].id;
      const cancel = await app.call('PUT', `${base}/orders/10`, {
        apiKey,
        body: { ...domestic('10'), status: 'cancelled' },
      });
      expect(cancel.json.documents).toEqual([expect.objectContaining({ id, action: 'deleted' })]);
      expect((await app.call('GET', `${base}/documents/${id}`, { apiKey })).status).toBe(404);
    });

    it('numbers concurrent finalizations without gaps: parallel API calls and a second process', async () => {
      const { shop, apiKey, base } = await draftShop();
      const ids: string[] = [];
      for (let i = 0; i < 24; i++) {
        const put = await app.call('PUT', `${base}/orders/c${i}`, { apiKey, body: domestic(`c${i}`) });
        ids.push(put.json.documents[0].id);
      }
      const mine = ids.slice(0, 12);
      const theirs = ids.slice(12);
      const child = runChild(['test/documents/finalize-child.ts', app.db.url, app.secretKey, shop.id, ...theirs]);
      const started = performance.now();
      const results = await Promise.all([
        ...mine.map((id) => app.call('POST', `${base}/documents/${id}/finalize`, { apiKey })),
        // The same draft twice at once: one wins, the other gets 409 and takes no number.
        app.call('POST', `${base}/documents/${mine[0]}/finalize`, { apiKey }),
      ]);
      const childNumbers = JSON.parse(await child) as string[];
      const elapsed = performance.now() - started;
      expect(results.map((r) => r.status).sort()).toEqual([...Array(12).fill(200), 409]);
      const numbers = [...results.filter((r) => r.status === 200).map((r) => r.json.document.number), ...childNumbers];
      const seqs = numbers.map((n: string) => Number(n.split('-')[2])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      console.log(`[measure] ${engine}: 24 concurrent finalizations (2 processes) in ${Math.round(elapsed)} ms`);
    });

    it('measures a single finalization (number + PDF + files + enqueue, one transaction)', async () => {
      const { shop, apiKey, base } = await draftShop();
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const put = await app.call('PUT', `${base}/orders/m${i}`, { apiKey, body: domestic(`m${i}`) });
        times.push((await finalizeDraft(app.ctx, shop, put.json.documents[0].id)).ms);
      }
      const b2bTimes: number[] = [];
      for (let i = 0; i < 10; i++) {
        const put = await app.call('PUT', `${base}/orders/b${i}`, { apiKey, body: b2b(`b${i}`) });
        b2bTimes.push((await finalizeDraft(app.ctx, shop, put.json.documents[0].id)).ms);
      }
      times.sort((a, b) => a - b);
      b2bTimes.sort((a, b) => a - b);
      console.log(
        `[measure] ${engine}: finalize median ${times[5]} ms, max ${times[9]} ms (domestic invoice, PDF); ` +
          `B2B with CII XML + Factur-X median ${b2bTimes[5]} ms, max ${b2bTimes[9]} ms`,
      );
      expect(times[5]).toBeLessThan(2000);
    });
  });
}
