import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../../src/app/context.js';
import { createUser } from '../../../src/app/auth/create-user.js';
import { createShop } from '../../../src/app/shops/create-shop.js';
import { configSchema } from '../../../src/config/schema.js';
import type { Engine } from '../../../src/db/dialect.js';
import type { Shop } from '../../../src/db/repos/shops.repo.js';
import { createHttpApp, type HttpApp } from '../../../src/http/app.js';
import { ROUTE_MODULES } from '../../../src/http/routes.js';
import { loadSecretBox } from '../../../src/lib/crypto/secret-box.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { SqlJobQueue } from '../../../src/queue/sql/sql-job-queue.js';
import { freshDb } from '../../support/databases.js';
import { testSeller } from '../../support/factories.js';

// The admin UI in-process (app.request) on a fresh real database: a context, an admin user, helpers to log in
// and to send form posts the way the browser does (Origin header, CSRF token, session cookie).

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const ORIGIN = 'http://localhost';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Harness {
  ctx: AppContext;
  app: HttpApp;
  /** A settable clock for session expiry and throttling. */
  clock: { now: Date };
  close(): Promise<void>;
  login(email?: string, password?: string): Promise<Session>;
  get(path: string, session?: Session | null, headers?: Record<string, string>): Promise<Response>;
  post(
    path: string,
    form: Record<string, string | string[]>,
    session?: Session | null,
    opts?: { headers?: Record<string, string>; csrf?: string | null; origin?: string | null },
  ): Promise<Response>;
  createShop(name?: string, settings?: Record<string, unknown>): Promise<Shop>;
}

export async function adminHarness(engine: Engine, configOverrides: Record<string, unknown> = {}): Promise<Harness> {
  const handle = await freshDb(engine);
  const dataDir = mkdtempSync(join(tmpdir(), 'belegfluss-admin-'));
  const config = configSchema.parse({
    databaseUrl: handle.url,
    dataDir,
    logLevel: 'silent',
    ...configOverrides,
  });
  const clock = { now: new Date() };
  const ctx: AppContext = {
    config,
    db: handle.db,
    engine: handle.engine,
    queue: new SqlJobQueue(handle.db, { now: () => clock.now.getTime() }),
    secrets: loadSecretBox({ dataDir }),
    logger: silentLogger,
    now: () => new Date(clock.now.getTime()),
  };
  const app = createHttpApp(ctx, ROUTE_MODULES);
  await createUser(ctx, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });

  const get = async (path: string, session?: Session | null, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });

  const post: Harness['post'] = async (path, form, session, opts = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    const csrf = opts.csrf === undefined ? session?.csrf : opts.csrf;
    if (csrf) body.append('_csrf', csrf);
    const origin = opts.origin === undefined ? ORIGIN : opts.origin;
    return app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin ? { origin } : {}),
        ...(session ? { cookie: session.cookie } : {}),
        ...opts.headers,
      },
      body: body.toString(),
    });
  };

  const login = async (email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<Session> => {
    const res = await post('/admin/login', { email, password, next: '/admin/documents' }, null);
    if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await (await get('/admin/documents', { cookie, csrf: '' })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error('no CSRF token on the page');
    return { cookie, csrf };
  };

  return {
    ctx,
    app,
    clock,
    login,
    get,
    post,
    createShop: async (name = 'Testshop', settings = {}) =>
      (await createShop(ctx, { name, settings, seller: testSeller })).shop,
    close: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
