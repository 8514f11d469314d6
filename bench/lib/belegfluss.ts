import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../src/app/context.js';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { type SevdeskDeps, setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { type CreatedShop, createShop } from '../../src/app/shops/create-shop.js';
import { bootstrap, type Runtime } from '../../src/bootstrap.js';
import { configSchema } from '../../src/config/schema.js';
import type { SellerProfile } from '../../src/domain/shops/seller-profile.js';
import type { ShopSettingsInput } from '../../src/domain/shops/shop-settings.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { BackoffPolicy } from '../../src/queue/backoff.js';
import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';
import { type ChildHandle, spawnCli } from './processes.js';
import type { BenchContext } from './runner.js';

// Belegfluss for a benchmark: in-process (the composition root `bootstrap`, as `belegfluss serve` uses it) or as
// real CLI child processes (`belegfluss serve`, `belegfluss worker`), sharing one database and one secret key.

export const BENCH_SELLER: SellerProfile = {
  legalName: 'Papeterie Beispiel GmbH',
  address: { street: 'Hauptstraße 1', zip: '10115', city: 'Berlin', country: 'DE' },
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  email: 'buchhaltung@papeterie-beispiel.de',
  phone: '+49 30 1234567',
  contactName: 'Erika Beispiel',
  bank: {
    accountHolder: 'Papeterie Beispiel GmbH',
    iban: 'DE02120300000000202051',
    bic: 'BYLADEM1001',
    bankName: 'DKB',
  },
  footerLines: ['Amtsgericht Berlin-Charlottenburg HRB 123456', 'Geschäftsführerin: Erika Beispiel'],
  paymentTermDays: 14,
  smallBusiness: false,
};

export interface Deployment {
  databaseUrl: string;
  secretKey: string;
  dataDir: string;
}

export function newDeployment(ctx: BenchContext, databaseUrl: string): Deployment {
  const dataDir = mkdtempSync(join(tmpdir(), 'belegfluss-bench-data-'));
  ctx.cleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  return { databaseUrl, secretKey: randomBytes(32).toString('base64'), dataDir };
}

/** Environment for CLI child processes of this deployment. */
export function cliEnv(d: Deployment, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: d.databaseUrl,
    BELEGFLUSS_SECRET_KEY: d.secretKey,
    BELEGFLUSS_DATA_DIR: d.dataDir,
    BELEGFLUSS_LOG_LEVEL: 'warn',
    BELEGFLUSS_SANDBOX: 'off',
    BELEGFLUSS_DEMO_SHOP: 'false',
    ...extra,
  };
}

export interface InProcess {
  ctx: AppContext;
  runtime: Runtime;
  close(): Promise<void>;
}

/** The composition root in this process (migrates the database). */
export async function openInProcess(
  ctx: BenchContext,
  d: Deployment,
  opts: {
    config?: Record<string, unknown>;
    sevdesk?: Partial<SevdeskDeps>;
    /** Retry backoff of the embedded queue (tests and torture runs: seconds, not the production hour). */
    backoff?: BackoffPolicy;
  } = {},
): Promise<InProcess> {
  const config = configSchema.parse({
    databaseUrl: d.databaseUrl,
    dataDir: d.dataDir,
    secretKey: d.secretKey,
    logLevel: 'silent',
    ...opts.config,
  });
  const runtime = await bootstrap(config, { logger: silentLogger });
  if (opts.backoff) {
    if (!(runtime.ctx.queue instanceof SqlJobQueue)) throw new Error('a custom backoff needs the embedded queue');
    runtime.ctx.queue = new SqlJobQueue(runtime.ctx.db, { backoff: opts.backoff });
  }
  if (opts.sevdesk) setSevdeskDeps(runtime.ctx, { rateLimiter: new TokenBucketRateLimiter(), ...opts.sevdesk });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await runtime.close();
  };
  ctx.cleanup(close);
  return { ctx: runtime.ctx, runtime, close };
}

export async function createBenchShop(
  app: AppContext,
  name: string,
  settings: ShopSettingsInput = {},
): Promise<CreatedShop> {
  return createShop(app, { name, settings, seller: BENCH_SELLER });
}

/** Connect a shop to a sandbox account over HTTP (the connect use case: token check, static data). */
export async function connectToSandbox(
  app: AppContext,
  shopId: string,
  apiUrl: string,
  token: string,
  requestsPerSecond?: number,
): Promise<void> {
  await connectSevdesk(app, shopId, { token, baseUrl: apiUrl, ...(requestsPerSecond ? { requestsPerSecond } : {}) });
}

/**
 * Extra Node flags for `belegfluss serve`: BELEGFLUSS_BENCH_CPU_PROF=<dir> writes a .cpuprofile there when the
 * server exits; BELEGFLUSS_BENCH_SERVE_NODE_ARGS passes anything else (e.g. "--import ./count.mjs").
 */
function serveNodeArgs(): string[] {
  const args = (process.env.BELEGFLUSS_BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const profDir = process.env.BELEGFLUSS_BENCH_CPU_PROF;
  if (profDir) args.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  return args;
}

/** `belegfluss serve` on a free loopback port. */
export async function startServe(
  ctx: BenchContext,
  d: Deployment,
  opts: { worker: boolean; env?: Record<string, string>; cpus?: string; name?: string },
): Promise<{ child: ChildHandle; url: string }> {
  const child = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', ...(opts.worker ? [] : ['--no-worker'])], {
    name: opts.name ?? 'belegfluss serve',
    env: cliEnv(d, opts.env),
    nodeArgs: serveNodeArgs(),
    ...(opts.cpus !== undefined ? { cpus: opts.cpus } : {}),
  });
  ctx.cleanup(() => child.stop());
  const m = await child.waitForOutput(/is running: (http:\/\/\S+)/, 90_000);
  return { child, url: m[1]! };
}

/** `belegfluss worker`. */
export async function startWorkerProcess(
  ctx: BenchContext,
  d: Deployment,
  opts: { env?: Record<string, string>; name?: string } = {},
): Promise<ChildHandle> {
  const child = spawnCli(['worker'], { name: opts.name ?? 'belegfluss worker', env: cliEnv(d, opts.env) });
  ctx.cleanup(() => child.stop());
  await child.waitForOutput(/worker started/, 90_000);
  return child;
}

/** Transfers by state. */
export async function transferStates(app: AppContext): Promise<Record<string, number>> {
  const rows = await app.db
    .selectFrom('transfers')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export async function countRows(
  app: AppContext,
  table: 'orders' | 'documents' | 'customers' | 'transfers',
): Promise<number> {
  const r = await app.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
