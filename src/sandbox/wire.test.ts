import { describe, expect, it } from 'vitest';
import { parseFormBody } from './form-body.js';
import { berlinMidnight, formatMinor, isoBerlin, parseDateInput, toMinor } from './wire.js';

describe('amounts', () => {
  it.each([
    [119, 11900],
    ['119.00', 11900],
    [10.7, 1070],
    ['-15', -1500],
    ['0,5', 50],
    [1.005, 101],
    [-1.005, -101],
    [0.1 + 0.2, 30],
    ['+3', 300],
  ])('toMinor(%j) = %i', (input, cents) => expect(toMinor(input)).toBe(cents));

  it('refuses text that is not an amount', () => {
    for (const bad of ['abc', '', '.', '1e', null]) expect(() => toMinor(bad)).toThrow(RangeError);
  });

  it.each([
    [11900, '119'],
    [1070, '10.7'],
    [5, '0.05'],
    [-1500, '-15'],
    [-1, '-0.01'],
    [0, '0'],
    [551, '5.51'],
  ])('formatMinor(%i) = %s, like sevDesk', (cents, text) => expect(formatMinor(cents)).toBe(text));
});

describe('dates', () => {
  it('renders Berlin time with the summer or winter offset', () => {
    expect(isoBerlin(Date.parse('2026-08-15T10:00:00Z') / 1000)).toBe('2026-08-15T12:00:00+02:00');
    expect(isoBerlin(Date.parse('2026-01-15T10:00:00Z') / 1000)).toBe('2026-01-15T11:00:00+01:00');
    // DST switches at 01:00 UTC on the last Sundays of March and October.
    expect(isoBerlin(Date.parse('2026-03-29T00:59:59Z') / 1000)).toBe('2026-03-29T01:59:59+01:00');
    expect(isoBerlin(Date.parse('2026-03-29T01:00:00Z') / 1000)).toBe('2026-03-29T03:00:00+02:00');
    expect(isoBerlin(Date.parse('2026-10-25T01:00:00Z') / 1000)).toBe('2026-10-25T02:00:00+01:00');
  });

  it('reads dd.mm.yyyy and yyyy-mm-dd as Berlin midnight, digits as Unix seconds', () => {
    const midnight = berlinMidnight(2026, 5, 15);
    expect(isoBerlin(midnight)).toBe('2026-05-15T00:00:00+02:00');
    expect(parseDateInput('15.05.2026')).toBe(midnight);
    expect(parseDateInput('2026-05-15')).toBe(midnight);
    expect(parseDateInput('1778796000')).toBe(1778796000);
    expect(parseDateInput(1778796000000)).toBe(1778796000);
    expect(parseDateInput('2026-05-15T12:00:00+02:00')).toBe(midnight + 12 * 3600);
    expect(parseDateInput('2026-05-15T12:00:00')).toBe(midnight + 12 * 3600);
  });

  it('rejects impossible dates', () => {
    for (const bad of ['31.02.2026', '2026-13-01', 'tomorrow', '']) expect(parseDateInput(bad)).toBeNull();
  });
});

describe('form bodies', () => {
  it('reads PHP bracket keys into nested objects and lists', () => {
    expect(
      parseFormBody(
        'voucher[status]=100&voucher[taxRule][id]=1&voucherPosSave[0][taxRate]=19&voucherPosSave[1][taxRate]=7&tags[]=a&tags[]=b&x=1',
      ),
    ).toEqual({
      voucher: { status: '100', taxRule: { id: '1' } },
      voucherPosSave: [{ taxRate: '19' }, { taxRate: '7' }],
      tags: ['a', 'b'],
      x: '1',
    });
  });
});
