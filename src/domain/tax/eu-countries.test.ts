import { describe, expect, it } from 'vitest';
import {
  allowedRates,
  EU_MEMBER_STATES,
  goodsDestinationCountry,
  isEuMemberState,
  isInEuVatArea,
  isValidRateForCountry,
  VAT_RATES,
  vatRatesFor,
} from './eu-countries.js';

describe('EU membership', () => {
  it('has 27 member states, each with rates', () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    for (const country of EU_MEMBER_STATES) expect(VAT_RATES[country]?.length).toBeGreaterThan(0);
  });

  it('knows members and non-members', () => {
    expect(isEuMemberState('FR')).toBe(true);
    expect(isEuMemberState('fr')).toBe(true);
    expect(isEuMemberState('CH')).toBe(false);
    expect(isEuMemberState('GB')).toBe(false);
    expect(isEuMemberState('EL')).toBe(false);
  });

  it('treats Northern Ireland as EU for goods only', () => {
    expect(isInEuVatArea('XI', 'goods')).toBe(true);
    expect(isInEuVatArea('XI', 'services')).toBe(false);
    expect(isInEuVatArea('GB', 'goods')).toBe(false);
  });

  it('maps GB with a BT postcode to XI', () => {
    expect(goodsDestinationCountry('GB', 'BT1 1AA')).toBe('XI');
    expect(goodsDestinationCountry('gb', 'SW1A 1AA')).toBe('GB');
    expect(goodsDestinationCountry('DE', 'BT1')).toBe('DE');
  });
});

describe('VAT rates', () => {
  it.each([
    ['FR', [2000, 1000, 550, 210]],
    ['AT', [2000, 1300, 1000, 0]],
    ['NL', [2100, 900, 0]],
    ['DE', [1900, 700, 0]],
    ['DK', [2500, 0]],
  ])('%s allows %j', (country, rates) => {
    expect(allowedRates(country)).toEqual(rates);
  });

  it('validates rates per country', () => {
    expect(isValidRateForCountry('FR', 550)).toBe(true);
    expect(isValidRateForCountry('FR', 210)).toBe(true);
    expect(isValidRateForCountry('FR', 1900)).toBe(false);
    expect(isValidRateForCountry('FR', 0)).toBe(false);
    expect(isValidRateForCountry('AT', 1300)).toBe(true);
    expect(isValidRateForCountry('IE', 1350)).toBe(true);
    expect(isValidRateForCountry('CH', 810)).toBe(false);
  });

  it('uses the rates in force on a date', () => {
    expect(isValidRateForCountry('SK', 2000, '2024-12-31')).toBe(true);
    expect(isValidRateForCountry('SK', 2000, '2025-01-01')).toBe(false);
    expect(isValidRateForCountry('SK', 2300, '2025-01-01')).toBe(true);
    expect(isValidRateForCountry('FI', 2400, '2024-08-31')).toBe(true);
    expect(isValidRateForCountry('FI', 2550, '2024-09-01')).toBe(true);
    expect(vatRatesFor('EE', '2025-06-30')?.standard).toBe(2200);
    expect(vatRatesFor('EE', '2025-07-01')?.standard).toBe(2400);
    expect(vatRatesFor('EE', '2010-01-01')?.standard).toBe(2000);
    expect(vatRatesFor('RO')?.standard).toBe(2100);
    expect(vatRatesFor('US')).toBeNull();
  });

  it('accepts regional island rates', () => {
    expect(isValidRateForCountry('GR', 1700)).toBe(true);
    expect(isValidRateForCountry('PT', 1600)).toBe(true);
  });
});
