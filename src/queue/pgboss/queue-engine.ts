import type { Engine } from '../../db/dialect.js';
import { AppError } from '../../lib/errors.js';

export type QueueEngineSetting = 'auto' | 'embedded' | 'pgboss';
export type QueueEngine = 'embedded' | 'pgboss';

/**
 * Which job queue adapter to run: pg-boss by default on PostgreSQL (several processes or machines), the embedded
 * SQL queue on SQLite. `embedded` on PostgreSQL is allowed (one queue table next to the documents); pg-boss on
 * SQLite is not possible.
 */
export function resolveQueueEngine(setting: QueueEngineSetting, database: Engine): QueueEngine {
  if (setting === 'embedded') return 'embedded';
  if (setting === 'pgboss') {
    if (database !== 'postgres')
      throw new AppError(
        'config',
        'invalid_config',
        'Invalid configuration: BELEGFLUSS_QUEUE (queue.engine) is pgboss, which needs a postgres:// DATABASE_URL.',
      );
    return 'pgboss';
  }
  return database === 'postgres' ? 'pgboss' : 'embedded';
}
