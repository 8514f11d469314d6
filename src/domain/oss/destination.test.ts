import { describe, expect, it } from 'vitest';
import type { Address, CustomerSnapshot } from '../documents/document.js';
import { destinationRateProblems, ossDestination } from './destination.js';

const address = (country: string, zip = '75001'): Address => ({ street: 'Rue 1', zip, city: 'X', country });
const customer = (billing: Address, shipping: Address | null = null): { customer: CustomerSnapshot } => ({
  customer: { customerId: '1', email: null, phone: null, company: null, vatId: null, billing, shipping },
});

describe('OSS destination', () => {
  it('goods go where they are shipped, services where the customer is billed', () => {
    const c = customer(address('AT'), address('fr'));
    expect(ossDestination(c, 'goods')).toEqual({ ok: true, country: 'FR' });
    expect(ossDestination(c, 'electronic_services')).toEqual({ ok: true, country: 'AT' });
    expect(ossDestination(customer(address('IT')), 'goods')).toEqual({ ok: true, country: 'IT' });
  });

  it('refuses Germany, non-EU countries, Northern Ireland and missing countries', () => {
    expect(ossDestination(customer(address('DE')), 'goods')).toMatchObject({ ok: false, problem: 'home' });
    expect(ossDestination(customer(address('CH')), 'goods')).toMatchObject({ ok: false, problem: 'outside_eu' });
    expect(ossDestination(customer(address('GB', 'BT1 1AA')), 'goods')).toMatchObject({
      ok: false,
      problem: 'northern_ireland',
      country: 'XI',
    });
    expect(ossDestination(customer(address('')), 'other_services')).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('flags a rate the destination does not have, on the invoice date or the delivery date', () => {
    expect(destinationRateProblems('FR', [2000, 550, 1000, 210], ['2026-05-15'])).toEqual([]);
    expect(destinationRateProblems('FR', [2000, 1900, 700], ['2026-05-15'])).toEqual([
      { rateBp: 1900, date: '2026-05-15', allowed: [2000, 1000, 550, 210] },
      { rateBp: 700, date: '2026-05-15', allowed: [2000, 1000, 550, 210] },
    ]);
    // Estonia raised its standard rate to 24 % on 2025-07-01: 22 % delivered in June, invoiced in July is refused.
    expect(destinationRateProblems('EE', [2200], ['2025-06-30'])).toEqual([]);
    expect(destinationRateProblems('EE', [2200], ['2025-06-30', '2025-07-01'])).toMatchObject([
      { rateBp: 2200, date: '2025-07-01' },
    ]);
    // France has no zero rate in the table.
    expect(destinationRateProblems('FR', [0], ['2026-01-02'])).toHaveLength(1);
  });
});
