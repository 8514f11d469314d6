import { type RawBuilder, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { inTransaction } from '../../db/transaction.js';
import { validationError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
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
import { type BossJobRow, type BossState, type JobEnvelope, statesOf, statusOf, toJobView } from './job-mapping.js';
import { kyselyExecutor } from './kysely-executor.js';
import { ADVISORY_NAMESPACE, DEFAULT_PGBOSS_SCHEMA, assertSchemaName, installQueueIndexes } from './schema.js';
import { isUuid, uuidV7 } from './uuid-v7.js';

// The distributed adapter: jobs live in pg-boss's tables (schema `pgboss`) in the application's PostgreSQL
// database. pg-boss owns the storage, its schema migrations, queue partitions, retention and maintenance, and the
// transactional insert (`send` with `{ db }` bound to the caller's Kysely transaction). The claim and every state
// change of a leased job are our SQL against those tables, because pg-boss has no notion of "one running job per
// shop" (its fetch takes the oldest rows of a queue, so one shop's backlog would starve the others) and its
// fetch/fail read the database clock, which tests need to control. See docs/decisions/0002-pgboss-adapter.md.

export interface PgBossJobQueueOptions {
  /** Connection string for pg-boss's own small pool (schema install, queue creation, maintenance). */
  connectionString: string;
  schema?: string;
  /** Clock for every time-dependent statement. Default: the database clock `now()`, shared by all workers. */
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  defaultMaxAttempts?: number;
  /** Run pg-boss maintenance in this process: expire lost leases, archive finished jobs, drop old archives. */
  maintenance?: boolean;
  /** Finished jobs stay in the live table this long before pg-boss archives them. */
  archiveCompletedAfterSeconds?: number;
  /** Dead jobs stay retryable this long before pg-boss archives them. */
  archiveFailedAfterSeconds?: number;
  logger?: Logger;
}

const SELECT_COLUMNS = sql.raw(`id::text as id, name, data, state, retry_count, retry_limit,
  started_on is not null as started, singleton_key, output,
  extract(epoch from start_after)::float8 * 1000 as run_at,
  extract(epoch from started_on + expire_in)::float8 * 1000 as locked_until,
  extract(epoch from created_on)::float8 * 1000 as created_at,
  extract(epoch from greatest(created_on, started_on, completed_on))::float8 * 1000 as changed_at`);

interface ClaimedRow {
  id: string;
  name: string;
  data: JobEnvelope | null;
  state: BossState;
  retry_count: number;
  retry_limit: number;
  lease_token: string | null;
}

export class PgBossJobQueue implements InspectableJobQueue {
  private readonly schema: string;
  private readonly clock: (() => number) | undefined;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly defaultMaxAttempts: number;
  private readonly knownQueues = new Set<string>();
  private readonly creatingQueues = new Map<string, Promise<void>>();
  /** Round-robin cursor over shops (decision 0006): the last shop this instance tried to claim for. */
  private rotation = '';

  private constructor(
    private readonly db: Db,
    private readonly boss: PgBoss,
    opts: PgBossJobQueueOptions,
  ) {
    this.schema = assertSchemaName(opts.schema ?? DEFAULT_PGBOSS_SCHEMA);
    this.clock = opts.now;
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.defaultMaxAttempts = opts.defaultMaxAttempts ?? 10;
  }

  /** Start pg-boss (installing or migrating its schema), add our indexes, and return the queue. */
  static async start(db: Db, opts: PgBossJobQueueOptions): Promise<PgBossJobQueue> {
    const schema = assertSchemaName(opts.schema ?? DEFAULT_PGBOSS_SCHEMA);
    const maintenance = opts.maintenance ?? true;
    const boss = new PgBoss({
      connectionString: opts.connectionString,
      schema,
      max: 2,
      application_name: 'belegfluss-pgboss',
      migrate: true,
      supervise: maintenance,
      schedule: false,
      archiveCompletedAfterSeconds: opts.archiveCompletedAfterSeconds ?? 24 * 3600,
      archiveFailedAfterSeconds: opts.archiveFailedAfterSeconds ?? 30 * 24 * 3600,
      deleteAfterDays: 90,
    });
    // An unhandled 'error' event would crash the process; pg-boss reports maintenance hiccups through it.
    boss.on('error', (err) => opts.logger?.warn({ err: { message: err.message } }, 'pg-boss reported an error'));
    try {
      await boss.start();
    } catch (e) {
      // stop() is a no-op before a successful start, but the pool is already open: close it, or it keeps the
      // process alive.
      const pool = boss.getDb() as { opened?: boolean; close?: () => Promise<void> };
      if (pool.opened) await pool.close?.().catch(() => {});
      throw e;
    }
    try {
      await installQueueIndexes(db, schema);
    } catch (e) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw e;
    }
    return new PgBossJobQueue(db, boss, opts);
  }

  /** Stop pg-boss's maintenance and close its pool (the application's Kysely pool is the caller's). */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true });
  }

  /** Run pg-boss's maintenance once now: expire lost leases (database clock), archive finished jobs, drop old ones. */
  async runMaintenance(): Promise<void> {
    await this.boss.maintain();
  }

  private get job() {
    return sql.id(this.schema, 'job');
  }

  private state(s: BossState): RawBuilder<unknown> {
    return sql.raw(`'${s}'::${this.schema}.job_state`);
  }

  /** The statement's "now": our clock when one is configured, else the database's. */
  private nowSql(): RawBuilder<Date> {
    return this.clock ? sql<Date>`${new Date(this.clock())}::timestamptz` : sql<Date>`now()`;
  }

  private afterMs(ms: number): RawBuilder<Date> {
    return sql<Date>`(${this.nowSql()} + ${Math.max(0, Math.round(ms))}::float8 * interval '1 millisecond')`;
  }

  private nowMsSql(): RawBuilder<number> {
    return sql<number>`round(extract(epoch from ${this.nowSql()}) * 1000)::bigint`;
  }

  // ---- producer ----------------------------------------------------------------------------------------------

  /** pg-boss inserts only into queues it knows (the insert joins its queue table), so create them first. */
  private async ensureQueue(name: string): Promise<void> {
    if (this.knownQueues.has(name)) return;
    let creating = this.creatingQueues.get(name);
    if (!creating) {
      // Through pg-boss's own pool, never the caller's transaction: creating a queue is DDL (a new partition).
      creating = this.boss
        .createQueue(name, { name, policy: 'standard' })
        .then(() => {
          this.knownQueues.add(name);
        })
        .finally(() => this.creatingQueues.delete(name));
      this.creatingQueues.set(name, creating);
    }
    await creating;
  }

  async enqueue(tx: Db, input: EnqueueInput): Promise<string | null> {
    if (!input.queue) throw validationError('queue name is required');
    await this.ensureQueue(input.queue);
    const nowMs = this.clock?.();
    const runAt = input.runAt === undefined ? nowMs : +input.runAt;
    const maxAttempts = Math.max(1, input.maxAttempts ?? this.defaultMaxAttempts);
    const data: JobEnvelope = { shopId: input.shopId ?? null, payload: input.payload };
    return this.boss.send(input.queue, data, {
      db: kyselyExecutor(tx),
      id: uuidV7(nowMs),
      ...(runAt === undefined ? {} : { startAfter: new Date(runAt) }),
      ...(input.dedupeKey ? { singletonKey: input.dedupeKey } : {}),
      retryLimit: maxAttempts - 1,
      retryDelay: 0,
      retryBackoff: false,
      // pg-boss archives pending jobs past keep_until; an accounting transfer must never silently expire.
      retentionDays: 3650,
    });
  }

  // ---- consumer ----------------------------------------------------------------------------------------------

  async claim(opts: ClaimOptions): Promise<LeasedJob[]> {
    if (opts.limit <= 0 || opts.queues.length === 0) return [];
    const rows = await inTransaction(this.db, async (tx) => {
      const claimed = await this.claimShopJobs(tx, opts);
      const free = opts.limit - claimed.length;
      if (free > 0) claimed.push(...(await this.claimShoplessJobs(tx, opts, free)));
      return claimed;
    });
    return rows
      .filter((r) => r.state === 'active')
      .map((r) => ({
        id: r.id,
        queue: r.name,
        shopId: r.data?.shopId ?? null,
        payload: r.data?.payload ?? {},
        attempt: r.retry_count + 1,
        maxAttempts: r.retry_limit + 1,
        leaseToken: r.lease_token!,
      }));
  }

  /** A due row of our queues: pending and due, or running with an expired lease (its worker is gone). */
  private dueCondition(alias: string, now: RawBuilder<Date>) {
    const t = sql.raw(alias);
    return sql`((${t}.state < 'active' and ${t}.start_after <= ${now})
      or (${t}.state = 'active' and ${t}.started_on + ${t}.expire_in <= ${now}))`;
  }

  /**
   * Take the lease. An expired lease counts as a consumed attempt; if it was the last one the job is dead.
   * retry_count grows only when the job had started before (a postponed job has started_on = NULL).
   */
  private claimSet(now: RawBuilder<Date>, leaseMs: number) {
    const exhausted = sql`(j.state = 'active' and j.retry_count >= j.retry_limit)`;
    return sql`
      state = case when ${exhausted} then ${this.state('failed')} else ${this.state('active')} end,
      retry_count = case when ${exhausted} or j.started_on is null then j.retry_count else j.retry_count + 1 end,
      started_on = case when ${exhausted} then j.started_on else ${now} end,
      completed_on = case when ${exhausted} then ${now} else null end,
      expire_in = case when ${exhausted} then j.expire_in
        else ${Math.max(1, Math.round(leaseMs))}::float8 * interval '1 millisecond' end,
      output = case when ${exhausted}
        then (coalesce(j.output, '{}'::jsonb) - 'leaseToken')
          || jsonb_build_object('lastError', coalesce(j.output->>'lastError', 'lease expired'), 'updatedAt', ${this.nowMsSql()})
        else coalesce(j.output, '{}'::jsonb)
          || jsonb_build_object('leaseToken', gen_random_uuid()::text, 'updatedAt', ${this.nowMsSql()}) end`;
  }

  private readonly claimedColumns = sql.raw(
    `j.id::text as id, j.name, j.data, j.state, j.retry_count, j.retry_limit, j.output->>'leaseToken' as lease_token`,
  );

  /**
   * Fair, per-shop exclusive claim:
   *  1. candidate shops: a skip scan over the `due` index lists every shop with a backlog (one index probe per
   *     shop, independent of backlog size); shops with a running job are dropped; the rest are taken round-robin
   *     by shop id after the last shop this instance claimed for, so a fresh job of a quiet shop waits at most one
   *     round over the busy shops, however old and long their backlogs are (decision 0006);
   *  2. a transaction-scoped advisory try-lock per shop serialises claimers per shop (a busy lock = skip it now);
   *  3. under the lock, a fresh statement re-checks that the shop has no running job and leases its oldest due job.
   */
  private async claimShopJobs(tx: Db, opts: ClaimOptions): Promise<ClaimedRow[]> {
    const now = this.nowSql();
    const queues = opts.queues;
    const exclude = opts.excludeShops ?? [];
    const job = this.job;
    const candidates = await sql<{ shop: string }>`
      with recursive shops(shop) as (
        (select data->>'shopId' from ${job}
          where name = any(${queues}::text[]) and state < 'active' and data->>'shopId' is not null
          order by data->>'shopId' limit 1)
        union all
        select (select data->>'shopId' from ${job}
                 where name = any(${queues}::text[]) and state < 'active' and data->>'shopId' > s.shop
                 order by data->>'shopId' limit 1)
        from shops s where s.shop is not null
      ),
      pending as (
        select s.shop, (select min(start_after) from ${job} p
                         where p.name = any(${queues}::text[]) and p.state < 'active' and p.data->>'shopId' = s.shop) as due
        from shops s where s.shop is not null
      ),
      expired as (
        select data->>'shopId' as shop, min(started_on + expire_in) as due from ${job}
        where name = any(${queues}::text[]) and state = 'active' and data->>'shopId' is not null
          and started_on + expire_in <= ${now}
        group by 1
      ),
      busy as (
        select distinct data->>'shopId' as shop from ${job}
        where state = 'active' and data->>'shopId' is not null and started_on + expire_in > ${now}
      )
      select c.shop from (
        select shop, due from pending where due <= ${now}
        union all
        select shop, due from expired
      ) c
      where c.shop not in (select shop from busy) and not (c.shop = any(${exclude}::text[]))
      group by c.shop
      order by case when c.shop > ${this.rotation} then 0 else 1 end, c.shop
      limit ${opts.limit}`.execute(tx);
    if (candidates.rows.length === 0) return [];
    this.rotation = candidates.rows.at(-1)!.shop;

    const locked = await sql<{ shop: string }>`
      select shop from unnest(${candidates.rows.map((r) => r.shop)}::text[]) as shop
      where pg_try_advisory_xact_lock(${ADVISORY_NAMESPACE}, hashtext(shop))`.execute(tx);
    if (locked.rows.length === 0) return [];

    const claimed = await sql<ClaimedRow>`
      with picked as (
        select c.name, c.id from unnest(${locked.rows.map((r) => r.shop)}::text[]) as s(shop)
        cross join lateral (
          select u.name, u.id from (
            (select name, id, start_after as due from ${job}
              where name = any(${queues}::text[]) and state < 'active' and data->>'shopId' = s.shop
                and start_after <= ${now}
              order by start_after, id limit 1)
            union all
            (select name, id, started_on + expire_in as due from ${job}
              where name = any(${queues}::text[]) and state = 'active' and data->>'shopId' = s.shop
                and started_on + expire_in <= ${now}
              order by 3 limit 1)
          ) u order by u.due limit 1
        ) c
        where not exists (
          select 1 from ${job} a
          where a.state = 'active' and a.data->>'shopId' = s.shop and a.started_on + a.expire_in > ${now})
      )
      update ${job} j set ${this.claimSet(now, opts.leaseMs)}
      from picked
      where j.name = picked.name and j.id = picked.id and ${this.dueCondition('j', now)}
      returning ${this.claimedColumns}`.execute(tx);
    return claimed.rows;
  }

  /** Jobs without a shop have no exclusivity: plain SKIP LOCKED, oldest due first. */
  private async claimShoplessJobs(tx: Db, opts: ClaimOptions, limit: number): Promise<ClaimedRow[]> {
    const now = this.nowSql();
    const job = this.job;
    const claimed = await sql<ClaimedRow>`
      with due as (
        select name, id, start_after as due from ${job}
        where name = any(${opts.queues}::text[]) and state < 'active' and data->>'shopId' is null
          and start_after <= ${now}
        order by start_after, id limit ${limit}
        for update skip locked
      ),
      expired as (
        select name, id, started_on + expire_in as due from ${job}
        where name = any(${opts.queues}::text[]) and state = 'active' and data->>'shopId' is null
          and started_on + expire_in <= ${now}
        order by started_on limit ${limit}
        for update skip locked
      ),
      picked as (
        select name, id from (select * from due union all select * from expired) c order by c.due limit ${limit}
      )
      update ${job} j set ${this.claimSet(now, opts.leaseMs)}
      from picked
      where j.name = picked.name and j.id = picked.id and ${this.dueCondition('j', now)}
      returning ${this.claimedColumns}`.execute(tx);
    return claimed.rows;
  }

  /** Every change to a leased job is guarded by its lease token: a worker that lost its lease changes nothing. */
  private async updateLeased(job: LeasedJob, set: ReturnType<typeof sql>): Promise<boolean> {
    const res = await sql`
      update ${this.job} j set ${set}
      where j.name = ${job.queue} and j.id = ${job.id}::uuid and j.state = 'active'
        and j.output->>'leaseToken' = ${job.leaseToken}`.execute(this.db);
    return Number(res.numAffectedRows ?? 0n) > 0;
  }

  private outputWith(fields: RawBuilder<unknown>) {
    return sql`(coalesce(j.output, '{}'::jsonb) - 'leaseToken') || ${fields}`;
  }

  async complete(job: LeasedJob): Promise<void> {
    await this.updateLeased(
      job,
      sql`state = ${this.state('completed')}, completed_on = ${this.nowSql()},
        output = ${this.outputWith(sql`jsonb_build_object('updatedAt', ${this.nowMsSql()})`)}`,
    );
  }

  async fail(job: LeasedJob, error: string, opts: { permanent?: boolean } = {}): Promise<'retrying' | 'dead'> {
    const dead = opts.permanent || job.attempt >= job.maxAttempts;
    const output = this.outputWith(
      sql`jsonb_build_object('lastError', ${error}::text, 'updatedAt', ${this.nowMsSql()})`,
    );
    await this.updateLeased(
      job,
      dead
        ? sql`state = ${this.state('failed')}, completed_on = ${this.nowSql()}, output = ${output}`
        : sql`state = ${this.state('retry')},
            start_after = ${this.afterMs(backoffDelay(job.attempt, this.backoff, this.random))}, output = ${output}`,
    );
    return dead ? 'dead' : 'retrying';
  }

  async postpone(job: LeasedJob, delayMs: number, reason: string): Promise<void> {
    // started_on = NULL: the next claim does not count this attempt.
    await this.updateLeased(
      job,
      sql`state = case when j.retry_count > 0 then ${this.state('retry')} else ${this.state('created')} end,
        started_on = null, start_after = ${this.afterMs(delayMs)},
        output = ${this.outputWith(sql`jsonb_build_object('lastError', ${reason}::text, 'updatedAt', ${this.nowMsSql()})`)}`,
    );
  }

  extendLease(job: LeasedJob, leaseMs: number): Promise<boolean> {
    return this.updateLeased(
      job,
      sql`expire_in = (${this.nowSql()} - j.started_on) + ${Math.max(1, Math.round(leaseMs))}::float8 * interval '1 millisecond'`,
    );
  }

  // ---- inspection (admin, CLI) -------------------------------------------------------------------------------

  private ourQueues() {
    return sql`(select name from ${sql.id(this.schema, 'queue')})`;
  }

  async list(filter: JobListFilter): Promise<JobView[]> {
    const statuses = filter.status === undefined ? undefined : ([] as JobStatus[]).concat(filter.status);
    const states = statuses?.flatMap(statesOf);
    if (filter.before !== undefined && !isUuid(filter.before))
      throw validationError('before must be a job id', [{ path: 'before', message: 'not a job id' }]);
    const where = [sql`true`];
    if (states) where.push(sql`state = any(${states}::text[]::${sql.raw(this.schema)}.job_state[])`);
    if (filter.queue !== undefined) where.push(sql`name = ${filter.queue}`);
    if (filter.shopId !== undefined) where.push(sql`data->>'shopId' = ${filter.shopId}`);
    if (filter.before !== undefined) where.push(sql`id < ${filter.before}::uuid`);
    const rows = await sql<BossJobRow>`
      select ${SELECT_COLUMNS} from ${this.job}
      where ${sql.join(where, sql` and `)}
      order by id desc limit ${Math.min(Math.max(filter.limit ?? 50, 1), 1000)}`.execute(this.db);
    return rows.rows.map(toJobView);
  }

  async get(id: string): Promise<JobView | null> {
    if (!isUuid(id)) return null;
    // The primary key is (name, id): naming the queues lets PostgreSQL probe it instead of scanning.
    const rows = await sql<BossJobRow>`
      (select ${SELECT_COLUMNS} from ${this.job} where name in ${this.ourQueues()} and id = ${id}::uuid)
      union all
      (select ${SELECT_COLUMNS} from ${sql.id(this.schema, 'archive')} where name in ${this.ourQueues()} and id = ${id}::uuid)
      limit 1`.execute(this.db);
    const row = rows.rows[0];
    return row ? toJobView(row) : null;
  }

  async retry(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    try {
      const res = await sql`
        update ${this.job} j set state = ${this.state('created')}, retry_count = 0, started_on = null,
          completed_on = null, start_after = ${this.nowSql()},
          output = ${this.outputWith(sql`jsonb_build_object('updatedAt', ${this.nowMsSql()})`)}
        where j.name in ${this.ourQueues()} and j.id = ${id}::uuid
          and j.state in ('failed', 'cancelled', 'created', 'retry')`.execute(this.db);
      return Number(res.numAffectedRows ?? 0n) > 0;
    } catch (e) {
      // Reviving a job whose dedupe key is active again: that newer job does the work.
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async cancel(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const res = await sql`
      update ${this.job} j set state = ${this.state('cancelled')}, completed_on = ${this.nowSql()},
        output = ${this.outputWith(sql`jsonb_build_object('updatedAt', ${this.nowMsSql()})`)}
      where j.name in ${this.ourQueues()} and j.id = ${id}::uuid and j.state < 'active'`.execute(this.db);
    return Number(res.numAffectedRows ?? 0n) > 0;
  }

  async stats(): Promise<QueueStatsRow[]> {
    const rows = await sql<{ shop_id: string | null; name: string; state: BossState; count: number }>`
      select data->>'shopId' as shop_id, name, state, count(*)::int as count from ${this.job}
      group by 1, 2, 3`.execute(this.db);
    // created and retry are both "pending": merge them.
    const merged = new Map<string, QueueStatsRow>();
    for (const r of rows.rows) {
      const status = statusOf(r.state);
      const key = JSON.stringify([r.shop_id, r.name, status]);
      const row = merged.get(key) ?? { shopId: r.shop_id, queue: r.name, status, count: 0 };
      row.count += Number(r.count);
      merged.set(key, row);
    }
    return [...merged.values()];
  }

  async deferShop(shopId: string, until: number): Promise<number> {
    const res = await sql`
      update ${this.job} j set start_after = ${new Date(until)}::timestamptz
      where j.data->>'shopId' = ${shopId} and j.state < 'active' and j.start_after < ${new Date(until)}::timestamptz`.execute(
      this.db,
    );
    return Number(res.numAffectedRows ?? 0n);
  }
}
