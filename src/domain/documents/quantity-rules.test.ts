import { describe, expect, it } from 'vitest';
import { decimalToString } from '../../render/common/decimal.js';
import { lineQuantity, lineUnitPrice } from '../../render/common/line-price.js';
import type { DocumentLine } from './document.js';
import {
  numberQuantityProblem,
  plainNumber,
  QUANTITY_TEXT_PATTERN,
  quantityProblem,
  quantityReasons,
} from './quantity-rules.js';

describe('plainNumber', () => {
  it('writes any finite number without an exponent, exactly', () => {
    expect(plainNumber(2)).toBe('2');
    expect(plainNumber(0.5)).toBe('0.5');
    expect(plainNumber(-1.25)).toBe('-1.25');
    expect(plainNumber(1e21)).toBe(`1${'0'.repeat(21)}`);
    expect(plainNumber(1.5e22)).toBe(`15${'0'.repeat(21)}`);
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-1.5e-7)).toBe('-0.00000015');
    expect(plainNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(1e308)).toMatch(/^10{308}$/);
    expect(plainNumber(5e-324)).toMatch(/^0\.0{323}5$/);
  });
});

describe('quantityProblem', () => {
  it('accepts plain decimals up to 1,000,000 units with up to 4 decimals, of either sign', () => {
    for (const q of ['1', '0', '2.5', '0.0001', '999999.9999', '1000000', '1000000.0000', '-2', '-0.5'])
      expect(quantityProblem(q), q).toBeNull();
  });

  it('names what is wrong: notation, size, decimals', () => {
    expect(quantityProblem('1e+308')).toBe('1e+308 is not a plain decimal number');
    expect(quantityProblem('2,5')).toBe('2,5 is not a plain decimal number');
    expect(quantityProblem('')).toBe(' is not a plain decimal number');
    expect(quantityProblem('1000000.5')).toBe('1000000.5 is more than 1,000,000 units');
    expect(quantityProblem('-1000001')).toBe('-1000001 is more than 1,000,000 units');
    expect(quantityProblem(`1${'0'.repeat(308)}`)).toBe('1e+308 is more than 1,000,000 units');
    expect(quantityProblem('0.00001')).toBe('0.00001 has more than 4 decimals');
  });

  it('says the same for JSON numbers, in readable notation', () => {
    expect(numberQuantityProblem(1e308)).toBe('1e+308 is more than 1,000,000 units');
    expect(numberQuantityProblem(1e-7)).toBe('0.0000001 has more than 4 decimals');
    expect(numberQuantityProblem(Number.NaN)).toBe('NaN is not a finite number');
    expect(numberQuantityProblem(1_000_000)).toBeNull();
  });

  it('has a schema pattern that agrees with it for positive texts', () => {
    for (const q of ['1', '2.5', '0.0001', '999999.9999', '1000000', '1000000.0000'])
      expect(QUANTITY_TEXT_PATTERN.test(q), q).toBe(true);
    for (const q of ['1000000.0001', '1000001', '0.00001', '1e5', '-1', '1.', '.5'])
      expect(QUANTITY_TEXT_PATTERN.test(q), q).toBe(false);
  });
});

describe('quantityReasons', () => {
  const line = (position: number, quantity: string): DocumentLine => ({
    kind: 'product',
    position,
    name: `Item ${position}`,
    quantity,
    unitPriceNet: '0',
    rateBp: 1900,
    net: 100,
    tax: 19,
    gross: 119,
  });

  it('names each line whose quantity a document cannot carry', () => {
    const doc = { cancels: null, lines: [line(1, '2'), line(2, '1e+308'), line(3, '0.123456')] };
    expect(quantityReasons(doc)).toEqual([
      'Line 2 "Item 2" has an unusable quantity: 1e+308 is not a plain decimal number.',
      'Line 3 "Item 3" has an unusable quantity: 0.123456 has more than 4 decimals.',
    ]);
  });

  it('leaves a full cancellation alone: it takes back the issued invoice as it was', () => {
    const lines = [line(1, '-1e+308')];
    expect(quantityReasons({ cancels: { documentId: 'd', number: 'R-1', full: true }, lines })).toEqual([]);
    expect(quantityReasons({ cancels: { documentId: 'd', number: 'R-1', full: false }, lines })).toHaveLength(1);
  });
});

describe('quantities on paper', () => {
  const line = (quantity: string): DocumentLine => ({
    kind: 'product',
    position: 3,
    name: 'Kabel',
    quantity,
    unitPriceNet: '0',
    rateBp: 1900,
    net: 2940,
    tax: 559,
    gross: 3499,
  });
  const printed = (quantity: string) => decimalToString(lineQuantity(line(quantity)));

  it('an issued document with an exponent quantity prints what it has, never 1 × the line net', () => {
    expect(printed('2.5')).toBe('2.5');
    expect(printed('1e+308')).toBe(`1${'0'.repeat(308)}`);
    expect(printed('-1e-7')).toBe('-0.0000001');
    expect(decimalToString(lineUnitPrice(line('1e+308'), 'EUR'))).toBe('0');
    expect(() => lineQuantity(line('zwei'))).toThrow(/line 3 "Kabel": quantity "zwei" is not a number/);
    // No quantity at all is the documented "1 ×".
    expect(printed('0')).toBe('1');
    expect(printed('')).toBe('1');
  });
});
