import { describe, expect, it } from 'vitest';
import { type BossJobRow, lastErrorOf, statesOf, statusOf, toJobView } from './job-mapping.js';

const row = (over: Partial<BossJobRow> = {}): BossJobRow => ({
  id: '0190f3c2-0000-7000-8000-000000000001',
  name: 'sevdesk.transfer',
  data: { shopId: 'shop_1', payload: { transferId: 'trf_1' } },
  state: 'created',
  retry_count: 0,
  retry_limit: 9,
  started: false,
  singleton_key: 'transfer:trf_1',
  output: null,
  run_at: 1_000.4,
  locked_until: null,
  created_at: 900,
  changed_at: 950,
  ...over,
});

describe('pg-boss job mapping', () => {
  it('maps every pg-boss state to one port status and back', () => {
    expect(statesOf('pending')).toEqual(['created', 'retry']);
    expect(statesOf('running')).toEqual(['active']);
    expect(statesOf('dead')).toEqual(['failed']);
    for (const s of ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const)
      expect(statesOf(statusOf(s))).toContain(s);
  });

  it('counts an attempt as consumed once the job has started', () => {
    expect(toJobView(row()).attempts).toBe(0);
    expect(toJobView(row({ state: 'active', started: true, locked_until: 5_000 })).attempts).toBe(1);
    // failed twice, waiting for the third attempt
    expect(toJobView(row({ state: 'retry', retry_count: 1, started: true })).attempts).toBe(2);
    // postponed during the second attempt: started_on cleared, attempt not consumed
    expect(toJobView(row({ state: 'retry', retry_count: 1, started: false })).attempts).toBe(1);
  });

  it('builds the view from the envelope, the lease and the output', () => {
    const v = toJobView(
      row({ state: 'active', started: true, locked_until: 5_000.6, output: { leaseToken: 't', updatedAt: 1_200 } }),
    );
    expect(v).toMatchObject({
      queue: 'sevdesk.transfer',
      shopId: 'shop_1',
      payload: { transferId: 'trf_1' },
      status: 'running',
      maxAttempts: 10,
      runAt: 1_000,
      lockedUntil: 5_001,
      dedupeKey: 'transfer:trf_1',
      lastError: null,
      createdAt: 900,
      updatedAt: 1_200,
    });
    expect(toJobView(row({ locked_until: 5_000 })).lockedUntil).toBeNull();
    expect(toJobView(row({ data: null })).shopId).toBeNull();
  });

  it("reads the last error from our output and from pg-boss's own expiry message", () => {
    expect(lastErrorOf({ lastError: 'HTTP 503' })).toBe('HTTP 503');
    expect(lastErrorOf({ value: { message: 'job failed by timeout in active state' } })).toBe(
      'job failed by timeout in active state',
    );
    expect(lastErrorOf(null)).toBeNull();
  });
});
