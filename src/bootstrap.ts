import type { AppContext } from './app/context.js';
import type { AppConfig } from './config/schema.js';
import { createDb, type DbHandle } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { loadSecretBox } from './lib/crypto/secret-box.js';
import { TokenBucketRateLimiter } from './integrations/sevdesk/rate-limiter.js';
import { DatabaseRateLimiter } from './integrations/sevdesk/rate-limiter-db.js';
import { createLogger, type Logger } from './lib/logger.js';
import type { InspectableJobQueue } from './ports/job-queue.js';
import type { RateLimiter } from './ports/rate-limiter.js';
import { PgBossJobQueue } from './queue/pgboss/pgboss-job-queue.js';
import { resolveQueueEngine } from './queue/pgboss/queue-engine.js';
import { SqlJobQueue } from './queue/sql/sql-job-queue.js';

// Builds the adapters for the configured mode and the AppContext that use cases receive.
export interface Runtime {
  ctx: AppContext;
  dbHandle: DbHandle;
  close(): Promise<void>;
}

export async function bootstrap(
  config: AppConfig,
  opts: { logger?: Logger; migrate?: boolean } = {},
): Promise<Runtime> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const secrets = loadSecretBox({ secretKey: config.secretKey, dataDir: config.dataDir });
  const dbHandle = await createDb(config.databaseUrl);
  try {
    if (opts.migrate !== false) {
      const applied = await migrateToLatest(dbHandle.db);
      if (applied.length > 0) logger.info({ applied }, 'database migrated');
    }
  } catch (e) {
    await dbHandle.close();
    throw e;
  }
  const { queue, close: closeQueue } = await createJobQueue(config, dbHandle, { logger }).catch(async (e) => {
    await dbHandle.close();
    throw e;
  });
  const rateLimiter = createRateLimiter(config, dbHandle, logger);
  const ctx: AppContext = {
    config,
    db: dbHandle.db,
    engine: dbHandle.engine,
    queue,
    secrets,
    logger,
    now: () => new Date(),
    rateLimiter,
  };
  return {
    ctx,
    dbHandle,
    close: async () => {
      await rateLimiter.close?.();
      await closeQueue();
      await dbHandle.close();
    },
  };
}

/**
 * The job queue for the configured mode: pg-boss on PostgreSQL (unless `queue.engine = embedded`), the embedded
 * SQL queue otherwise. `close` stops pg-boss's maintenance and pool; the database handle stays the caller's.
 */
export async function createJobQueue(
  config: AppConfig,
  dbHandle: DbHandle,
  opts: { logger?: Logger; maintenance?: boolean } = {},
): Promise<{ queue: InspectableJobQueue; engine: 'embedded' | 'pgboss'; close(): Promise<void> }> {
  const engine = resolveQueueEngine(config.queue.engine, dbHandle.engine);
  if (engine === 'embedded') return { queue: new SqlJobQueue(dbHandle.db), engine, close: async () => {} };
  const queue = await PgBossJobQueue.start(dbHandle.db, {
    connectionString: config.databaseUrl,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.maintenance === undefined ? {} : { maintenance: opts.maintenance }),
  });
  return { queue, engine, close: () => queue.stop() };
}

/**
 * The sevDesk rate limiter for the configured mode (docs/decisions/0006-distributed-rate-limit.md): shared through
 * the database on PostgreSQL, where several processes send to one account; the in-process token bucket on SQLite,
 * where one process does the work and a database write per request would cost a disk flush.
 */
export function createRateLimiter(config: AppConfig, dbHandle: DbHandle, logger?: Logger): RateLimiter {
  const mode =
    config.sevdesk.rateLimiter === 'auto'
      ? dbHandle.engine === 'postgres'
        ? 'database'
        : 'memory'
      : config.sevdesk.rateLimiter;
  if (mode === 'memory') return new TokenBucketRateLimiter();
  // A request holds its account at most as long as the client waits for it.
  return new DatabaseRateLimiter(dbHandle.db, {
    holdMs: config.sevdesk.requestTimeoutMs + 1_000,
    ...(logger ? { logger } : {}),
  });
}
