import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../src/app/context.js';
import { type CreatedShop, createShop } from '../../src/app/shops/create-shop.js';
import { configSchema } from '../../src/config/schema.js';
import type { DbHandle } from '../../src/db/create-db.js';
import type { Engine } from '../../src/db/dialect.js';
import type { ShopSettingsInput } from '../../src/domain/shops/shop-settings.js';
import { type HttpApp, createHttpApp } from '../../src/http/app.js';
import { ROUTE_MODULES } from '../../src/http/routes.js';
import { SecretBox } from '../../src/lib/crypto/secret-box.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';
import { freshDb } from './databases.js';
import { testSeller } from './factories.js';

// A use-case-level test harness: a fresh migrated database, the real AppContext and the real HTTP app.

export interface TestApp {
  ctx: AppContext;
  db: DbHandle & { url: string };
  http: HttpApp;
  secretKey: string;
  createShop(opts?: {
    settings?: ShopSettingsInput;
    seller?: Record<string, unknown>;
    name?: string;
  }): Promise<CreatedShop>;
  /** An in-process HTTP request; `apiKey` becomes a Bearer token, an object body is sent as JSON. */
  call(
    method: string,
    path: string,
    opts?: { apiKey?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; json: any; res: Response }>;
  close(): Promise<void>;
}

export async function createTestApp(
  engine: Engine,
  opts: { now?: () => Date; config?: Record<string, unknown> } = {},
): Promise<TestApp> {
  const db = await freshDb(engine);
  const dataDir = mkdtempSync(join(tmpdir(), 'belegfluss-app-'));
  const secretKey = randomBytes(32).toString('base64');
  const config = configSchema.parse({ databaseUrl: db.url, dataDir, logLevel: 'silent', secretKey, ...opts.config });
  const ctx: AppContext = {
    config,
    db: db.db,
    engine: db.engine,
    queue: new SqlJobQueue(db.db),
    secrets: new SecretBox(Buffer.from(secretKey, 'base64')),
    logger: silentLogger,
    now: opts.now ?? (() => new Date()),
  };
  const http = createHttpApp(ctx, ROUTE_MODULES);
  return {
    ctx,
    db,
    http,
    secretKey,
    call: async (method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
      let body: string | Uint8Array | undefined;
      if (o.body !== undefined) {
        body =
          typeof o.body === 'string' || o.body instanceof Uint8Array
            ? (o.body as string | Uint8Array)
            : JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await http.request(path, { method, headers, body });
      const type = res.headers.get('content-type') ?? '';
      const json = type.includes('json') ? await res.clone().json() : null;
      return { status: res.status, json, res };
    },
    createShop: (o = {}) =>
      createShop(ctx, { name: o.name ?? 'Testshop', settings: o.settings ?? {}, seller: o.seller ?? testSeller }),
    close: async () => {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
