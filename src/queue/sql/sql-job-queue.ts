import { randomUUID } from 'node:crypto';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Db, JobsTable } from '../../db/database.js';
import { engineOf } from '../../db/dialect.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../lib/ids.js';
import type {
  ClaimOptions,
  EnqueueInput,
  InspectableJobQueue,
  JobListFilter,
  JobStatus,
  JobView,
  LeasedJob,
  QueueStatsRow,
} from '../../ports/job-queue.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from '../backoff.js';

// The embedded queue: a `jobs` table in the application database, on SQLite (default) or PostgreSQL.
// Claims run in one short write transaction (BEGIN IMMEDIATE on SQLite, a transaction-scoped advisory
// lock on PostgreSQL), so "one running job per shop" holds across processes.

export interface SqlJobQueueOptions {
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  defaultMaxAttempts?: number;
}

const CLAIM_LOCK_KEY = 7_300_421; // arbitrary constant for pg_advisory_xact_lock

export class SqlJobQueue implements InspectableJobQueue {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly defaultMaxAttempts: number;
  /** Round-robin cursor over shops (decision 0006): the last shop this instance tried to claim for. */
  private rotation = '';

  constructor(
    private readonly db: Db,
    opts: SqlJobQueueOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.defaultMaxAttempts = opts.defaultMaxAttempts ?? 10;
  }

