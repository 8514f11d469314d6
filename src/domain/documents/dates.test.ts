import { describe, expect, it } from 'vitest';
import { berlinDate } from './dates.js';

describe('berlinDate', () => {
  it('uses the German calendar day', () => {
    expect(berlinDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(berlinDate('2026-07-31T21:59:59Z')).toBe('2026-07-31');
    expect(berlinDate('2026-07-31T22:00:00Z')).toBe('2026-08-01');
    expect(berlinDate('2026-03-02T09:15:31+01:00')).toBe('2026-03-02');
    expect(berlinDate('2026-03-02')).toBe('2026-03-02');
  });

  it('rejects nonsense', () => {
    expect(() => berlinDate('yesterday')).toThrow(RangeError);
  });
});
