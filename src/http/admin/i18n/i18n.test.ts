import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { formatterFor, parseLocale } from './index.js';

// Both dictionaries have every key (the type checks the shape; this also catches extra keys and empty strings).

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('admin dictionaries', () => {
  it('have the same keys in German and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    for (const dict of [de, en]) {
      for (const key of keys(dict)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict);
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('formats money, dates and rates per language from exact minor units', () => {
    const deFmt = formatterFor('de');
    const enFmt = formatterFor('en');
    expect(deFmt.money(123456, 'EUR').replace(/\s/g, ' ')).toBe('1.234,56 €');
    expect(enFmt.money(123456, 'EUR')).toBe('€1,234.56');
    expect(deFmt.money(-999, 'EUR').replace(/\s/g, ' ')).toBe('-9,99 €');
    expect(deFmt.money(1500, 'JPY').replace(/\s/g, ' ')).toBe('1.500 ¥');
    expect(deFmt.date('2026-11-27')).toBe('27.11.2026');
    expect(deFmt.rate(1900)).toBe('19 %');
    expect(enFmt.rate(550)).toBe('5.5%');
    expect(deFmt.unitPrice('16.8067', 'EUR').replace(/\s/g, ' ')).toBe('16,8067 €');
    expect(deFmt.unitPrice('50.4200', 'EUR').replace(/\s/g, ' ')).toBe('50,42 €');
    expect(parseLocale('en')).toBe('en');
    expect(parseLocale('fr')).toBeNull();
  });
});
