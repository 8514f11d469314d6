import type { JobStatus, JobView } from '../../ports/job-queue.js';

// How our job model maps onto pg-boss's `job` rows (pure; no I/O).
//
//   port                      pg-boss row
//   status pending            state created | retry
//   status running            state active (lease = started_on + expire_in)
//   status succeeded | dead   state completed | failed
//   shopId, payload           data = { shopId, payload }
//   dedupeKey                 singleton_key (unique among created|retry|active, our index)
//   maxAttempts               retry_limit + 1
//   attempts consumed         retry_count + (started_on IS NULL ? 0 : 1)
//   runAt                     start_after
//   leaseToken, lastError     output = { leaseToken, lastError, updatedAt }
//
// A claim increments retry_count only when started_on is set (pg-boss's own rule), so "postpone without
// consuming an attempt" is: back to pending with started_on = NULL.

export type BossState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

const STATUS_BY_STATE: Record<BossState, JobStatus> = {
  created: 'pending',
  retry: 'pending',
  active: 'running',
  completed: 'succeeded',
  cancelled: 'cancelled',
  failed: 'dead',
};

export function statusOf(state: BossState): JobStatus {
  return STATUS_BY_STATE[state];
}

export function statesOf(status: JobStatus): BossState[] {
  return (Object.keys(STATUS_BY_STATE) as BossState[]).filter((s) => STATUS_BY_STATE[s] === status);
}

export interface JobEnvelope {
  shopId: string | null;
  payload: Record<string, unknown>;
}

export interface JobOutput {
  leaseToken?: string;
  lastError?: string;
  updatedAt?: number;
  /** pg-boss writes `{ value: { message } }` when its maintenance expires a job. */
  value?: { message?: string };
  message?: string;
}

/** A `pgboss.job` row as our queries select it (times as epoch milliseconds). */
export interface BossJobRow {
  id: string;
  name: string;
  data: JobEnvelope | null;
  state: BossState;
  retry_count: number;
  retry_limit: number;
  started: boolean;
  singleton_key: string | null;
  output: JobOutput | null;
  run_at: number;
  locked_until: number | null;
  created_at: number;
  changed_at: number;
}

export function lastErrorOf(output: JobOutput | null): string | null {
  return output?.lastError ?? output?.value?.message ?? output?.message ?? null;
}

export function toJobView(r: BossJobRow): JobView {
  return {
    id: r.id,
    queue: r.name,
    shopId: r.data?.shopId ?? null,
    payload: r.data?.payload ?? {},
    status: statusOf(r.state),
    attempts: r.retry_count + (r.started ? 1 : 0),
    maxAttempts: r.retry_limit + 1,
    runAt: Math.round(r.run_at),
    lockedUntil: r.state === 'active' && r.locked_until !== null ? Math.round(r.locked_until) : null,
    dedupeKey: r.singleton_key,
    lastError: lastErrorOf(r.output),
    createdAt: Math.round(r.created_at),
    updatedAt: Math.round(r.output?.updatedAt ?? r.changed_at),
  };
}
