import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/app/auth/ensure-first-admin.js';
import { verifyPassword } from '../../src/app/auth/password-hash.js';
import { resetPassword } from '../../src/app/auth/reset-password.js';
import { findUserRowByEmail } from '../../src/db/repos/users.repo.js';
import { enginesUnderTest } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminHarness, type Harness, ORIGIN } from './support/harness.js';

// Sign-in, sessions, CSRF and throttling of the admin UI, through HTTP, on SQLite and PostgreSQL.

describe.each(enginesUnderTest())('admin authentication on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await adminHarness(engine);
  });
  afterAll(async () => {
    await h.close();
  });

  it('sends anonymous visitors to the login page (htmx gets a redirect header)', async () => {
    const page = await h.get('/admin/documents?type=invoice');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fdocuments%3Ftype%3Dinvoice');
    const htmx = await h.get('/admin/documents/doc_X/row', null, { 'hx-request': 'true' });
    expect(htmx.status).toBe(401);
    expect(htmx.headers.get('hx-redirect')).toBe('/admin/login');
    expect((await h.get('/')).headers.get('location')).toBe('/admin/documents');
  });

  it('opens a session with an HttpOnly, SameSite=Strict cookie; only the token hash is stored', async () => {
    const res = await h.post(
      '/admin/login',
      { email: 'Admin@Example.com', password: ADMIN_PASSWORD, next: '/admin/queue' },
      null,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queue');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^belegfluss_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const token = /belegfluss_session=([\w-]+)/.exec(cookie)![1]!;
    const rows = await h.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    const page = await h.get('/admin/queue', { cookie: cookie.split(';')[0]!, csrf: '' });
    expect(page.status).toBe(200);
  });

  it('uses a Secure __Host- cookie over HTTPS', async () => {
    const res = await h.app.request('https://localhost/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost' },
      body: new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-belegfluss_session=/);
    expect(cookie).toContain('Secure');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('gives the same answer for a wrong password and an unknown e-mail', async () => {
    const wrong = await h.post('/admin/login', { email: ADMIN_EMAIL, password: 'nope nope nope' }, null, {
      headers: { 'x-forwarded-for': '1.1.1.1' },
    });
    const unknown = await h.post('/admin/login', { email: 'who@example.com', password: 'nope nope nope' }, null);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain('E-Mail oder Passwort ist falsch.');
    expect(b).toContain('E-Mail oder Passwort ist falsch.');
    expect(wrong.headers.get('set-cookie') ?? '').not.toContain('belegfluss_session');
  });

  it('throttles after five failures per address and e-mail, doubling the delay, and forgives on success', async () => {
    const email = 'throttle@example.com';
    const { createUser } = await import('../../src/app/auth/create-user.js');
    await createUser(h.ctx, { email, password: 'the right password' });
    for (let i = 0; i < 5; i++) {
      expect((await h.post('/admin/login', { email, password: `wrong ${i} password` }, null)).status).toBe(401);
    }
    // Locked: even the right password is not checked.
    const locked = await h.post('/admin/login', { email, password: 'the right password' }, null);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await locked.text()).toContain('Zu viele Fehlversuche');
    // Another account from the same address is not locked by it.
    expect((await h.post('/admin/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, null)).status).toBe(303);
    // After the lock, one more failure doubles it.
    h.clock.now = new Date(h.clock.now.getTime() + 1_500);
    expect((await h.post('/admin/login', { email, password: 'wrong again password' }, null)).status).toBe(401);
    const second = await h.post('/admin/login', { email, password: 'the right password' }, null);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(2);
    h.clock.now = new Date(h.clock.now.getTime() + 2_500);
    expect((await h.post('/admin/login', { email, password: 'the right password' }, null)).status).toBe(303);
    // The success cleared the counter: five fresh failures are allowed again before a lock.
    for (let i = 0; i < 4; i++) {
      expect((await h.post('/admin/login', { email, password: `again ${i} wrong` }, null)).status).toBe(401);
    }
    expect((await h.post('/admin/login', { email, password: 'the right password' }, null)).status).toBe(303);
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const s = await h.login();
    expect((await h.post('/admin/queue/retry', { ids: 'job_x' }, s, { csrf: null })).status).toBe(403);
    expect((await h.post('/admin/queue/retry', { ids: 'job_x' }, s, { csrf: 'forged' })).status).toBe(403);
    expect((await h.post('/admin/queue/retry', { ids: 'job_x' }, s, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await h.post('/admin/queue/retry', { ids: 'job_x' }, s, { origin: null })).status).toBe(403);
    // Referer is the fallback when a browser sends no Origin.
    const viaReferer = await h.post('/admin/queue/retry', { ids: 'job_x' }, s, {
      origin: null,
      headers: { referer: `${ORIGIN}/admin/queue` },
    });
    expect(viaReferer.status).toBe(303);
    // htmx sends the token as a header.
    const htmx = await h.app.request('/admin/documents/doc_unknown/transfer', {
      method: 'POST',
      headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf, 'hx-request': 'true' },
    });
    expect(htmx.status).toBe(404);
    // The token of one session does not work for another.
    const other = await h.login();
    expect((await h.post('/admin/queue/retry', { ids: 'job_x' }, { cookie: other.cookie, csrf: s.csrf })).status).toBe(
      403,
    );
    // Login itself: the origin check applies.
    const crossLogin = await h.post('/admin/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, null, {
      origin: 'https://evil.example',
    });
    expect(crossLogin.status).toBe(403);
  });

  it('never redirects away from the admin after login', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/other', '/admin/\\evil']) {
      const res = await h.post('/admin/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, next }, null);
      expect(res.headers.get('location')).toBe('/admin/documents');
    }
  });

  it('ends the session on logout and after 12 idle hours', async () => {
    const s = await h.login();
    const out = await h.post('/admin/logout', {}, s);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/login?bye=1');
    expect((await h.get('/admin/documents', s)).status).toBe(303);
    expect(await (await h.get('/admin/login?bye=1')).text()).toContain('Sie wurden abgemeldet.');

    const idle = await h.login();
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 3600_000);
    expect((await h.get('/admin/documents', idle)).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 3600_000);
    expect((await h.get('/admin/documents', idle)).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 13 * 3600_000);
    expect((await h.get('/admin/documents', idle)).status).toBe(303);
  });

  it('resets a password, ending every session of the user', async () => {
    const { createUser } = await import('../../src/app/auth/create-user.js');
    await createUser(h.ctx, { email: 'reset@example.com', password: 'first password!' });
    const s = await h.login('reset@example.com', 'first password!');
    const { generatedPassword, sessionsEnded } = await resetPassword(h.ctx, { email: 'reset@example.com' });
    expect(sessionsEnded).toBe(1);
    expect(generatedPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    expect((await h.get('/admin/documents', s)).status).toBe(303);
    await h.login('reset@example.com', generatedPassword!);
    await expect(resetPassword(h.ctx, { email: 'reset@example.com', password: 'short' })).rejects.toMatchObject({
      kind: 'validation',
    });
  });
});

