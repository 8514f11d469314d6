import type { AppContext } from './app/context.js';
import type { AppConfig } from './config/schema.js';
import { createDb, type DbHandle } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { loadSecretBox } from './lib/crypto/secret-box.js';
import { createLogger, type Logger } from './lib/logger.js';
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
  const queue = new SqlJobQueue(dbHandle.db);
  const ctx: AppContext = {
    config,
    db: dbHandle.db,
    engine: dbHandle.engine,
    queue,
    secrets,
    logger,
    now: () => new Date(),
  };
  return { ctx, dbHandle, close: () => dbHandle.close() };
}
