import { describe, expect, it } from 'vitest';
import { wooFixtures } from './fixtures.js';
import { mapWooCustomer, VAT_ID_META_KEYS, wooVatId } from './map-customer.js';
import { parseWooCustomer, type WooAddress } from './schemas.js';

const address = (extra: Record<string, unknown> = {}) =>
  ({
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    ...extra,
  }) as WooAddress;

describe('mapWooCustomer', () => {
  it('maps a customer from GET /customers/{id}', () => {
    const parsed = parseWooCustomer(wooFixtures.customer());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(mapWooCustomer(parsed.value)).toEqual({
      customerId: '26',
      email: 'anna.schmidt@example.de',
      phone: '+49 221 123456',
      company: null,
      vatId: null,
      billing: {
        firstName: 'Anna',
        lastName: 'Schmidt',
        company: null,
        street: 'Lindenstraße 12',
        street2: null,
        zip: '50667',
        city: 'Köln',
        state: 'DE-NW',
        country: 'DE',
      },
      shipping: {
        firstName: 'Anna',
        lastName: 'Schmidt',
        company: null,
        street: 'Packstation 123',
        street2: 'Postnummer 12345678',
        zip: '50670',
        city: 'Köln',
        state: 'DE-NW',
        country: 'DE',
      },
    });
  });

  it('falls back to the account name and e-mail', () => {
    const json = wooFixtures.customer() as Record<string, unknown>;
    json.billing = address({ country: 'de' });
    json.shipping = address();
    const parsed = parseWooCustomer(json);
    if (!parsed.ok) throw new Error('fixture');
    const snapshot = mapWooCustomer(parsed.value);
    expect(snapshot.billing).toMatchObject({ firstName: 'Anna', lastName: 'Schmidt', country: 'DE' });
    expect(snapshot.email).toBe('anna.schmidt@example.de');
    expect(snapshot.shipping).toBeNull();
  });
});

describe('wooVatId', () => {
  it.each(VAT_ID_META_KEYS)('reads meta key %s', (key) => {
    expect(wooVatId([{ key, value: ' ATU12345678 ' }])).toBe('ATU12345678');
  });

  it('prefers the first non-empty key and falls back to the billing address', () => {
    expect(
      wooVatId([
        { key: '_billing_vat_id', value: '' },
        { key: 'vat_number', value: 'NL123456789B01' },
      ]),
    ).toBe('NL123456789B01');
    expect(wooVatId([], address({ vat_id: 'DE123456789' }))).toBe('DE123456789');
    expect(wooVatId([{ key: '_vat_number', value: 42 }])).toBeNull();
    expect(wooVatId([])).toBeNull();
  });
});