describe.each(enginesUnderTest())('first admin on %s', (engine) => {
  it('creates one admin with a generated password once, and applies BELEGFLUSS_ADMIN_PASSWORD', async () => {
    const h = await adminHarness(engine);
    try {
      // The harness already created a user: nothing to do without configuration.
      expect(await ensureFirstAdmin(h.ctx)).toEqual({ kind: 'unchanged' });
      await h.ctx.db.deleteFrom('users').execute();
      const first = await ensureFirstAdmin(h.ctx);
      expect(first).toMatchObject({ kind: 'created', email: 'admin@belegfluss.local' });
      const password = (first as { generatedPassword: string }).generatedPassword;
      const row = await findUserRowByEmail(h.ctx.db, 'admin@belegfluss.local');
      expect(row!.password_hash).toMatch(/^scrypt\$/);
      expect(row!.password_hash).not.toContain(password);
      expect(await verifyPassword(password, row!.password_hash)).toBe(true);
      expect(await ensureFirstAdmin(h.ctx)).toEqual({ kind: 'unchanged' });

      const env = {
        ...h.ctx,
        config: { ...h.ctx.config, admin: { email: 'ops@example.com', password: 'from the environment' } },
      };
      expect(await ensureFirstAdmin(env)).toMatchObject({
        kind: 'created',
        email: 'ops@example.com',
        generatedPassword: null,
      });
      expect(await ensureFirstAdmin(env)).toEqual({ kind: 'unchanged' });
      const changed = {
        ...env,
        config: { ...env.config, admin: { email: 'ops@example.com', password: 'a new env password' } },
      };
      expect(await ensureFirstAdmin(changed)).toEqual({ kind: 'password_from_environment', email: 'ops@example.com' });
      await h.login('ops@example.com', 'a new env password');
    } finally {
      await h.close();
    }
  });
});
