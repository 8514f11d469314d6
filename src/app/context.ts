import type { AppConfig } from '../config/schema.js';
import type { Db } from '../db/database.js';
import type { Engine } from '../db/dialect.js';
import type { SecretBox } from '../lib/crypto/secret-box.js';
import type { Logger } from '../lib/logger.js';
import type { InspectableJobQueue } from '../ports/job-queue.js';
import type { RateLimiter } from '../ports/rate-limiter.js';

// Everything a use case may depend on: ports, not concrete adapters. Built once in main.ts (the composition
// root) or in a test; passed down explicitly.
export interface AppContext {
  config: AppConfig;
  db: Db;
  engine: Engine;
  queue: InspectableJobQueue;
  secrets: SecretBox;
  logger: Logger;
  now: () => Date;
  /** Paces requests per sevDesk account; shared through the database on PostgreSQL (bootstrap). Absent: in-process. */
  rateLimiter?: RateLimiter;
  /** Called after a transaction that enqueued work committed, to wake a local worker early. */
  onJobsEnqueued?: () => void;
}
