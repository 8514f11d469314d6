import { PgBossJobQueue } from '../../src/queue/pgboss/pgboss-job-queue.js';
import { freshDb, pgAvailable } from '../support/databases.js';
import { jobQueueContract } from './job-queue.contract.js';

// The pg-boss adapter against the contract every queue adapter passes. Time is controlled through the adapter's
// `now` option, which every time-dependent statement uses instead of the database clock.
jobQueueContract(
  'pg-boss on PostgreSQL',
  async () => {
    const handle = await freshDb('postgres');
    let offset = 0;
    const queue = await PgBossJobQueue.start(handle.db, {
      connectionString: handle.url,
      now: () => Date.now() + offset,
      random: () => 1,
      maintenance: false,
    });
    return {
      db: handle.db,
      queue,
      advance: async (ms: number) => {
        offset += ms;
      },
      close: async () => {
        await queue.stop();
        await handle.close();
      },
    };
  },
  { skip: !pgAvailable() },
);
