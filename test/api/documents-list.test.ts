import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDocuments, listDocumentsQuery } from '../../src/db/repos/documents-list.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { type SeededDocument, seedDocuments } from './seed-documents.js';

const N = 60;

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !pgAvailable())(`GET /documents (${engine})`, () => {
    let app: TestApp;
    let apiKey: string;
    let base: string;
    let shopId: string;
    let docs: SeededDocument[];
    beforeAll(async () => {
      app = await createTestApp(engine);
      const created = await app.createShop();
      apiKey = created.apiKey;
      shopId = created.shop.id;
      base = `/api/v1/shops/${shopId}/documents`;
      docs = await seedDocuments(app.ctx.db, shopId, N);
      // Another shop's documents never show up.
      const other = await app.createShop();
      await seedDocuments(app.ctx.db, other.shop.id, 5);
    });
    afterAll(async () => {
      await app?.close();
    });

    /** All ids of a filtered listing, following nextCursor page by page. */
    async function listAll(query: string, limit = 7): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const q = `${base}?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await app.call('GET', q, { apiKey });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(res.json.items.length).toBeLessThanOrEqual(limit);
        ids.push(...res.json.items.map((d: { id: string }) => d.id));
        cursor = res.json.nextCursor;
        if (!cursor) return ids;
      }
      throw new Error('pagination did not end');
    }
    const expected = (pred: (d: SeededDocument) => boolean) =>
      docs
        .filter(pred)
        .map((d) => d.id)
        .sort()
        .reverse();

    it('pages newest first with an opaque keyset cursor, without gaps or repeats', async () => {
      const ids = await listAll('', 7);
      expect(ids).toEqual(expected(() => true));
      const first = (await app.call('GET', `${base}?limit=3`, { apiKey })).json;
      expect(first.items[0]).toMatchObject({
        id: docs[N - 1]!.id,
        orderNumber: docs[N - 1]!.orderNumber,
        customerName: docs[N - 1]!.name,
        currency: 'EUR',
        gross: 11900,
        transferState: docs[N - 1]!.transferState ?? 'not_transferred',
      });
      expect(first.nextCursor).not.toContain(docs[N - 3]!.id);
      // A document finalized after page 1 was read does not shift page 2 (keyset, not offset).
      const second = (await app.call('GET', `${base}?limit=3&cursor=${first.nextCursor}`, { apiKey })).json;
      expect(second.items[0].id).toBe(docs[N - 4]!.id);
    });

    it('filters by type, status, attention, transfer state and issue date, alone and combined', async () => {
      expect(await listAll('type=cancellation')).toEqual(expected((d) => d.type === 'cancellation'));
      expect(await listAll('status=draft')).toEqual(expected((d) => d.status === 'draft'));
      expect(await listAll('needsAttention=true')).toEqual(expected((d) => d.needsAttention));
      expect(await listAll('needsAttention=false', 50)).toEqual(expected((d) => !d.needsAttention));
      expect(await listAll('transferState=failed')).toEqual(expected((d) => d.transferState === 'failed'));
      expect(await listAll('transferState=not_transferred')).toEqual(expected((d) => d.transferState === null));
      // A date range lists by issue date (newest first), then id.
      const inFebruary = docs
        .filter((d) => d.issueDate !== null && d.issueDate >= '2026-02-01' && d.issueDate <= '2026-02-28')
        .sort((a, b) => (a.issueDate === b.issueDate ? (a.id < b.id ? 1 : -1) : a.issueDate! < b.issueDate! ? 1 : -1))
        .map((d) => d.id);
      expect(inFebruary.length).toBeGreaterThan(5);
      expect(await listAll('from=2026-02-01&to=2026-02-28', 3)).toEqual(inFebruary);
      expect(await listAll('from=2026-01-15', 4)).toEqual(
        docs
          .filter((d) => d.issueDate !== null && d.issueDate >= '2026-01-15')
          .sort((a, b) => (a.issueDate === b.issueDate ? (a.id < b.id ? 1 : -1) : a.issueDate! < b.issueDate! ? 1 : -1))
          .map((d) => d.id),
      );
      expect(await listAll('type=invoice&status=finalized&transferState=transferred', 2)).toEqual(
        expected((d) => d.type === 'invoice' && d.status === 'finalized' && d.transferState === 'transferred'),
      );
    });

    it('searches by number, order number, customer name word or e-mail prefix, case-insensitively', async () => {
      const d = docs[41]!;
      expect(await listAll(`q=${d.number}`)).toEqual([d.id]);
      expect(await listAll(`q=${d.number!.slice(0, 9).toLowerCase()}`)).toEqual(
        expected((x) => x.number?.startsWith(d.number!.slice(0, 9)) ?? false),
      );
      expect(await listAll(`q=${d.orderNumber}`)).toEqual(expected((x) => x.orderNumber === d.orderNumber));
      expect(await listAll('q=m%C3%BCller')).toEqual(expected((x) => x.name === 'Bernd Müller'));
      expect(await listAll(`q=${encodeURIComponent('CARLA WEB')}`)).toEqual(expected((x) => x.name === 'Carla Weber'));
      expect(await listAll(`q=${encodeURIComponent(d.email)}`)).toEqual([d.id]);
      expect(await listAll('q=zzz')).toEqual([]);
      expect(await listAll('q=eva&status=finalized&type=invoice')).toEqual(
        expected((x) => x.name === 'Eva Becker' && x.status === 'finalized' && x.type === 'invoice'),
      );
    });

    it('finds the same documents whether it collects search matches or probes documents', async () => {
      for (const termPrefix of ['anna', 'b', 'wc-10', 're-2026-0004']) {
        const list = await listDocuments(app.ctx.db, shopId, { termPrefix, termMatch: 'list', limit: 100 });
        const probe = await listDocuments(app.ctx.db, shopId, { termPrefix, termMatch: 'probe', limit: 100 });
        expect(probe.map((d) => d.id)).toEqual(list.map((d) => d.id));
        expect(list.length).toBeGreaterThan(0);
      }
    });

    it('answers bad queries with 400 and the parameter', async () => {
      const bad = async (q: string) => (await app.call('GET', `${base}?${q}`, { apiKey })).json.error.issues[0].path;
      expect(await bad('limit=201')).toBe('limit');
      expect(await bad('limit=0')).toBe('limit');
      expect(await bad('type=receipt')).toBe('type');
      expect(await bad('cursor=abc')).toBe('cursor');
      expect(await bad('from=2026-13-01')).toBe('from');
      expect(await bad('from=2026-03-01&to=2026-02-01')).toBe('to');
      expect(await bad('needsAttention=yes')).toBe('needsAttention');
      // A cursor is only valid for the order it was made for.
      const byId = (await app.call('GET', `${base}?limit=1`, { apiKey })).json.nextCursor;
      expect(await bad(`from=2026-01-01&cursor=${byId}`)).toBe('cursor');
      expect(await bad('sort=asc')).toBe('(root)');
    });

    it('reads an index in id order for every single filter (query plans)', async () => {
      const filters = {
        none: {},
        type: { type: 'invoice' as const },
        status: { status: 'draft' as const },
        attention: { needsAttention: true },
        transfer: { transferState: 'failed' },
        notTransferred: { transferState: 'not_transferred' },
        search: { termPrefix: 'anna', termMatch: 'list' as const },
        searchProbe: { termPrefix: 'anna', termMatch: 'probe' as const },
        transferAndType: { transferState: 'transferred', type: 'invoice' as const, after: { id: docs[40]!.id } },
        cursor: { after: { id: docs[30]!.id } },
        dateRange: {
          issuedFrom: '2026-02-01',
          issuedTo: '2026-02-28',
          after: { id: docs[30]!.id, issueDate: '2026-02-10' },
        },
      };
      for (const [name, f] of Object.entries(filters)) {
        const compiled = listDocumentsQuery(app.ctx.db, shopId, { ...f, limit: 51 }).compile();
        const plan = await explain(compiled.sql, compiled.parameters);
        if (process.env.BELEGFLUSS_PRINT_PLANS) console.log(`[plan] ${engine} ${name}: ${plan}`);
        // No full scan of documents, and no sort of the result set.
        expect(plan, `${name}: ${plan}`).not.toMatch(/SCAN d\b(?! USING)|Seq Scan on documents/);
        expect(plan, `${name}: ${plan}`).not.toMatch(/TEMP B-TREE FOR ORDER BY|Sort Key/);
      }
    });

    async function explain(sqlText: string, params: readonly unknown[]): Promise<string> {
      if (engine === 'sqlite') {
        const rows = await app.ctx.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${sqlText}`, [...params]),
        );
        return rows.rows.map((r) => r.detail).join(' | ');
      }
      // A tiny table makes PostgreSQL prefer sequential scans; forbid them to see which index path it has.
      return inTransaction(app.ctx.db, async (tx) => {
        await tx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
        const rows = await tx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`EXPLAIN ${sqlText}`, [...params]),
        );
        return rows.rows.map((r) => r['QUERY PLAN']).join(' | ');
      });
    }
  });
}
