import { describe, expect, it } from 'vitest';
import { unixSeconds } from './payable.js';

describe('bookAmount date of invoices and credit notes', () => {
  it('is Unix seconds of the transaction’s value date, or noon Berlin of a plain date', () => {
    expect(unixSeconds('2026-05-20T00:00:00+02:00')).toBe(Date.parse('2026-05-19T22:00:00Z') / 1000);
    expect(unixSeconds('2026-05-20')).toBe(Date.parse('2026-05-20T11:00:00Z') / 1000);
    expect(() => unixSeconds('20.05.2026')).toThrow(RangeError);
  });
});
