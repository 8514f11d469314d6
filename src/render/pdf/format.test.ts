import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatAmount,
  formatDate,
  formatIban,
  formatMoney,
  formatQuantity,
  formatRate,
  formatUnitPrice,
} from './format.js';

describe('format', () => {
  it('formats money the German way, exactly', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatMoney(-9487, 'EUR', 'de')).toBe('-94,87\u00a0€');
    expect(formatMoney(5, 'EUR', 'de')).toBe('0,05\u00a0€');
    expect(formatMoney(0, 'EUR', 'de')).toBe('0,00\u00a0€');
    expect(formatMoney(123456789012, 'EUR', 'de')).toBe('1.234.567.890,12\u00a0€');
    expect(formatMoney(123456, 'USD', 'de')).toBe('1.234,56\u00a0USD');
    expect(formatMoney(1234, 'JPY', 'de')).toBe('1.234\u00a0JPY');
  });

  it('formats money the English way', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(-123456, 'EUR', 'en')).toBe('-€1,234.56');
    expect(formatMoney(100, 'CHF', 'en')).toBe('1.00\u00a0CHF');
    expect(formatAmount(-100000, 'EUR', 'en')).toBe('-1,000.00');
  });

  it('formats quantities, unit prices and rates', () => {
    expect(formatQuantity({ units: 25n, scale: 1 }, 'de')).toBe('2,5');
    expect(formatQuantity({ units: -1000n, scale: 3 }, 'de')).toBe('-1');
    expect(formatUnitPrice({ units: 168067n, scale: 4 }, 'EUR', 'de')).toBe('16,8067');
    expect(formatUnitPrice({ units: 1234500n, scale: 4 }, 'EUR', 'de')).toBe('123,45');
    expect(formatUnitPrice({ units: 12000000n, scale: 4 }, 'EUR', 'de')).toBe('1.200,00');
    expect(formatRate(1900, 'de')).toBe('19\u00a0%');
    expect(formatRate(550, 'de')).toBe('5,5\u00a0%');
    expect(formatRate(0, 'en')).toBe('0%');
  });

  it('formats dates and adds days across month ends', () => {
    expect(formatDate('2025-03-14', 'de')).toBe('14.03.2025');
    expect(formatDate('2025-03-14T23:59:00Z', 'de')).toBe('14.03.2025');
    expect(formatDate('2025-03-04', 'en')).toBe('4 Mar 2025');
    expect(addDays('2025-03-14', 14)).toBe('2025-03-28');
    expect(addDays('2024-02-20', 10)).toBe('2024-03-01');
    expect(() => formatDate('14.03.2025', 'de')).toThrow(RangeError);
  });

  it('groups IBANs', () => {
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});
