import { describe, expect, it } from 'vitest';
import { rateToBp, roundHalfUp, taxFromGross, taxFromNet } from './vat.js';

// Pins the lead's contract: this is how sevDesk derives tax per position.
describe('vat contract', () => {
  it('rounds half away from zero', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(-5n, 10n)).toBe(-1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
  });

  it('converts percent to basis points', () => {
    expect(rateToBp('19')).toBe(1900);
    expect(rateToBp(5.5)).toBe(550);
    expect(rateToBp('2.1')).toBe(210);
  });

  it('derives tax like sevDesk (product.md example)', () => {
    expect(taxFromGross(3998, 1900)).toBe(638);
    expect(taxFromGross(490, 1900)).toBe(78);
    expect(taxFromGross(4488, 1900)).toBe(717);
    expect(taxFromNet(1000, 1900)).toBe(190);
    expect(taxFromGross(-3998, 1900)).toBe(-638);
  });

  it('net + taxFromNet(net) always gives back the same tax from gross (r > 0)', () => {
    for (const rate of [700, 1900, 550, 2000, 2550]) {
      for (let net = -3000; net <= 3000; net += 7) {
        const tax = taxFromNet(net, rate);
        expect(taxFromGross(net + tax, rate)).toBe(tax);
      }
    }
  });
});
