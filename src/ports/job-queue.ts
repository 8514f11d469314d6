import type { Db } from '../db/database.js';

// The durable job queue port. Two adapters implement it (embedded SQL queue, pg-boss) and both pass
// test/contract/job-queue.contract.ts. Delivery is at least once; effects are made exactly-once by the
// transfer records, never by the queue.

export interface EnqueueInput {
  queue: string;
  /** Small payload: ids only, never documents or secrets. */
  payload: Record<string, unknown>;
  /** Jobs of one shop run one at a time (one sevDesk account, serialised); null = no such constraint. */
  shopId?: string | null;
  runAt?: Date | number;
  /** While a job with this key is pending or running in the same queue, enqueueing another returns null. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface LeasedJob {
  id: string;
  queue: string;
  shopId: string | null;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  leaseToken: string;
}

export type JobStatus = 'pending' | 'running' | 'succeeded' | 'dead' | 'cancelled';

export interface JobView {
  id: string;
  queue: string;
  shopId: string | null;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lockedUntil: number | null;
  dedupeKey: string | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ClaimOptions {
  queues: string[];
  limit: number;
  leaseMs: number;
  /** Shops this worker must not take right now (e.g. rate-limited or paused). */
  excludeShops?: string[];
}

export interface JobQueue {
  /** Enqueue inside the caller's transaction: the job exists if and only if the caller's state change commits. */
  enqueue(tx: Db, input: EnqueueInput): Promise<string | null>;
  /** Claim due jobs (and jobs whose lease expired), at most one running job per shop across all workers. */
  claim(opts: ClaimOptions): Promise<LeasedJob[]>;
  complete(job: LeasedJob): Promise<void>;
  /** The attempt failed. Retried with exponential backoff and jitter, dead after maxAttempts. */
  fail(job: LeasedJob, error: string, opts?: { permanent?: boolean }): Promise<'retrying' | 'dead'>;
  /** Run again after `delayMs` without consuming an attempt (rate limits, paused connections). */
  postpone(job: LeasedJob, delayMs: number, reason: string): Promise<void>;
  /** Keep a long-running job's lease. Returns false if the lease was lost. */
  extendLease(job: LeasedJob, leaseMs: number): Promise<boolean>;
}

export interface JobListFilter {
  status?: JobStatus | JobStatus[];
  queue?: string;
  shopId?: string;
  limit?: number;
  /** Keyset cursor: list jobs with id < before. */
  before?: string;
}

export interface QueueStatsRow {
  shopId: string | null;
  queue: string;
  status: JobStatus;
  count: number;
}

/** Admin-side operations (the "Aktionen" screen, `belegfluss queue`). */
export interface InspectableJobQueue extends JobQueue {
  list(filter: JobListFilter): Promise<JobView[]>;
  get(id: string): Promise<JobView | null>;
  /** Dead, cancelled or pending job → pending now, attempts reset. Returns false if not retryable. */
  retry(id: string): Promise<boolean>;
  /** Pending job → cancelled. Returns false if not cancellable (running, finished). */
  cancel(id: string): Promise<boolean>;
  stats(): Promise<QueueStatsRow[]>;
  /** Move every pending job of a shop to run no earlier than `until` (connection paused). */
  deferShop(shopId: string, until: number): Promise<number>;
}