  async enqueue(tx: Db, input: EnqueueInput): Promise<string | null> {
    const now = this.now();
    const runAt = input.runAt === undefined ? now : +input.runAt;
    const row: JobsTable = {
      id: newId('job', now),
      queue: input.queue,
      shop_id: input.shopId ?? null,
      payload: JSON.stringify(input.payload),
      status: 'pending',
      attempts: 0,
      max_attempts: input.maxAttempts ?? this.defaultMaxAttempts,
      run_at: runAt,
      locked_until: null,
      lease_token: null,
      dedupe_key: input.dedupeKey ?? null,
      last_error: null,
      created_at: now,
      updated_at: now,
    };
    // ON CONFLICT DO NOTHING against the partial unique index (queue, dedupe_key) over active jobs.
    const res = await tx
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['queue', 'dedupe_key']).where(sql.ref('status'), 'in', sql`('pending', 'running')`).doNothing(),
      )
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0 ? row.id : null;
  }

  async claim(opts: ClaimOptions): Promise<LeasedJob[]> {
    if (opts.limit <= 0 || opts.queues.length === 0) return [];
    return inTransaction(this.db, async (tx) => {
      if (engineOf(tx) === 'postgres') await sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`.execute(tx);
      const now = this.now();
      const busy = await tx
        .selectFrom('jobs')
        .select('shop_id')
        .distinct()
        .where('status', '=', 'running')
        .where('locked_until', '>', now)
        .where('shop_id', 'is not', null)
        .execute();
      const exclude = new Set<string>([...(opts.excludeShops ?? []), ...busy.map((b) => b.shop_id!)]);
      const due = (eb: ExpressionBuilder<Database, 'jobs'>): Expression<SqlBool> =>
        eb.and([
          eb('queue', 'in', opts.queues),
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now)]),
          ]),
        ]);

      // Fairness: one candidate per shop, shops round-robin after the last one this instance claimed for (a
      // fresh job waits at most one round over the busy shops, decision 0006); shop-less jobs fill the rest.
      const shops = await tx
        .selectFrom('jobs')
        .select(['shop_id'])
        .where(due)
        .where('shop_id', 'is not', null)
        .$if(exclude.size > 0, (q) => q.where('shop_id', 'not in', [...exclude]))
        .groupBy('shop_id')
        .orderBy(sql`case when shop_id > ${this.rotation} then 0 else 1 end`)
        .orderBy('shop_id')
        .limit(opts.limit)
        .execute();
      if (shops.length > 0) this.rotation = shops.at(-1)!.shop_id!;
      const picked: JobsTable[] = [];
      for (const s of shops) {
        const job = await tx
          .selectFrom('jobs')
          .selectAll()
          .where(due)
          .where('shop_id', '=', s.shop_id)
          .orderBy('run_at')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (job) picked.push(job);
      }
      if (picked.length < opts.limit) {
        const free = await tx
          .selectFrom('jobs')
          .selectAll()
          .where(due)
          .where('shop_id', 'is', null)
          .orderBy('run_at')
          .orderBy('id')
          .limit(opts.limit - picked.length)
          .execute();
        picked.push(...free);
      }

      const leased: LeasedJob[] = [];
      for (const job of picked) {
        if (job.attempts >= job.max_attempts) {
          // A job whose last allowed attempt crashed (lease expired) is dead, not retried forever.
          await tx
            .updateTable('jobs')
            .set({
              status: 'dead',
              locked_until: null,
              lease_token: null,
              updated_at: now,
              last_error: job.last_error ?? 'lease expired',
            })
            .where('id', '=', job.id)
            .execute();
          continue;
        }
        const leaseToken = randomUUID();
        await tx
          .updateTable('jobs')
          .set({
            status: 'running',
            attempts: job.attempts + 1,
            locked_until: now + opts.leaseMs,
            lease_token: leaseToken,
            updated_at: now,
          })
          .where('id', '=', job.id)
          .execute();
        leased.push({
          id: job.id,
          queue: job.queue,
          shopId: job.shop_id,
          payload: JSON.parse(job.payload),
          attempt: job.attempts + 1,
          maxAttempts: job.max_attempts,
          leaseToken,
        });
      }
      return leased;
    });
  }

  /** Every state change of a leased job is guarded by its lease token: a worker that lost its lease changes nothing. */
  private async updateLeased(job: LeasedJob, set: Partial<JobsTable>): Promise<boolean> {
    const res = await this.db
      .updateTable('jobs')
      .set({ ...set, updated_at: this.now() })
      .where('id', '=', job.id)
      .where('lease_token', '=', job.leaseToken)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async complete(job: LeasedJob): Promise<void> {
    await this.updateLeased(job, { status: 'succeeded', locked_until: null, lease_token: null });
  }

  async fail(job: LeasedJob, error: string, opts: { permanent?: boolean } = {}): Promise<'retrying' | 'dead'> {
    const dead = opts.permanent || job.attempt >= job.maxAttempts;
    await this.updateLeased(
      job,
      dead
        ? { status: 'dead', locked_until: null, lease_token: null, last_error: error }
        : {
            status: 'pending',
            locked_until: null,
            lease_token: null,
            last_error: error,
            run_at: this.now() + backoffDelay(job.attempt, this.backoff, this.random),
          },
    );
    return dead ? 'dead' : 'retrying';
  }

  async postpone(job: LeasedJob, delayMs: number, reason: string): Promise<void> {
    await this.updateLeased(job, {
      status: 'pending',
      locked_until: null,
      lease_token: null,
      last_error: reason,
      attempts: job.attempt - 1,
      run_at: this.now() + Math.max(0, delayMs),
    });
  }

  extendLease(job: LeasedJob, leaseMs: number): Promise<boolean> {
    return this.updateLeased(job, { locked_until: this.now() + leaseMs });
  }

  async list(filter: JobListFilter): Promise<JobView[]> {
    const statuses = filter.status === undefined ? undefined : ([] as JobStatus[]).concat(filter.status);
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .$if(statuses !== undefined, (q) => q.where('status', 'in', statuses!))
      .$if(filter.queue !== undefined, (q) => q.where('queue', '=', filter.queue!))
      .$if(filter.shopId !== undefined, (q) => q.where('shop_id', '=', filter.shopId!))
      .$if(filter.before !== undefined, (q) => q.where('id', '<', filter.before!))
      .orderBy('id', 'desc')
      .limit(Math.min(filter.limit ?? 50, 1000))
      .execute();
    return rows.map(toView);
  }

  async get(id: string): Promise<JobView | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toView(row) : null;
  }

  async retry(id: string): Promise<boolean> {
    const res = await this.db
      .updateTable('jobs')
      .set({
        status: 'pending',
        attempts: 0,
        run_at: this.now(),
        updated_at: this.now(),
        locked_until: null,
        lease_token: null,
      })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'cancelled', 'pending'])
      .executeTakeFirst()
      .catch((e) => {
        // Reviving a job whose dedupe key is already active again: that newer job does the work.
        if (/unique|UNIQUE/.test(String(e))) return { numUpdatedRows: 0n };
        throw e;
      });
    return Number(res.numUpdatedRows) > 0;
  }

  async cancel(id: string): Promise<boolean> {
    const res = await this.db
      .updateTable('jobs')
      .set({ status: 'cancelled', updated_at: this.now() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async stats(): Promise<QueueStatsRow[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['shop_id', 'queue', 'status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['shop_id', 'queue', 'status'])
      .execute();
    return rows.map((r) => ({ shopId: r.shop_id, queue: r.queue, status: r.status, count: Number(r.count) }));
  }

  async deferShop(shopId: string, until: number): Promise<number> {
    const res = await this.db
      .updateTable('jobs')
      .set({ run_at: until, updated_at: this.now() })
      .where('shop_id', '=', shopId)
      .where('status', '=', 'pending')
      .where('run_at', '<', until)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
}

function toView(r: JobsTable): JobView {
  return {
    id: r.id,
    queue: r.queue,
    shopId: r.shop_id,
    payload: JSON.parse(r.payload),
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at,
    lockedUntil: r.locked_until,
    dedupeKey: r.dedupe_key,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
