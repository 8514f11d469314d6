import { describe, expect, it } from 'vitest';
import { currencyDecimals } from './currency.js';
import { formatMinor, parseMinor, tryParseMinor } from './minor.js';

describe('currencyDecimals', () => {
  it.each([
    ['EUR', 2],
    ['CHF', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['XYZ', 2],
    ['eur', 2],
  ])('%s has %d decimals', (code, decimals) => {
    expect(currencyDecimals(code)).toBe(decimals);
  });

  it('rejects malformed codes', () => {
    expect(() => currencyDecimals('EURO')).toThrow(RangeError);
    expect(() => currencyDecimals('')).toThrow(RangeError);
  });
});

describe('parseMinor', () => {
  it('parses shop strings into cents exactly', () => {
    expect(parseMinor('29.35', 'EUR')).toBe(2935);
    expect(parseMinor('119', 'EUR')).toBe(11900);
    expect(parseMinor('0.1', 'EUR')).toBe(10);
    expect(parseMinor('-10.00', 'EUR')).toBe(-1000);
    expect(parseMinor(0.29, 'EUR')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(parseMinor(1.005, 'EUR', 'half_up')).toBe(101); // float math would give 100
  });

  it('respects the currency exponent', () => {
    expect(parseMinor('1500', 'JPY')).toBe(1500);
    expect(parseMinor('12.345', 'KWD')).toBe(12345);
    expect(() => parseMinor('1500.5', 'JPY')).toThrow(RangeError);
  });

  it('refuses extra decimals unless a rounding is named', () => {
    expect(() => parseMinor('12.345', 'EUR')).toThrow('12.345 has more than 2 decimals');
    expect(parseMinor('12.345', 'EUR', 'half_up')).toBe(1235);
    expect(parseMinor('-12.345', 'EUR', 'half_up')).toBe(-1235);
    expect(parseMinor('12.345', 'EUR', 'half_even')).toBe(1234);
    expect(parseMinor('12.3400', 'EUR')).toBe(1234);
  });

  it('refuses amounts beyond safe integers', () => {
    expect(() => parseMinor('100000000000000000', 'EUR')).toThrow(RangeError);
  });

  it('tryParseMinor returns null for bad input', () => {
    expect(tryParseMinor('1,50', 'EUR')).toBeNull();
    expect(tryParseMinor('1.50', 'EUR')).toBe(150);
  });
});

describe('formatMinor', () => {
  it.each([
    [11900, 'EUR', '119.00'],
    [5, 'EUR', '0.05'],
    [-5, 'EUR', '-0.05'],
    [-11900, 'EUR', '-119.00'],
    [0, 'EUR', '0.00'],
    [1500, 'JPY', '1500'],
    [12345, 'KWD', '12.345'],
    [-1, 'KWD', '-0.001'],
  ])('formatMinor(%d, %s) = %s', (minor, currency, expected) => {
    expect(formatMinor(minor, currency)).toBe(expected);
  });

  it('round-trips with parseMinor', () => {
    for (const minor of [0, 1, -1, 99, 100, 123456789, -987654321]) {
      expect(parseMinor(formatMinor(minor, 'EUR'), 'EUR')).toBe(minor);
    }
  });

  it('rejects non-integers', () => {
    expect(() => formatMinor(1.5, 'EUR')).toThrow(RangeError);
  });
});
