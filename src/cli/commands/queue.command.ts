import type { Command } from 'commander';
import { createJobQueue } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import { createDb } from '../../db/create-db.js';
import { AppError, validationError } from '../../lib/errors.js';
import type { InspectableJobQueue, JobStatus, JobView, QueueStatsRow } from '../../ports/job-queue.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';

// `belegfluss queue …`: look at and act on the job queue of either engine (embedded or pg-boss) from a shell.
// The operator's view of transfers is the admin UI; this is for the people who run the machines.

const STATUSES: JobStatus[] = ['pending', 'running', 'succeeded', 'dead', 'cancelled'];

async function withQueue<T>(opts: Record<string, unknown>, fn: (queue: InspectableJobQueue) => Promise<T>): Promise<T> {
  const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config as string | undefined });
  const handle = await createDb(config.databaseUrl);
  try {
    // No maintenance from a one-shot command: the long-running processes do that.
    const { queue, close } = await createJobQueue(config, handle, { maintenance: false });
    try {
      return await fn(queue);
    } finally {
      await close();
    }
  } catch (e) {
    if (/no such table: jobs|relation "jobs" does not exist/.test((e as Error).message))
      throw new AppError(
        'config',
        'not_migrated',
        `The database ${handle.location} has no job queue yet; run \`belegfluss migrate\` first.`,
      );
    throw e;
  } finally {
    await handle.close();
  }
}

function parseStatuses(values: string[] | undefined): JobStatus[] | undefined {
  if (!values || values.length === 0) return undefined;
  const list = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const bad = list.filter((v) => !STATUSES.includes(v as JobStatus));
  if (bad.length > 0)
    throw validationError(`--status: unknown status ${bad.join(', ')} (one of ${STATUSES.join(', ')})`, [
      { path: 'status', message: `one of ${STATUSES.join(', ')}` },
    ]);
  return list as JobStatus[];
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw validationError('--limit: must be a whole number from 1 to 1000', [
      { path: 'limit', message: 'must be 1–1000' },
    ]);
  return n;
}

/** Fixed-width columns; the last column is not padded. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('.000Z', 'Z'));
const oneLine = (s: string | null, max = 60) => {
  const t = (s ?? '').replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function formatJobs(jobs: JobView[]): string {
  if (jobs.length === 0) return 'No jobs.';
  return formatTable(
    ['ID', 'QUEUE', 'SHOP', 'STATUS', 'ATTEMPTS', 'RUN AT', 'LAST ERROR'],
    jobs.map((j) => [
      j.id,
      j.queue,
      j.shopId ?? '-',
      j.status,
      `${j.attempts}/${j.maxAttempts}`,
      iso(j.runAt),
      oneLine(j.lastError),
    ]),
  );
}

/** Backlog per shop and queue, one column per state. */
export function formatStats(stats: QueueStatsRow[]): string {
  if (stats.length === 0) return 'The queue is empty.';
  const byKey = new Map<string, { shop: string; queue: string; counts: Record<JobStatus, number> }>();
  for (const s of stats) {
    const shop = s.shopId ?? '-';
    const key = `${shop}\u0000${s.queue}`;
    const row = byKey.get(key) ?? {
      shop,
      queue: s.queue,
      counts: { pending: 0, running: 0, succeeded: 0, dead: 0, cancelled: 0 },
    };
    row.counts[s.status] += s.count;
    byKey.set(key, row);
  }
  const rows = [...byKey.values()].sort((a, b) => a.shop.localeCompare(b.shop) || a.queue.localeCompare(b.queue));
  const total = { pending: 0, running: 0, succeeded: 0, dead: 0, cancelled: 0 } as Record<JobStatus, number>;
  for (const r of rows) for (const s of STATUSES) total[s] += r.counts[s];
  return formatTable(
    ['SHOP', 'QUEUE', ...STATUSES.map((s) => s.toUpperCase())],
    [
      ...rows.map((r) => [r.shop, r.queue, ...STATUSES.map((s) => String(r.counts[s]))]),
      ['(all)', '', ...STATUSES.map((s) => String(total[s]))],
    ],
  );
}

export function registerQueueCommand(program: Command): void {
  const queue = program
    .command('queue')
    .description('inspect the job queue and retry or cancel jobs (embedded queue or pg-boss)');

  addConfigFlags(queue.command('ls').description('list jobs, newest first'))
    .option('--status <status...>', `only these states: ${STATUSES.join(', ')}`)
    .option('--shop <shopId>', 'only jobs of this shop')
    .option('--queue <name>', 'only jobs of this queue (e.g. sevdesk.transfer)')
    .option('--limit <n>', 'at most this many jobs (1–1000, default 50)')
    .option('--before <id>', 'jobs older than this job id (next page)')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts) => {
      const status = parseStatuses(opts.status);
      const limit = parseLimit(opts.limit);
      const jobs = await withQueue(opts, (q) =>
        q.list({
          ...(status ? { status } : {}),
          ...(opts.shop ? { shopId: opts.shop } : {}),
          ...(opts.queue ? { queue: opts.queue } : {}),
          ...(opts.before ? { before: opts.before } : {}),
          limit,
        }),
      );
      console.log(opts.json ? JSON.stringify(jobs, null, 2) : formatJobs(jobs));
    });

  addConfigFlags(queue.command('stats').description('backlog per shop, queue and state'))
    .option('--json', 'print JSON instead of a table')
    .action(async (opts) => {
      const stats = await withQueue(opts, (q) => q.stats());
      console.log(opts.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
    });

  addConfigFlags(
    queue.command('retry').description('run dead, cancelled or waiting jobs again now, with fresh attempts'),
  )
    .argument('<id...>', 'job ids')
    .action(async (ids: string[], opts) => {
      const failed = await withQueue(opts, async (q) => {
        let notDone = 0;
        for (const id of ids) {
          if (await q.retry(id)) console.log(`retried   ${id}`);
          else {
            notDone++;
            const job = await q.get(id);
            console.log(
              `unchanged ${id} (${job ? `${job.status}; only dead, cancelled or pending jobs` : 'not found'})`,
            );
          }
        }
        return notDone;
      });
      if (failed > 0) process.exitCode = 1;
    });

  addConfigFlags(queue.command('cancel').description('cancel pending jobs (running jobs finish or fail first)'))
    .argument('<id...>', 'job ids')
    .action(async (ids: string[], opts) => {
      const failed = await withQueue(opts, async (q) => {
        let notDone = 0;
        for (const id of ids) {
          if (await q.cancel(id)) console.log(`cancelled ${id}`);
          else {
            notDone++;
            const job = await q.get(id);
            console.log(`unchanged ${id} (${job ? `${job.status}; only pending jobs` : 'not found'})`);
          }
        }
        return notDone;
      });
      if (failed > 0) process.exitCode = 1;
    });
}
