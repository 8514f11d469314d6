import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt within the jitter band', () => {
    expect(backoffDelay(1, { baseMs: 1000, maxMs: 10_000 }, () => 1)).toBe(1000);
    expect(backoffDelay(2, { baseMs: 1000, maxMs: 10_000 }, () => 1)).toBe(2000);
    expect(backoffDelay(3, { baseMs: 1000, maxMs: 10_000 }, () => 0)).toBe(2000);
  });
  it('is capped', () => {
    expect(backoffDelay(30, { baseMs: 1000, maxMs: 10_000 }, () => 1)).toBe(10_000);
  });
});
