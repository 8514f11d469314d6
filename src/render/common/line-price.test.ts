import { describe, expect, it } from 'vitest';
import type { DocumentLine } from '../../domain/documents/document.js';
import { decimalToString, minorToDecimalString, parseDecimal } from './decimal.js';
import { lineQuantity, lineUnitPrice, roundTo } from './line-price.js';

const base: DocumentLine = {
  kind: 'product',
  position: 1,
  name: 'x',
  quantity: '1',
  unitPriceNet: '0',
  rateBp: 1900,
  net: 0,
  tax: 0,
  gross: 0,
};
const price = (l: Partial<DocumentLine>) => decimalToString(lineUnitPrice({ ...base, ...l }, 'EUR'));

describe('decimal', () => {
  it('parses and prints decimals exactly', () => {
    expect(parseDecimal('-2.50')).toEqual({ units: -250n, scale: 2 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
    expect(decimalToString({ units: -250n, scale: 2 })).toBe('-2.5');
    expect(decimalToString({ units: 5n, scale: 0 }, 2)).toBe('5.00');
    expect(decimalToString({ units: 7n, scale: 4 }, 2)).toBe('0.0007');
    expect(() => parseDecimal('1e5')).toThrow(RangeError);
    expect(() => parseDecimal('1,5')).toThrow(RangeError);
    expect(minorToDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(() => minorToDecimalString(1.5, 'EUR')).toThrow(RangeError);
  });
});

describe('lineUnitPrice', () => {
  it('uses unitPriceNet in minor units when it reproduces the line net', () => {
    expect(price({ quantity: '3', unitPriceNet: '2140.3333', net: 6421 })).toBe('21.4033');
  });

  it('also accepts unitPriceNet in major units when that is what reproduces the net', () => {
    expect(price({ quantity: '1', unitPriceNet: '16.8067', net: 1681 })).toBe('16.8067');
  });

  it('derives the price from the net amount when unitPriceNet does not fit', () => {
    expect(price({ quantity: '3', unitPriceNet: 'garbage', net: 1000 })).toBe('3.3333');
    expect(price({ quantity: '2.5', unitPriceNet: '999', net: 1676 })).toBe('6.704');
  });

  it('carries the sign of net / quantity', () => {
    expect(price({ kind: 'discount', quantity: '1', unitPriceNet: '-500', net: -500 })).toBe('-5');
    expect(price({ quantity: '-2', unitPriceNet: '2941.1765', net: -5882 })).toBe('29.4118');
  });

  it('treats a zero or missing quantity as 1', () => {
    expect(decimalToString(lineQuantity({ ...base, quantity: '0' }))).toBe('1');
    expect(price({ quantity: '0', net: 490 })).toBe('4.9');
  });

  it('rounds for display half away from zero', () => {
    expect(decimalToString(roundTo({ units: 214033n, scale: 4 }, 2))).toBe('21.4');
    expect(decimalToString(roundTo({ units: -12345n, scale: 3 }, 2))).toBe('-12.35');
  });
});
