import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSFER_QUEUE } from '../../src/app/transfer/queues.js';
import type { Shop } from '../../src/db/repos/shops.repo.js';
import { enginesUnderTest } from '../support/databases.js';
import { ingestDemoOrders, insertFinalizedDocuments } from './support/documents.js';
import { adminHarness, type Harness, ORIGIN, type Session } from './support/harness.js';

// The "Buchhaltung" screen through HTTP: keyset pages, filters, the row icon, the bulk action with its progress,
// the document detail and the PDF download — on SQLite and PostgreSQL.

const rowIds = (html: string) => [...html.matchAll(/<tr id="doc-(doc_[0-9A-Z]+)"/g)].map((m) => m[1]!);
const nextLink = (html: string) =>
  /href="(\/admin\/documents\?[^"]*after=[^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describe.each(enginesUnderTest())('documents screen on %s', (engine) => {
  let h: Harness;
  let s: Session;
  let shop: Shop;
  let ids: string[];

  beforeAll(async () => {
    h = await adminHarness(engine);
    shop = await h.createShop('Listenshop', { sevdesk: { active: true } });
    ids = await insertFinalizedDocuments(h.ctx.db, shop.id, 120);
    s = await h.login();
  });
  afterAll(async () => {
    await h.close();
  });

  it('pages through every document with keyset links, 50 per page, newest first', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/admin/documents';
    let pages = 0;
    while (url) {
      const res = await h.get(url, s);
      expect(res.status).toBe(200);
      const html = await res.text();
      const page = rowIds(html);
      expect(page.length).toBeLessThanOrEqual(50);
      seen.push(...page);
      url = nextLink(html);
      if (url) expect(url).not.toContain('offset');
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by search prefix, type and sevDesk state', async () => {
    const byNumber = rowIds(await (await h.get('/admin/documents?q=RE-2026-0001', s)).text());
    expect(byNumber).toHaveLength(10);
    const byName = rowIds(await (await h.get('/admin/documents?q=nummer117', s)).text());
    expect(byName).toEqual([ids[116]]);
    expect(rowIds(await (await h.get('/admin/documents?type=cancellation', s)).text())).toEqual([]);
    const empty = await (await h.get('/admin/documents?type=cancellation', s)).text();
    expect(empty).toContain('Keine Belege passen zu diesen Filtern.');
    expect(rowIds(await (await h.get('/admin/documents?state=not_transferred', s)).text())).toHaveLength(50);
    // Unknown values are ignored, not errors.
    expect((await h.get('/admin/documents?type=x&state=%3Cscript%3E&from=yesterday&after=junk', s)).status).toBe(200);
  });

  it('transfers one row from its icon: the row comes back queued and polling, the job is enqueued', async () => {
    const id = ids[0]!;
    const res = await h.app.request(`/admin/documents/${id}/transfer`, {
      method: 'POST',
      headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf, 'hx-request': 'true' },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      new RegExp(
        `^<tr id="doc-${id}" hx-get="/admin/documents/${id}/row\\?was=queued" hx-trigger="every 3s" hx-target="this"`,
      ),
    );
    expect(html).toContain('data-state="queued"');
    expect(html).toContain('in Warteschlange');
    expect(html).toContain('id="announcer"');
    const jobs = await h.ctx.queue.list({ queue: TRANSFER_QUEUE });
    expect(jobs.filter((j) => j.status === 'pending')).toHaveLength(1);
    // Polling with the state the browser already shows: same row, no announcement.
    const poll = await (await h.get(`/admin/documents/${id}/row?was=queued`, s)).text();
    expect(poll).toContain('data-state="queued"');
    expect(poll).not.toContain('announcer');
    await h.ctx.db
      .updateTable('transfers')
      .set({ state: 'transferred', sevdesk_voucher_id: '4711' })
      .where('document_id', '=', id)
      .execute();
    const done = await (await h.get(`/admin/documents/${id}/row?was=queued`, s)).text();
    expect(done).toContain('data-state="transferred"');
    expect(done).not.toContain('hx-trigger');
    expect(done).toContain('übertragen');
    expect(done).toContain('https://my.sevdesk.de/#/ex/detail/id/4711');
    expect(done).toMatch(/id="announcer"[^>]*>[^<]*RE-2026-00001: übertragen/);
    // Without htmx the icon's form falls back to a redirect.
    const plain = await h.post(`/admin/documents/${id}/transfer`, {}, s);
    expect(plain.status).toBe(303);
  });

  it('starts a bulk transfer of the selection and reports n of m until every document settled', async () => {
    const selection = [ids[10]!, ids[11]!];
    const res = await h.post('/admin/documents/bulk-transfer', { action: 'sevdesk_sync', ids: selection }, s, {
      headers: { 'hx-request': 'true' },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const bulkId = /hx-get="\/admin\/bulk\/(blk_[0-9A-Z]+)"/.exec(html)?.[1];
    expect(bulkId).toBeDefined();
    expect(html).toContain('0 von 2 Belegen verarbeitet');
    expect(html).toContain('<progress max="2" value="0"');
    // The selected rows are swapped out of band and start polling.
    for (const id of selection) expect(html).toContain(`<template><tr id="doc-${id}"`);
    expect(html.match(/hx-swap-oob="true"/g)).toHaveLength(2);

    await h.ctx.db
      .updateTable('transfers')
      .set({ state: 'transferred' })
      .where('document_id', '=', selection[0]!)
      .execute();
    const half = await (await h.get(`/admin/bulk/${bulkId}`, s)).text();
    expect(half).toContain('1 von 2 Belegen verarbeitet');
    expect(half).toContain('hx-trigger="every 2s"');
    await h.ctx.db
      .updateTable('transfers')
      .set({ state: 'failed', last_error: 'x' })
      .where('document_id', '=', selection[1]!)
      .execute();
    const done = await (await h.get(`/admin/bulk/${bulkId}`, s)).text();
    expect(done).toContain('Fertig: 2 Belege verarbeitet.');
    expect(done).toContain('1 übertragen, 1 mit Fehler oder zu prüfen');
    expect(done).toContain('data-done="true"');
    expect(done).not.toContain('hx-trigger');

    const none = await h.post('/admin/documents/bulk-transfer', { action: 'sevdesk_sync' }, s, {
      headers: { 'hx-request': 'true' },
    });
    expect(await none.text()).toContain('Bitte wählen Sie zuerst Belege aus.');
    // Without JavaScript: redirect to the list, which shows the progress box.
    const plain = await h.post('/admin/documents/bulk-transfer', { action: 'sevdesk_sync', ids: [ids[12]!] }, s);
    expect(plain.status).toBe(303);
    const list = await (await h.get(plain.headers.get('location')!, s)).text();
    expect(list).toContain('von 1 Belegen verarbeitet');
  });

  it('refuses transfers while the sevDesk interface is not active, and says why', async () => {
    const inactive = await h.createShop('Inaktiv', { sevdesk: { active: false } });
    const [id] = await insertFinalizedDocuments(h.ctx.db, inactive.id, 1, { prefix: 'IN' });
    const res = await h.app.request(`/admin/documents/${id}/transfer`, {
      method: 'POST',
      headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf, 'hx-request': 'true' },
    });
    const html = await res.text();
    expect(html).toContain('data-state="not_transferred"');
    expect(html).toContain('nicht aktiviert');
    const list = await (await h.get(`/admin/documents?shop=${inactive.id}`, s)).text();
    expect(list).toContain('Die sevDesk-Schnittstelle ist für diesen Shop nicht aktiviert.');
  });
});

describe.each(enginesUnderTest())('document detail on %s', (engine) => {
  let h: Harness;
  let s: Session;
  beforeAll(async () => {
    h = await adminHarness(engine);
    const shop = await h.createShop('Detailshop', { tax: { ossRegistered: true } });
    await ingestDemoOrders(h.ctx, shop);
    s = await h.login();
  });
  afterAll(async () => {
    await h.close();
  });

  const docByNumber = (number: string) =>
    h.ctx.db.selectFrom('documents').select(['id', 'tax_case']).where('number', '=', number).executeTakeFirstOrThrow();

  it('shows lines, totals per rate, tax case, customer and the (empty) transfer log', async () => {
    const doc = await docByNumber('RE-2026-00001');
    const html = await (await h.get(`/admin/documents/${doc.id}`, s)).text();
    expect(html).toContain('Rechnung RE-2026-00001');
    expect(html).toContain('Kaffeetasse „Morgenrot“');
    expect(html).toContain('Summen je Steuersatz');
    expect(html).toContain('19 %');
    expect(html).toContain('7 %');
    expect(html).toContain('Inland (Umsatzsteuer)');
    expect(html).toContain('WC-101');
    expect(html).toMatch(/64,88\s€/);
    expect(html).toContain('Noch keine Übertragungsversuche.');
    expect(html).toContain('Buchung und Zahlung');
  });

  it('links a cancellation with its invoice both ways, and covers every tax case of the demo', async () => {
    const cancellation = await docByNumber('ST-2026-00001');
    const html = await (await h.get(`/admin/documents/${cancellation.id}`, s)).text();
    expect(html).toContain('Stornierung ST-2026-00001');
    expect(html).toMatch(/Storniert<\/dt><dd><a href="\/admin\/documents\/doc_[0-9A-Z]+">RE-2026-00006/);
    const cases = await h.ctx.db.selectFrom('documents').select('tax_case').distinct().execute();
    expect(cases.map((c) => c.tax_case).sort()).toEqual(['domestic', 'eu_b2b_goods', 'eu_b2c_oss', 'export_goods']);
  });

  it('serves the PDF as a download; unknown documents are 404 pages', async () => {
    const doc = await docByNumber('RE-2026-00002');
    const pdf = await h.get(`/admin/documents/${doc.id}/pdf`, s);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="RE-2026-00002.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const missing = await h.get('/admin/documents/doc_00000000000000000000000000', s);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Nicht gefunden.');
  });
});
