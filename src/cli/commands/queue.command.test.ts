import { describe, expect, it } from 'vitest';
import type { JobView } from '../../ports/job-queue.js';
import { formatJobs, formatStats, formatTable } from './queue.command.js';

const job = (over: Partial<JobView> = {}): JobView => ({
  id: '0190f3c2-0000-7000-8000-000000000001',
  queue: 'sevdesk.transfer',
  shopId: 'shop_1',
  payload: { transferId: 'trf_1' },
  status: 'dead',
  attempts: 3,
  maxAttempts: 10,
  runAt: Date.UTC(2026, 10, 27, 12, 0, 0),
  lockedUntil: null,
  dedupeKey: null,
  lastError: 'sevDesk 422:\n  Kontakt fehlt',
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('queue command output', () => {
  it('aligns columns and leaves the last one unpadded', () => {
    expect(
      formatTable(
        ['A', 'BB'],
        [
          ['xyz', '1'],
          ['x', ''],
        ],
      ),
    ).toBe('A    BB\nxyz  1\nx');
  });

  it('lists jobs one per line with attempts, UTC run time and a one-line error', () => {
    const out = formatJobs([job(), job({ id: 'j2', shopId: null, status: 'pending', attempts: 0, lastError: null })]);
    const [header, first, second] = out.split('\n');
    expect(header).toMatch(/^ID\s+QUEUE\s+SHOP\s+STATUS\s+ATTEMPTS\s+RUN AT\s+LAST ERROR$/);
    expect(first).toMatch(/shop_1\s+dead\s+3\/10\s+2026-11-27T12:00:00Z\s+sevDesk 422: Kontakt fehlt$/);
    expect(second).toMatch(/^j2\s+sevdesk.transfer\s+-\s+pending\s+0\/10\s+2026-11-27T12:00:00Z$/);
    expect(formatJobs([])).toBe('No jobs.');
  });

  it('pivots stats into one row per shop and queue with a total', () => {
    const out = formatStats([
      { shopId: 'b', queue: 'q', status: 'pending', count: 2 },
      { shopId: 'a', queue: 'q', status: 'running', count: 1 },
      { shopId: 'b', queue: 'q', status: 'pending', count: 3 },
      { shopId: null, queue: 'q', status: 'dead', count: 1 },
    ]);
    expect(out.split('\n')).toEqual([
      'SHOP   QUEUE  PENDING  RUNNING  SUCCEEDED  DEAD  CANCELLED',
      '-      q      0        0        0          1     0',
      'a      q      0        1        0          0     0',
      'b      q      5        0        0          0     0',
      '(all)         5        1        0          1     0',
    ]);
    expect(formatStats([])).toBe('The queue is empty.');
  });
});
