import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';
import { freshDb, pgAvailable } from '../support/databases.js';
import { jobQueueContract } from './job-queue.contract.js';

function sqlQueueFixture(engine: 'sqlite' | 'postgres') {
  return async () => {
    const handle = await freshDb(engine);
    let offset = 0;
    const queue = new SqlJobQueue(handle.db, { now: () => Date.now() + offset, random: () => 1 });
    return {
      db: handle.db,
      queue,
      advance: async (ms: number) => {
        offset += ms;
      },
      close: () => handle.close(),
    };
  };
}

jobQueueContract('embedded SQL queue on SQLite', sqlQueueFixture('sqlite'));
jobQueueContract('embedded SQL queue on PostgreSQL', sqlQueueFixture('postgres'), { skip: !pgAvailable() });
