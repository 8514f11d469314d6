import { describe, expect, it } from 'vitest';
import { formatRate, formatRateDe, listRates } from './rate-format.js';

describe('rate formatting', () => {
  it('formats basis points as percent', () => {
    expect(formatRate(1900)).toBe('19%');
    expect(formatRate(550)).toBe('5.5%');
    expect(formatRate(210)).toBe('2.1%');
    expect(formatRate(2550)).toBe('25.5%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(480)).toBe('4.8%');
    expect(formatRateDe(550)).toBe('5,5 %');
    expect(formatRateDe(1900)).toBe('19 %');
  });

  it('lists rates in a sentence', () => {
    expect(listRates([1900, 700, 0])).toBe('19%, 7% or 0%');
    expect(listRates([2000])).toBe('20%');
    expect(listRates([])).toBe('');
  });
});
