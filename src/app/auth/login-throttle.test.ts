import { describe, expect, it } from 'vitest';
import { ADDRESS_RULE, lockDelayMs, PAIR_RULE, throttleKeys } from './login-throttle.js';

describe('login throttle', () => {
  it('allows five failures per address and e-mail, then doubles the delay up to the cap', () => {
    expect([0, 1, 4].map((f) => lockDelayMs(f, PAIR_RULE))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((f) => lockDelayMs(f, PAIR_RULE))).toEqual([1000, 2000, 4000, 8000]);
    expect(lockDelayMs(40, PAIR_RULE)).toBe(15 * 60_000);
    expect(lockDelayMs(10_000, PAIR_RULE)).toBe(15 * 60_000);
  });

  it('gives one client address a larger budget across all e-mails', () => {
    expect(lockDelayMs(49, ADDRESS_RULE)).toBe(0);
    expect(lockDelayMs(50, ADDRESS_RULE)).toBe(1000);
  });

  it('keys are case-insensitive in the e-mail and keep no plain address', () => {
    const a = throttleKeys('10.0.0.1', 'Admin@Example.com');
    expect(a).toEqual(throttleKeys('10.0.0.1', ' admin@example.com'));
    expect(a.pair).not.toContain('10.0.0.1');
    expect(a.address).toBe(throttleKeys('10.0.0.1', 'other@example.com').address);
    expect(a.pair).not.toBe(throttleKeys('10.0.0.2', 'admin@example.com').pair);
  });
});
