import { describe, expect, it } from 'vitest';
import type { CustomerSnapshot } from '../documents/document.js';
import { canonicalIntent, contactIntent, customerRef, diffIntent, displayName, hasChanges } from './contact-intent.js';

const person: CustomerSnapshot = {
  customerId: '42',
  email: ' Max@Example.COM ',
  phone: null,
  company: null,
  vatId: null,
  billing: {
    firstName: 'Max',
    lastName: 'Kunde',
    street: 'Weg 2',
    street2: 'Hinterhaus',
    zip: '80331',
    city: 'München',
    country: 'de',
  },
  shipping: null,
};

describe('contact intent', () => {
  it('customer number = prefix + shop id; guests per order or none', () => {
    const opts = { prefix: 'WC-', guestContacts: 'per_order' as const };
    expect(customerRef(person, '1001', opts)).toEqual({
      kind: 'customer',
      key: 'c:42',
      customerNumber: 'WC-42',
      prefix: 'WC-',
    });
    const guest = { ...person, customerId: null };
    expect(customerRef(guest, '1001', opts)).toMatchObject({
      kind: 'guest',
      key: 'g:1001',
      customerNumber: 'WC-Guest-1001',
    });
    expect(customerRef(guest, '1001', { ...opts, guestContacts: 'none' })).toEqual({ kind: 'none' });
    expect(customerRef({ ...person, customerId: '0' }, '7', { ...opts, guestContacts: 'none' })).toEqual({
      kind: 'none',
    });
  });

  it('persons and organisations, normalised address and e-mail', () => {
    const p = contactIntent(person, 'WC-42');
    expect(p.fields).toEqual({ name: null, surename: 'Max', familyname: 'Kunde', vatNumber: null });
    expect(p.billing).toEqual({
      name: 'Max Kunde',
      street: 'Weg 2, Hinterhaus',
      zip: '80331',
      city: 'München',
      country: 'DE',
    });
    expect(p.email).toBe('max@example.com');
    const org = contactIntent({ ...person, company: 'Muster GmbH', vatId: 'DE123' }, 'WC-42');
    expect(org.fields).toEqual({ name: 'Muster GmbH', surename: null, familyname: null, vatNumber: 'DE123' });
    expect(displayName({ ...person, company: 'Muster GmbH' })).toBe('Muster GmbH');
  });

  it('a shipping address equal to the billing address is not a second address', () => {
    expect(contactIntent({ ...person, shipping: { ...person.billing } }, 'WC-42').shipping).toBeNull();
    expect(
      contactIntent({ ...person, shipping: { ...person.billing, street: 'Lager 1', street2: null } }, 'WC-42').shipping,
    ).toMatchObject({
      street: 'Lager 1',
    });
  });

  it('only changed fields are written; an unchanged customer has nothing to write', () => {
    const before = contactIntent(person, 'WC-42');
    expect(hasChanges(diffIntent(before, before))).toBe(false);
    expect(canonicalIntent(before)).toBe(canonicalIntent(contactIntent({ ...person }, 'WC-42')));
    const moved = contactIntent({ ...person, billing: { ...person.billing, city: 'Augsburg' } }, 'WC-42');
    expect(diffIntent(before, moved)).toEqual({
      fields: {},
      billing: true,
      shipping: false,
      email: false,
      phone: false,
    });
    const renamed = contactIntent({ ...person, billing: { ...person.billing, lastName: 'Neu' } }, 'WC-42');
    const d = diffIntent(before, renamed);
    expect(d.fields).toEqual({ familyname: 'Neu' });
    expect(d.billing).toBe(true); // the address carries the name
  });

  it('a value that disappeared is not deleted remotely', () => {
    const withVat = contactIntent({ ...person, company: 'X GmbH', vatId: 'DE1' }, 'WC-42');
    const withoutVat = contactIntent({ ...person, company: 'X GmbH', vatId: null }, 'WC-42');
    expect(hasChanges(diffIntent(withVat, withoutVat))).toBe(false);
    const phone = contactIntent({ ...person, phone: '1' }, 'WC-42');
    expect(diffIntent(phone, contactIntent(person, 'WC-42')).phone).toBe(false);
  });
});
