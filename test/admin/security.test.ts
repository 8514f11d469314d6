import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  markConnectionInvalid,
  recordConnectionCheck,
  saveConnection,
  tokenAad,
} from '../../src/db/repos/sevdesk-connections.repo.js';
import type { Shop } from '../../src/db/repos/shops.repo.js';
import { messages } from '../../src/domain/transfer/messages.js';
import { enginesUnderTest } from '../support/databases.js';
import { insertFinalizedDocuments } from './support/documents.js';
import { adminHarness, type Harness, type Session } from './support/harness.js';

// Headers, self-hosted assets, no inline script or style (strict CSP), no secrets in any page, the connection
// banner on every page, and the language switch.

const PAGES = [
  '/admin/documents',
  '/admin/queue',
  '/admin/settings',
  '/admin/settings/woocommerce',
  '/admin/settings/sevdesk',
];
const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

describe.each(enginesUnderTest())('admin security and layout on %s', (engine) => {
  let h: Harness;
  let s: Session;
  let shop: Shop;

  beforeAll(async () => {
    h = await adminHarness(engine);
    shop = await h.createShop('Sicherheitsshop', { sevdesk: { active: true } });
    await insertFinalizedDocuments(h.ctx.db, shop.id, 3);
    await saveConnection(
      h.ctx.db,
      {
        shopId: shop.id,
        connectionId: 'sdc_1',
        accountKey: 'acc',
        baseUrl: 'https://my.sevdesk.de/api/v1',
        tokenEnc: h.ctx.secrets.encrypt(TOKEN, tokenAad(shop.id)),
        bookkeepingVersion: '2.0',
        requestsPerSecond: null,
        accountInfo: { checkAccounts: [] },
      },
      new Date().toISOString(),
    );
    s = await h.login();
  });
  afterAll(async () => {
    await h.close();
  });

  it('sends security headers and a strict CSP, and pages are not cached', async () => {
    for (const path of [...PAGES, '/admin/login']) {
      const res = await h.get(path, path === '/admin/login' ? null : s);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('has no inline script, inline style or event handler attribute, and loads only own assets', async () => {
    for (const path of PAGES) {
      const html = await (await h.get(path, s)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle="/);
      expect(html, path).not.toMatch(/\son[a-z]+="/);
      expect(html, path).not.toMatch(/(src|href)="https?:\/\/(?!my\.sevdesk\.de)/);
      expect(html, path).toContain('<meta name="htmx-config"');
      // Every input has a label or an aria-label.
      for (const m of html.matchAll(/<(input|select)\b([^>]*)>/g)) {
        const attrs = m[2]!;
        if (/type="hidden"/.test(attrs)) continue;
        const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
        const labelled = /aria-label="/.test(attrs) || (id !== undefined && html.includes(`for="${id}"`));
        expect(labelled, `${path}: ${m[0]}`).toBe(true);
      }
    }
  });

  it('serves CSS, script and htmx under content-hashed names with a one-year cache', async () => {
    const html = await (await h.get('/admin/documents', s)).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(3);
    for (const path of assets) {
      expect(path).toMatch(/\.[0-9a-f]{12}\.(css|js|min\.js)$/);
      const res = await h.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const htmx = await (await h.get(assets.find((a) => a.includes('/htmx.'))!)).text();
    expect(htmx).toContain('htmx');
    expect((await h.get('/admin/assets/admin.000000000000.css')).status).toBe(404);
  });

  it('never renders the sevDesk token, the webhook secret or the REST keys', async () => {
    for (const path of PAGES) {
      const html = await (await h.get(path, s)).text();
      expect(html, path).not.toContain(TOKEN);
      const row = await h.ctx.db.selectFrom('shops').selectAll().where('id', '=', shop.id).executeTakeFirstOrThrow();
      const secret = h.ctx.secrets.decrypt(row.webhook_secret_enc!, `shops:${shop.id}:webhook_secret_enc`);
      expect(html, path).not.toContain(secret);
      expect(html, path).not.toContain(row.webhook_secret_enc!);
    }
  });

  it('shows the connection banner with the way to fix it on every page while a connection is broken', async () => {
    for (const path of PAGES) expect(await (await h.get(path, s)).text(), path).not.toContain('role="alert"');
    await recordConnectionCheck(
      h.ctx.db,
      shop.id,
      { lastError: messages.hostUnreachable('dns', 'my.sevdesk.de') },
      new Date().toISOString(),
    );
    const unreachable = await (await h.get('/admin/queue', s)).text();
    expect(unreachable).toContain('sevDesk ist für „Sicherheitsshop“ zurzeit nicht erreichbar.');
    expect(unreachable).toContain('ausgehenden Verbindungen');
    await markConnectionInvalid(h.ctx.db, shop.id, messages.authInvalid(401), new Date().toISOString());
    for (const path of PAGES) {
      const html = await (await h.get(path, s)).text();
      expect(html, path).toMatch(
        /<div class="banner banner-danger" role="alert"><strong>Die Verbindung von „Sicherheitsshop“ zu sevDesk ist nicht mehr gültig\.<\/strong>/,
      );
      expect(html, path).toContain(`href="/admin/settings/sevdesk?shop=${shop.id}"`);
    }
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const res = await h.get('/admin/documents?lang=en', s);
    expect(res.headers.get('set-cookie')).toContain('belegfluss_lang=en');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Accounting</h1>');
    expect(html).toContain('Synchronise with sevDesk');
    const cookie = `${s.cookie}; belegfluss_lang=en`;
    const later = await (await h.get('/admin/queue', { cookie, csrf: s.csrf })).text();
    expect(later).toContain('<h1>Actions</h1>');
    expect(later).toContain('href="/admin/queue?lang=de"');
    const login = await (await h.get('/admin/login?lang=en')).text();
    expect(login).toContain('<h1>Sign in</h1>');
  });

  it('answers unknown admin paths with an HTML 404 page', async () => {
    const res = await h.get('/admin/nope', s);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
