import { z } from 'zod';

// The one configuration schema. Process-level settings only; shop settings live in the database.
const intFromString = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const boolFromString = z.union([
  z.boolean(),
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v)),
]);

export const configSchema = z
  .object({
    port: intFromString(0, 65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    /** Public base URL used in printed links and webhook URLs. */
    publicUrl: z.url({ error: 'must be a URL like https://belegfluss.example.com' }).optional(),
    databaseUrl: z
      .string()
      .default('sqlite:./data/belegfluss.db')
      .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
        error: 'must start with sqlite: (e.g. sqlite:./data/belegfluss.db) or postgres://',
      }),
    dataDir: z.string().min(1).default('./data'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** 32-byte key, base64 or hex, for secrets at rest. When absent, a key file in dataDir is created on first run. */
    secretKey: z.string().optional(),
    bodyLimitBytes: intFromString(1024, 50 * 1024 * 1024).default(1024 * 1024),
    webhookRetentionDays: intFromString(1, 3650).default(30),
    worker: z
      .object({
        enabled: boolFromString.default(true),
        concurrency: intFromString(1, 256).default(4),
        pollIntervalMs: intFromString(10, 60_000).default(250),
        leaseMs: intFromString(1000, 3_600_000).default(120_000),
      })
      .prefault({}),
    sevdesk: z
      .object({
        baseUrl: z.url().default('https://my.sevdesk.de/api/v1'),
        requestsPerSecond: z.coerce.number().positive({ error: 'must be a positive number' }).max(100).default(4),
        requestTimeoutMs: intFromString(100, 300_000).default(30_000),
        /** Pacing per sevDesk account: auto = shared through the database on PostgreSQL, in-process on SQLite. */
        rateLimiter: z.enum(['auto', 'memory', 'database']).default('auto'),
      })
      .prefault({}),
    /** The built-in sevDesk sandbox ("Testmodus"): auto = on when no shop has a real sevDesk connection. */
    sandbox: z
      .object({
        mode: z.enum(['auto', 'on', 'off']).default('auto'),
        demoShop: boolFromString.default(true),
      })
      .prefault({}),
    /** The job queue: auto = pg-boss on PostgreSQL, the embedded SQL queue on SQLite. */
    queue: z
      .object({
        engine: z.enum(['auto', 'embedded', 'pgboss']).default('auto'),
      })
      .prefault({}),
    admin: z
      .object({
        email: z.email().optional(),
        password: z.string().min(10, { error: 'must be at least 10 characters' }).optional(),
      })
      .prefault({}),
  })
  .strict();

export type AppConfig = z.infer<typeof configSchema>;

/** Where each setting can come from. The key path is the schema path. */
export const CONFIG_SOURCES: { path: string; env: string; flag?: string }[] = [
  { path: 'port', env: 'PORT', flag: '--port' },
  { path: 'host', env: 'BELEGFLUSS_HOST', flag: '--host' },
  { path: 'publicUrl', env: 'BELEGFLUSS_PUBLIC_URL' },
  { path: 'databaseUrl', env: 'DATABASE_URL', flag: '--database-url' },
  { path: 'dataDir', env: 'BELEGFLUSS_DATA_DIR', flag: '--data-dir' },
  { path: 'logLevel', env: 'BELEGFLUSS_LOG_LEVEL', flag: '--log-level' },
  { path: 'secretKey', env: 'BELEGFLUSS_SECRET_KEY' },
  { path: 'bodyLimitBytes', env: 'BELEGFLUSS_BODY_LIMIT_BYTES' },
  { path: 'webhookRetentionDays', env: 'BELEGFLUSS_WEBHOOK_RETENTION_DAYS' },
  { path: 'worker.enabled', env: 'BELEGFLUSS_WORKER' },
  { path: 'worker.concurrency', env: 'BELEGFLUSS_WORKER_CONCURRENCY', flag: '--concurrency' },
  { path: 'worker.pollIntervalMs', env: 'BELEGFLUSS_WORKER_POLL_MS' },
  { path: 'worker.leaseMs', env: 'BELEGFLUSS_WORKER_LEASE_MS' },
  { path: 'sevdesk.baseUrl', env: 'BELEGFLUSS_SEVDESK_BASE_URL' },
  { path: 'sevdesk.requestsPerSecond', env: 'BELEGFLUSS_SEVDESK_RPS' },
  { path: 'sevdesk.requestTimeoutMs', env: 'BELEGFLUSS_SEVDESK_TIMEOUT_MS' },
  { path: 'sevdesk.rateLimiter', env: 'BELEGFLUSS_SEVDESK_RATE_LIMITER' },
  { path: 'sandbox.mode', env: 'BELEGFLUSS_SANDBOX', flag: '--sandbox' },
  { path: 'sandbox.demoShop', env: 'BELEGFLUSS_DEMO_SHOP' },
  { path: 'queue.engine', env: 'BELEGFLUSS_QUEUE' },
  { path: 'admin.email', env: 'BELEGFLUSS_ADMIN_EMAIL' },
  { path: 'admin.password', env: 'BELEGFLUSS_ADMIN_PASSWORD' },
];
