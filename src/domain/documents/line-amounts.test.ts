import { describe, expect, it } from 'vitest';
import { amountsFromUnitPrices, lineBase, unitPriceNet } from './line-amounts.js';

describe('line amounts from unit prices', () => {
  it('multiplies exactly and rounds once', () => {
    expect(lineBase({ quantity: '3', unitPrice: '0.335' }, 'EUR')).toBe(101); // 1.005 → 1.01
    expect(lineBase({ quantity: '2.5', unitPrice: '19.99' }, 'EUR')).toBe(4998); // 49.975 → 49.98
    expect(lineBase({ quantity: '1', unitPrice: '-5.00' }, 'EUR')).toBe(-500);
    expect(lineBase({ quantity: '2', unitPrice: '1500' }, 'JPY')).toBe(3000);
  });

  it('incl. tax: gross is authoritative, tax per line', () => {
    const lines = [
      { quantity: '2', unitPrice: '19.99', rateBp: 1900 },
      { quantity: '1', unitPrice: '4.90', rateBp: 1900 },
    ];
    expect(amountsFromUnitPrices(lines, { currency: 'EUR', pricesIncludeTax: true, roundingMode: 'per_line' })).toEqual(
      [
        { net: 3360, tax: 638, gross: 3998 },
        { net: 412, tax: 78, gross: 490 },
      ],
    );
  });

  it('incl. tax per subtotal: one rounding per rate, spread by largest remainder', () => {
    const lines = [
      { quantity: '2', unitPrice: '19.99', rateBp: 1900 },
      { quantity: '1', unitPrice: '4.90', rateBp: 1900 },
      { quantity: '1', unitPrice: '10.70', rateBp: 700 },
    ];
    const amounts = amountsFromUnitPrices(lines, {
      currency: 'EUR',
      pricesIncludeTax: true,
      roundingMode: 'per_subtotal',
    });
    expect(amounts[0]).toEqual({ net: 3359, tax: 639, gross: 3998 });
    expect(amounts[1]).toEqual({ net: 412, tax: 78, gross: 490 });
    expect((amounts[0]?.tax ?? 0) + (amounts[1]?.tax ?? 0)).toBe(717);
    expect(amounts[2]).toEqual({ net: 1000, tax: 70, gross: 1070 });
  });

  it('excl. tax: net is authoritative', () => {
    const lines = [{ quantity: '10', unitPrice: '4.99', rateBp: 1900 }];
    expect(
      amountsFromUnitPrices(lines, { currency: 'EUR', pricesIncludeTax: false, roundingMode: 'per_line' }),
    ).toEqual([{ net: 4990, tax: 948, gross: 5938 }]);
  });

  it('excl. tax per subtotal with free lines', () => {
    const lines = [
      { quantity: '1', unitPrice: '0.05', rateBp: 1900 },
      { quantity: '1', unitPrice: '0.05', rateBp: 1900 },
      { quantity: '1', unitPrice: '0.00', rateBp: 0 },
    ];
    const amounts = amountsFromUnitPrices(lines, {
      currency: 'EUR',
      pricesIncludeTax: false,
      roundingMode: 'per_subtotal',
    });
    expect(amounts.map((a) => a.tax)).toEqual([1, 1, 0]);
  });

  it('formats the net unit price with two extra decimals', () => {
    expect(unitPriceNet(1681, '1', 'EUR')).toBe('16.8100');
    expect(unitPriceNet(3360, '2', 'EUR')).toBe('16.8000');
    expect(unitPriceNet(1000, '3', 'EUR')).toBe('3.3333');
    expect(unitPriceNet(-1000, '3', 'EUR')).toBe('-3.3333');
    expect(unitPriceNet(1000, '-3', 'EUR')).toBe('-3.3333');
    expect(unitPriceNet(1000, '0', 'EUR')).toBe('0.0000');
    expect(unitPriceNet(1500, '1', 'JPY')).toBe('1500.00');
  });
});
