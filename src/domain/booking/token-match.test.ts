import { describe, expect, it } from 'vitest';
import { containsToken } from './token-match.js';

describe('containsToken', () => {
  it('matches the key as a whole token', () => {
    expect(containsToken('Bestellung 3718, Kunde X', '3718')).toBe(true);
    expect(containsToken('#3718', '3718')).toBe(true);
    expect(containsToken('3718', '3718')).toBe(true);
    expect(containsToken('RE-3718/1', '3718')).toBe(true);
    expect(containsToken('Zahlung (3718)', '3718')).toBe(true);
  });

  it('refuses the key inside a longer number or word', () => {
    expect(containsToken('Bestellung 83718', '3718')).toBe(false);
    expect(containsToken('Bestellung 37180', '3718')).toBe(false);
    expect(containsToken('Order3718', '3718')).toBe(false);
    expect(containsToken('3718a', '3718')).toBe(false);
  });

  it('finds a later whole occurrence after a partial one', () => {
    expect(containsToken('83718 und 3718', '3718')).toBe(true);
  });

  it('ignores case and whitespace runs of bank purposes', () => {
    expect(containsToken('BESTELLUNG\n  WC-3718 danke', 'bestellung wc-3718')).toBe(true);
    expect(containsToken('Paypal 9AB12345CD678901E', '9ab12345cd678901e')).toBe(true);
  });

  it('treats umlauts as letters', () => {
    expect(containsToken('Müller3718', '3718')).toBe(false);
    expect(containsToken('ä3718', '3718')).toBe(false);
  });

  it('handles keys that start or end with punctuation', () => {
    expect(containsToken('Ref #3718 ok', '#3718')).toBe(true);
    expect(containsToken('Ref x#3718 ok', '#3718')).toBe(true);
  });

  it('never matches empty input', () => {
    expect(containsToken(null, '3718')).toBe(false);
    expect(containsToken('', '3718')).toBe(false);
    expect(containsToken('3718', '  ')).toBe(false);
  });
});
