import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentColumns } from '../../src/db/repos/documents.repo.js';
import { searchKey } from '../../src/db/repos/documents-list.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { newId } from '../../src/lib/ids.js';
import { enginesUnderTest } from '../support/databases.js';
import { sampleDocumentData } from '../support/factories.js';
import { adminHarness, type Harness, type Session } from './support/harness.js';

// The "Buchhaltung" page stays fast with many documents: keyset pages (no OFFSET, no COUNT), the first page, a
// page deep in the list, a state filter and a prefix search, each rendered through HTTP. The default size keeps
// the suite quick; BELEGFLUSS_ADMIN_SCALE_DOCS=1000000 measures a million (numbers in the lead's report).

const DOCS = Number(process.env.BELEGFLUSS_ADMIN_SCALE_DOCS ?? 20_000);
const BUDGET_MS = Number(process.env.BELEGFLUSS_ADMIN_SCALE_BUDGET_MS ?? 500);

async function fill(h: Harness, shopId: string, total: number): Promise<string[]> {
  const data = documentColumns(sampleDocumentData());
  const ids: string[] = [];
  const chunk = 250;
  const now = new Date().toISOString();
  for (let start = 0; start < total; start += 20_000) {
    await inTransaction(h.ctx.db, async (tx) => {
      for (let i = start; i < Math.min(total, start + 20_000); i += chunk) {
        const n = Math.min(chunk, total - i);
        const orders = [];
        const docs = [];
        const terms = [];
        for (let k = 0; k < n; k++) {
          const seq = i + k + 1;
          const orderId = newId('ord');
          const id = newId('doc');
          const number = `RE-2026-${String(seq).padStart(7, '0')}`;
          orders.push({
            id: orderId,
            shop_id: shopId,
            external_id: String(seq),
            number: String(seq),
            status: 'completed',
            currency: 'EUR',
            data: '{}',
            attention: '[]',
            source_modified_at: null,
            deleted_at: null,
            created_at: now,
            updated_at: now,
          });
          docs.push({
            id,
            shop_id: shopId,
            order_id: orderId,
            type: 'invoice' as const,
            status: 'finalized' as const,
            number,
            issue_date: '2026-11-27',
            cancels_document_id: null,
            source_key: `order:${seq}:invoice`,
            created_at: now,
            finalized_at: now,
            ...data,
          });
          terms.push({ shop_id: shopId, term: searchKey(number.toLowerCase()), document_id: id });
          ids.push(id);
        }
        await tx.insertInto('orders').values(orders).execute();
        await tx.insertInto('documents').values(docs).execute();
        await tx.insertInto('document_search_terms').values(terms).execute();
      }
    });
  }
  return ids;
}

describe.each(enginesUnderTest())(`documents page with ${DOCS} documents on %s`, (engine) => {
  let h: Harness;
  let s: Session;
  let ids: string[];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    h = await adminHarness(engine);
    const shop = await h.createShop('Großer Shop', { sevdesk: { active: true } });
    const started = performance.now();
    ids = await fill(h, shop.id, DOCS);
    timings.fillMs = Math.round(performance.now() - started);
    if (engine === 'postgres') await sql`ANALYZE`.execute(h.ctx.db);
    s = await h.login();
  }, 3_600_000);
  afterAll(async () => {
    console.log(`admin list scale (${engine}, ${DOCS} documents):`, JSON.stringify(timings));
    await h.close();
  });

  /** Median of five requests after a warm-up, including rendering the whole page. */
  const timed = async (name: string, path: string) => {
    await (await h.get(path, s)).text();
    const runs: number[] = [];
    let html = '';
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = await h.get(path, s);
      html = await res.text();
      runs.push(performance.now() - started);
      expect(res.status).toBe(200);
    }
    timings[name] = Math.round(runs.sort((a, b) => a - b)[2]! * 10) / 10;
    return html;
  };

  it('renders the first page, a deep page, a state filter and a search within the budget', async () => {
    const first = await timed('firstPageMs', '/admin/documents');
    expect(first.match(/<tr id="doc-/g)).toHaveLength(50);
    const deepCursor = ids[Math.floor(DOCS * 0.1)]!;
    const deep = await timed('deepPageMs', `/admin/documents?after=${deepCursor}`);
    expect(deep).toContain(`id="doc-${ids[Math.floor(DOCS * 0.1) - 1]}"`);
    await timed('notTransferredMs', '/admin/documents?state=not_transferred');
    const search = await timed('searchMs', `/admin/documents?q=RE-2026-${String(DOCS).padStart(7, '0').slice(0, 6)}`);
    expect(search).toContain('<tr id="doc-');
    await timed('transferredFilterMs', '/admin/documents?state=transferred');
    for (const [name, ms] of Object.entries(timings)) if (name !== 'fillMs') expect(ms, name).toBeLessThan(BUDGET_MS);
  }, 600_000);
});
