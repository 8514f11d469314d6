import type { AppContext } from '../../../app/context.js';
import { CUSTOMER_SYNC_QUEUE, TRANSFER_QUEUE } from '../../../app/transfer/queues.js';
import type { JobStatus, JobView } from '../../../ports/job-queue.js';

// The "Aktionen" list: jobs from the queue port (either engine) with what they are about — the document of a
// transfer job, the customer of a sync job — looked up for the jobs of this page only.

export const QUEUE_TABS = ['pending', 'running', 'failed', 'dead', 'cancelled', 'succeeded'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export interface JobRowView {
  job: JobView;
  /** "failed" = pending again after a failed attempt. */
  tab: QueueTab;
  shopName: string | null;
  document: { id: string; number: string | null } | null;
  customer: { id: string; email: string | null } | null;
}

export const tabOf = (job: JobView): QueueTab =>
  job.status === 'pending' && job.attempts > 0 && job.lastError ? 'failed' : job.status;

const PAGE = 50;

export async function loadJobPage(
  ctx: AppContext,
  tab: QueueTab,
  before: string | undefined,
): Promise<{ rows: JobRowView[]; nextBefore: string | null }> {
  const status: JobStatus = tab === 'failed' ? 'pending' : tab;
  let jobs: JobView[];
  let nextBefore: string | null;
  if (tab === 'failed' || tab === 'pending') {
    // The port filters by status only; "failed" and "pending" split the pending jobs. Read ahead in batches.
    // Scanning is capped, so a huge backlog does not make the page slow; "older" continues the scan.
    jobs = [];
    let cursor = before;
    let exhausted = false;
    for (let batches = 0; jobs.length <= PAGE && !exhausted && batches < 10; batches++) {
      const batch = await ctx.queue.list({ status, limit: 200, before: cursor });
      exhausted = batch.length < 200;
      cursor = batch[batch.length - 1]?.id ?? cursor;
      jobs.push(...batch.filter((j) => tabOf(j) === tab));
    }
    nextBefore = jobs.length > PAGE ? (jobs[PAGE - 1]?.id ?? null) : exhausted ? null : (cursor ?? null);
    jobs = jobs.slice(0, PAGE);
  } else {
    const batch = await ctx.queue.list({ status, limit: PAGE + 1, before });
    nextBefore = batch.length > PAGE ? (batch[PAGE - 1]?.id ?? null) : null;
    jobs = batch.slice(0, PAGE);
  }
  return { rows: await describeJobs(ctx, jobs), nextBefore };
}

export async function describeJobs(ctx: AppContext, jobs: JobView[]): Promise<JobRowView[]> {
  const transferIds = jobs
    .filter((j) => j.queue === TRANSFER_QUEUE && typeof j.payload.transferId === 'string')
    .map((j) => j.payload.transferId as string);
  const customerIds = jobs
    .filter((j) => j.queue === CUSTOMER_SYNC_QUEUE && typeof j.payload.customerId === 'string')
    .map((j) => j.payload.customerId as string);
  const shopIds = [...new Set(jobs.map((j) => j.shopId).filter((s): s is string => s !== null))];
  const [docs, customers, shops] = await Promise.all([
    transferIds.length
      ? ctx.db
          .selectFrom('transfers as t')
          .innerJoin('documents as d', 'd.id', 't.document_id')
          .select(['t.id as transfer_id', 'd.id', 'd.number'])
          .where('t.id', 'in', transferIds)
          .execute()
      : [],
    customerIds.length
      ? ctx.db.selectFrom('customers').select(['id', 'email']).where('id', 'in', customerIds).execute()
      : [],
    shopIds.length ? ctx.db.selectFrom('shops').select(['id', 'name']).where('id', 'in', shopIds).execute() : [],
  ]);
  const docByTransfer = new Map(docs.map((d) => [d.transfer_id, { id: d.id, number: d.number }]));
  const customerById = new Map(customers.map((c) => [c.id, { id: c.id, email: c.email }]));
  const shopName = new Map(shops.map((s) => [s.id, s.name]));
  return jobs.map((job) => ({
    job,
    tab: tabOf(job),
    shopName: job.shopId ? (shopName.get(job.shopId) ?? job.shopId) : null,
    document: job.queue === TRANSFER_QUEUE ? (docByTransfer.get(String(job.payload.transferId)) ?? null) : null,
    customer: job.queue === CUSTOMER_SYNC_QUEUE ? (customerById.get(String(job.payload.customerId)) ?? null) : null,
  }));
}

export type QueueCounts = Record<JobStatus, number> & { failed: number; failedCapped: boolean };

const FAILED_SCAN = 1000;

/**
 * Counts per tab from the queue's stats. "failed" is the part of pending that already failed once; the port does not
 * count it, so it is counted over the newest pending jobs (capped: shown as "1000+").
 */
export async function queueCounts(ctx: AppContext): Promise<QueueCounts> {
  const counts: QueueCounts = {
    pending: 0,
    running: 0,
    succeeded: 0,
    dead: 0,
    cancelled: 0,
    failed: 0,
    failedCapped: false,
  };
  for (const row of await ctx.queue.stats()) counts[row.status] += row.count;
  if (counts.pending > 0) {
    const pending = await ctx.queue.list({ status: 'pending', limit: FAILED_SCAN });
    counts.failed = pending.filter((j) => tabOf(j) === 'failed').length;
    counts.failedCapped = pending.length === FAILED_SCAN && counts.pending > FAILED_SCAN;
  }
  return counts;
}
