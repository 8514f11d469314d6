import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocate', () => {
  it('splits proportionally', () => {
    expect(allocate(1000, [4327, 1080])).toEqual([800, 200]);
    expect(allocate(100, [1, 1, 2])).toEqual([25, 25, 50]);
  });

  it('gives leftover units to the largest remainders', () => {
    expect(allocate(100, [1, 2])).toEqual([33, 67]);
    expect(allocate(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocate(11, [3, 3, 4])).toEqual([3, 3, 5]);
  });

  it('breaks ties deterministically toward the lower index', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(1, [5, 5])).toEqual([1, 0]);
  });

  it('mirrors negative totals', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(-1000, [4327, 1080])).toEqual([-800, -200]);
  });

  it('accepts negative weights (e.g. a discount line) as long as they do not sum to zero', () => {
    const parts = allocate(1000, [1500, -500]);
    expect(parts).toEqual([1500, -500]);
    expect(allocate(100, [-1, -1, -2])).toEqual([25, 25, 50]);
    const mixed = allocate(7, [3, -1, 2]);
    expect(sum(mixed)).toBe(7);
  });

  it('gives nothing to zero weights', () => {
    expect(allocate(101, [0, 1, 0, 1])).toEqual([0, 51, 0, 50]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
  });

  it('never returns negative zero', () => {
    expect(Object.is(allocate(-1, [1, 1])[1], 0)).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => allocate(10, [])).toThrow(RangeError);
    expect(() => allocate(10, [0, 0])).toThrow(RangeError);
    expect(() => allocate(10, [1, -1])).toThrow(RangeError);
    expect(() => allocate(10, [1.5])).toThrow(RangeError);
    expect(() => allocate(0.5, [1])).toThrow(RangeError);
  });

  it('always sums exactly and stays within one unit of the exact share (seeded random)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 500; run++) {
      const total = Math.floor(random() * 200_000) - 100_000;
      const weights = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 10_000));
      if (sum(weights) === 0) continue;
      const parts = allocate(total, weights);
      expect(sum(parts)).toBe(total);
      parts.forEach((part, i) => {
        expect(Math.abs(part - (total * (weights[i] ?? 0)) / sum(weights))).toBeLessThan(1);
      });
      expect(allocate(total, weights)).toEqual(parts);
    }
  });
});
