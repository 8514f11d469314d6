import { describe, expect, it } from 'vitest';
import { isPlausibleVatId, normalizeVatId, vatIdCountry } from './vat-id.js';

describe('isPlausibleVatId', () => {
  it.each([
    'DE123456789',
    'ATU12345678',
    'FR40303265045',
    'FRXX123456789',
    'NL123456789B01',
    'BE0123456789',
    'EL123456789',
    'ESA1234567B',
    'ES12345678Z',
    'IE1234567T',
    'IE1234567WA',
    'IE1A23456T',
    'IT12345678901',
    'PL1234567890',
    'SE123456789001',
    'CY12345678L',
    'XI123456789',
    'de 123 456 789',
    'DE-123.456.789',
  ])('%s is plausible', (id) => {
    expect(isPlausibleVatId(id)).toBe(true);
  });

  it.each([
    'DE12345678',
    'DE1234567890',
    'AT12345678',
    'FRI0123456789',
    'NL123456789',
    'GR123456789',
    'GB123456789',
    'CHE123456789',
    'SE123456789012',
    'ES123456789',
    '',
    'DE',
  ])('%s is not plausible', (id) => {
    expect(isPlausibleVatId(id)).toBe(false);
  });

  it('checks the prefix against a country when given', () => {
    expect(isPlausibleVatId('ATU12345678', 'AT')).toBe(true);
    expect(isPlausibleVatId('ATU12345678', 'DE')).toBe(false);
    expect(isPlausibleVatId('EL123456789', 'GR')).toBe(true);
    expect(isPlausibleVatId(null)).toBe(false);
  });

  it('normalizes and finds the country', () => {
    expect(normalizeVatId(' fr 40 303 265 045 ')).toBe('FR40303265045');
    expect(vatIdCountry('EL123456789')).toBe('GR');
    expect(vatIdCountry('CHE123')).toBeNull();
  });
});
