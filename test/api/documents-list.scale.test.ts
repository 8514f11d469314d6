import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentListFilter, listDocumentsQuery, resolveFilter } from '../../src/db/repos/documents-list.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { ENGINES, pgAvailable } from '../support/databases.js';
import { insertTestOrder } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// The document list at 1,000,000 documents of one shop (opt-in: BELEGFLUSS_SCALE=1, takes minutes).
// Rows are generated in SQL; the list reads columns only, so `data` stays '{}'. Prints time and plan per filter.
//   documents: 1/4 cancellations, 2 % drafts, 0.1 % need attention, issue dates spread over ~5.5 years
//   transfers: 70 % transferred, 10 % failed, 0.01 % dead, the rest none
//   search terms: number, customer name word (1,000 distinct), e-mail

const N = Number(process.env.BELEGFLUSS_SCALE_DOCS ?? 1_000_000);

async function seed(app: TestApp, shopId: string, orderId: string): Promise<void> {
  const pg = app.ctx.engine === 'postgres';
  const id = pg ? sql`'doc_' || lpad(x::text, 26, '0')` : sql`'doc_' || printf('%026d', x)`;
  const day = pg ? sql`(date '2020-01-01' + (x / 500))::text` : sql`date('2020-01-01', '+' || (x / 500) || ' days')`;
  const hex = (e: ReturnType<typeof sql>) =>
    pg ? sql`encode(convert_to(${e}, 'UTF8'), 'hex')` : sql`lower(hex(${e}))`;
  const series = sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${N})`;
  const db = app.ctx.db;
  await sql`${series}
    INSERT INTO documents (id, shop_id, order_id, type, status, number, issue_date, customer_name, customer_email,
      currency, net, tax, gross, payment_method, paid_at, tax_case, needs_attention, data, cancels_document_id,
      source_key, created_at, finalized_at)
    SELECT ${id}, ${shopId}, ${orderId},
      CASE WHEN x % 4 = 3 THEN 'cancellation' ELSE 'invoice' END,
      CASE WHEN x % 50 = 0 THEN 'draft' ELSE 'finalized' END,
      CASE WHEN x % 50 = 0 THEN NULL ELSE 'N-' || x END,
      CASE WHEN x % 50 = 0 THEN NULL ELSE ${day} END,
      'Kunde name' || (x % 1000), 'k' || x || '@example.com', 'EUR', 10000, 1900, 11900, 'PayPal', NULL, 'domestic',
      CASE WHEN x % 1000 = 0 THEN 1 ELSE 0 END, '{}', NULL, 'scale:' || x, '2026-01-01T00:00:00Z', NULL
    FROM c`.execute(db);
  await sql`${series}
    INSERT INTO transfers (id, shop_id, document_id, target, state, checkpoint, attempts, created_at, updated_at)
    SELECT 'trf_' || x, ${shopId}, ${id}, 'sevdesk',
      CASE WHEN x % 10000 = 5 THEN 'dead' WHEN x % 10 = 7 THEN 'failed' ELSE 'transferred' END,
      '{}', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
    FROM c WHERE x % 50 <> 0 AND (x % 10 < 8 OR x % 10000 = 5)`.execute(db);
  for (const term of [sql`'n-' || x`, sql`'name' || (x % 1000)`, sql`'k' || x || '@example.com'`]) {
    await sql`${series}
      INSERT INTO document_search_terms (shop_id, term, document_id) SELECT ${shopId}, ${hex(term)}, ${id} FROM c`.execute(
      db,
    );
  }
  await sql`ANALYZE`.execute(db);
}

for (const engine of ENGINES) {
  describe.skipIf(!process.env.BELEGFLUSS_SCALE || (engine === 'postgres' && !pgAvailable()))(
    `document list at ${N} documents (${engine})`,
    () => {
      let app: TestApp;
      let shopId: string;
      beforeAll(async () => {
        app = await createTestApp(engine);
        shopId = (await app.createShop()).shop.id;
        const started = performance.now();
        await seed(app, shopId, await insertTestOrder(app.ctx.db, shopId, 'scale'));
        console.log(
          `[scale] ${engine}: seeded ${N} documents in ${Math.round((performance.now() - started) / 1000)} s`,
        );
      }, 1_800_000);
      afterAll(async () => {
        await app?.close();
      });

      it('serves the first page of every filter (and a deep page) fast', { timeout: 600_000 }, async () => {
        const mid = `doc_${String(Math.floor(N / 2)).padStart(26, '0')}`;
        const cases: [string, Omit<DocumentListFilter, 'limit'>][] = [
          ['newest', {}],
          ['deep page (cursor at 50 %)', { after: { id: mid } }],
          ['type=cancellation', { type: 'cancellation' }],
          ['status=draft (2 %)', { status: 'draft' }],
          ['needsAttention (0.1 %)', { needsAttention: true }],
          ['transferState=failed (10 %)', { transferState: 'failed' }],
          ['transferState=dead (0.01 %)', { transferState: 'dead' }],
          ['transferState=not_transferred (22 %)', { transferState: 'not_transferred' }],
          ['issue date one month', { issuedFrom: '2020-03-01', issuedTo: '2020-03-31' }],
          ['issue date one year', { issuedFrom: '2020-01-01', issuedTo: '2020-12-31' }],
          ['issue date, deep page', { issuedFrom: '2020-01-01', after: { id: mid, issueDate: '2021-05-15' } }],
          ['q = a number', { termPrefix: `n-${Math.floor(N / 3)}` }],
          ['q = a name word (0.1 %)', { termPrefix: 'name123' }],
          ['q = a short prefix (11 %)', { termPrefix: 'name1' }],
          ['type + transferState=failed', { type: 'invoice', transferState: 'failed' }],
        ];
        const report: string[] = [];
        const medians: number[] = [];
        for (const [name, f] of cases) {
          const times: number[] = [];
          let rows = 0;
          let resolved: DocumentListFilter = { ...f, limit: 51 };
          for (let run = 0; run < 3; run++) {
            const t = performance.now();
            resolved = await resolveFilter(app.ctx.db, shopId, { ...f, limit: 51 });
            rows = (await listDocumentsQuery(app.ctx.db, shopId, resolved).execute()).length;
            times.push(performance.now() - t);
          }
          const query = listDocumentsQuery(app.ctx.db, shopId, resolved);
          times.sort((a, b) => a - b);
          const c = query.compile();
          const plan = await explain(app, c.sql, c.parameters);
          report.push(
            `${name.padEnd(38)} ${times[1]!.toFixed(1).padStart(8)} ms  ${String(rows).padStart(3)} rows  ${plan}`,
          );
          expect(times[1]).toBeLessThan(1000);
        }
        console.log(`[scale] ${engine}, ${N} documents, first page of 50 (median of 3):\n${report.join('\n')}`);
      });
    },
  );
}

async function explain(app: TestApp, sqlText: string, params: readonly unknown[]): Promise<string> {
  if (app.ctx.engine === 'sqlite') {
    const rows = await app.ctx.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${sqlText}`, [...params]),
    );
    return rows.rows.map((r) => r.detail).join(' | ');
  }
  return inTransaction(app.ctx.db, async (tx) => {
    const rows = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${sqlText}`, [...params]));
    return rows.rows
      .map((r) => r['QUERY PLAN'].trim())
      .filter((l) => /Scan|Sort|Join|Loop/.test(l))
      .map((l) => l.replace(/\s+\(cost=.*$/, '').replace(/^->\s*/, ''))
      .join(' | ');
  });
}
