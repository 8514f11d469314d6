import { describe, expect, it } from 'vitest';
import { DAILY_MS, nextCheckAt, rematchInterval } from './rematch.js';

const H = 60 * 60_000;

describe('rematch schedule', () => {
  it('grows 15 min, 1 h, 4 h, 12 h, then daily', () => {
    expect([1, 2, 3, 4, 5, 9].map(rematchInterval)).toEqual([15 * 60_000, H, 4 * H, 12 * H, DAILY_MS, DAILY_MS]);
  });

  it('schedules from the last check until rematchDays after the payment', () => {
    const paid = Date.parse('2026-03-01T10:00:00Z');
    expect(nextCheckAt({ nowMs: paid + H, checksDone: 1, paidAtMs: paid, rematchDays: 14 })).toBe(
      paid + H + 15 * 60_000,
    );
    expect(nextCheckAt({ nowMs: paid + 2 * H, checksDone: 3, paidAtMs: paid, rematchDays: 14 })).toBe(paid + 6 * H);
  });

  it('puts the last check on the deadline, then stops', () => {
    const paid = Date.parse('2026-03-01T10:00:00Z');
    const deadline = paid + 2 * DAILY_MS;
    expect(nextCheckAt({ nowMs: deadline - H, checksDone: 6, paidAtMs: paid, rematchDays: 2 })).toBe(deadline);
    expect(nextCheckAt({ nowMs: deadline, checksDone: 7, paidAtMs: paid, rematchDays: 2 })).toBeNull();
  });

  it('does not re-match with rematchDays 0 or a payment long ago', () => {
    const paid = Date.parse('2026-03-01T10:00:00Z');
    expect(nextCheckAt({ nowMs: paid + 1, checksDone: 1, paidAtMs: paid, rematchDays: 0 })).toBeNull();
    expect(nextCheckAt({ nowMs: paid + 30 * DAILY_MS, checksDone: 1, paidAtMs: paid, rematchDays: 14 })).toBeNull();
  });
});
