// Child process for the multi-process test: one worker process claiming from the shared pg-boss queue. It records
// when each job's work starts and ends (database clock) so the parent can check that no two jobs of one shop
// overlapped across processes.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createDb } from '../../src/db/create-db.js';
import { PgBossJobQueue } from '../../src/queue/pgboss/pgboss-job-queue.js';

const [url, expectedTotal] = process.argv.slice(2) as [string, string];
const handle = await createDb(url, { poolSize: 4 });
const queue = await PgBossJobQueue.start(handle.db, { connectionString: url, maintenance: false });
let done = 0;
let idle = 0;
while (idle < 25) {
  const jobs = await queue.claim({ queues: ['work'], limit: 3, leaseMs: 30_000 });
  if (jobs.length === 0) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from runs`.execute(handle.db);
    if (rows[0]!.n >= Number(expectedTotal)) break;
    idle++;
    await sleep(20);
    continue;
  }
  idle = 0;
  await Promise.all(
    jobs.map(async (job) => {
      await sql`insert into runs (job_id, shop, pid, started) values (${job.id}, ${job.shopId}, ${process.pid}, clock_timestamp())`.execute(
        handle.db,
      );
      await sleep(1 + Math.random() * 3);
      await sql`update runs set ended = clock_timestamp() where job_id = ${job.id} and pid = ${process.pid}`.execute(
        handle.db,
      );
      await queue.complete(job);
      done++;
    }),
  );
}
await queue.stop();
await handle.close();
process.stdout.write(JSON.stringify({ pid: process.pid, done }));
