import { describe, expect, it } from 'vitest';
import { DecimalError, divideRounded, formatDecimal, multiply, parseDecimal, rescale, toScaled } from './decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['12.34', 1234n, 2],
    ['-0.5', -5n, 1],
    ['+7', 7n, 0],
    ['.5', 5n, 1],
    ['5.', 5n, 0],
    ['  3.10 ', 310n, 2],
    ['1e3', 1000n, 0],
    ['1.5E-3', 15n, 4],
    ['-0.00', 0n, 2],
  ])('parses %j exactly', (input, coefficient, scale) => {
    expect(parseDecimal(input)).toEqual({ coefficient, scale });
  });

  it('parses JSON numbers through their shortest representation, not their binary value', () => {
    expect(parseDecimal(0.1)).toEqual({ coefficient: 1n, scale: 1 });
    expect(parseDecimal(29.35)).toEqual({ coefficient: 2935n, scale: 2 });
    expect(parseDecimal(1e-7)).toEqual({ coefficient: 1n, scale: 7 });
    expect(parseDecimal(-12)).toEqual({ coefficient: -12n, scale: 0 });
  });

  it.each(['', '.', '-', '1,50', '1.000,00', '1 000', 'abc', '0x10', '1e', '--1', 'NaN'])('rejects %j', (input) => {
    expect(() => parseDecimal(input)).toThrow(DecimalError);
  });

  it('rejects non-finite numbers', () => {
    expect(() => parseDecimal(Number.NaN)).toThrow(DecimalError);
    expect(() => parseDecimal(Number.POSITIVE_INFINITY)).toThrow(DecimalError);
  });
});

describe('divideRounded', () => {
  it.each([
    [5n, 2n, 'half_up', 3n],
    [-5n, 2n, 'half_up', -3n],
    [5n, 2n, 'half_even', 2n],
    [7n, 2n, 'half_even', 4n],
    [-5n, 2n, 'half_even', -2n],
    [-7n, 2n, 'half_even', -4n],
    [-8n, 3n, 'half_even', -3n],
    [7n, 3n, 'truncate', 2n],
    [-7n, 3n, 'truncate', -2n],
    [6n, 3n, 'exact', 2n],
  ] as const)('%d / %d with %s = %d', (n, d, rounding, expected) => {
    expect(divideRounded(n, d, rounding)).toBe(expected);
  });

  it('refuses inexact division under exact', () => {
    expect(() => divideRounded(7n, 3n, 'exact')).toThrow(DecimalError);
  });
});

describe('toScaled / rescale / format', () => {
  it('rounds explicitly and names the problem under exact', () => {
    const value = parseDecimal('12.345');
    expect(toScaled(value, 2, 'half_up')).toBe(1235n);
    expect(toScaled(value, 2, 'half_even')).toBe(1234n);
    expect(toScaled(value, 2, 'truncate')).toBe(1234n);
    expect(toScaled(value, 4, 'exact')).toBe(123450n);
    expect(() => toScaled(value, 2, 'exact')).toThrow('12.345 has more than 2 decimals');
  });

  it('accepts trailing zeros under exact', () => {
    expect(toScaled(parseDecimal('12.3400'), 2, 'exact')).toBe(1234n);
  });

  it('formats with the scale kept', () => {
    expect(formatDecimal(rescale(parseDecimal('16.806723'), 4, 'half_up'))).toBe('16.8067');
    expect(formatDecimal({ coefficient: -5n, scale: 2 })).toBe('-0.05');
    expect(formatDecimal({ coefficient: 3n, scale: 0 })).toBe('3');
  });

  it('multiplies exactly', () => {
    expect(formatDecimal(multiply(parseDecimal('2.5'), parseDecimal('19.99')))).toBe('49.975');
  });
});
