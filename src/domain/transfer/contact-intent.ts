// What the sevDesk contact of a customer should look like, derived from the shop's customer snapshot, and
// which parts changed since the last sync — so only changed fields are written (a returning customer with
// unchanged data costs no contact call at all).
import { createHash } from 'node:crypto';
import type { GuestContactMode } from '../accounting/accounting-settings.js';
import type { Address, CustomerSnapshot } from '../documents/document.js';

export interface AddressIntent {
  name: string | null;
  street: string;
  zip: string;
  city: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface ContactFields {
  /** Organisation name; null for persons. */
  name: string | null;
  surename: string | null;
  familyname: string | null;
  vatNumber: string | null;
}

export interface ContactIntent {
  customerNumber: string;
  fields: ContactFields;
  billing: AddressIntent | null;
  /** Only when it differs from the billing address. */
  shipping: AddressIntent | null;
  email: string | null;
  phone: string | null;
}

export type CustomerRef =
  | { kind: 'customer'; key: string; customerNumber: string; prefix: string }
  | { kind: 'guest'; key: string; customerNumber: string; prefix: string }
  | { kind: 'collective'; key: string; customerNumber: string; prefix: string }
  | { kind: 'none' };

const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

/**
 * Which contact a document's customer maps to: registered customers by shop customer id; guests per
 * `settings.sevdesk.guestContacts` — one contact per order, one per e-mail address (orders without an address get
 * their own), one collective contact for all guests, or none at all (the voucher then carries only supplierName).
 */
export function customerRef(
  snapshot: CustomerSnapshot,
  orderNumber: string,
  opts: { prefix: string; guestContacts: GuestContactMode },
): CustomerRef {
  const id = clean(snapshot.customerId);
  if (id && id !== '0')
    return { kind: 'customer', key: `c:${id}`, customerNumber: `${opts.prefix}${id}`, prefix: opts.prefix };
  if (opts.guestContacts === 'none') return { kind: 'none' };
  if (opts.guestContacts === 'collective')
    return { kind: 'collective', key: 'g:*', customerNumber: `${opts.prefix}GAST`, prefix: opts.prefix };
  const email = clean(snapshot.email)?.toLowerCase();
  if (opts.guestContacts === 'per_email' && email) {
    // A digest, not the address: customer numbers are visible everywhere in sevDesk.
    const digest = createHash('sha256').update(email).digest('hex').slice(0, 10).toUpperCase();
    return { kind: 'guest', key: `e:${digest}`, customerNumber: `${opts.prefix}G-${digest}`, prefix: opts.prefix };
  }
  return {
    kind: 'guest',
    key: `g:${orderNumber}`,
    customerNumber: `${opts.prefix}Guest-${orderNumber}`,
    prefix: opts.prefix,
  };
}

/** The collective guest contact: a name only; no guest's address or e-mail ever lands on it. */
export function collectiveSnapshot(name: string): CustomerSnapshot {
  return {
    customerId: null,
    email: null,
    phone: null,
    company: name,
    vatId: null,
    billing: { street: '', zip: '', city: '', country: '' },
    shipping: null,
  };
}

/**
 * The buyer of a company order as the organisation's contact person (companyContacts = organisation_and_person):
 * a person with the billing name, nothing else (the organisation keeps addresses, e-mail and VAT id). Null when the
 * order is no company order or names no person.
 */
export function contactPersonOf(
  snapshot: CustomerSnapshot,
  organisation: Exclude<CustomerRef, { kind: 'none' }>,
): { ref: Exclude<CustomerRef, { kind: 'none' }>; snapshot: CustomerSnapshot } | null {
  if (organisation.kind === 'collective') return null;
  const company = clean(snapshot.company) ?? clean(snapshot.billing.company);
  const first = clean(snapshot.billing.firstName);
  const last = clean(snapshot.billing.lastName);
  if (!company || (!first && !last)) return null;
  return {
    ref: { ...organisation, key: `${organisation.key}:person`, customerNumber: `${organisation.customerNumber}-P` },
    snapshot: {
      customerId: null,
      email: null,
      phone: null,
      company: null,
      vatId: null,
      billing: { firstName: first, lastName: last, street: '', zip: '', city: '', country: '' },
      shipping: null,
    },
  };
}

export function personName(address: Address): string | null {
  return clean([address.firstName, address.lastName].filter(Boolean).join(' '));
}

/** The name shown on a voucher without contact, and on addresses: company, else the person. */
export function displayName(snapshot: CustomerSnapshot): string {
  return (
    clean(snapshot.company) ??
    clean(snapshot.billing.company) ??
    personName(snapshot.billing) ??
    clean(snapshot.email) ??
    'Kunde'
  );
}

function addressIntent(address: Address | null | undefined, fallbackName: string | null): AddressIntent | null {
  if (!address) return null;
  const street = [clean(address.street), clean(address.street2)].filter(Boolean).join(', ');
  const country = clean(address.country)?.toUpperCase() ?? null;
  if (!street && !clean(address.zip) && !clean(address.city)) return null;
  if (!country) return null;
  return {
    name: clean(address.company) ?? personName(address) ?? fallbackName,
    street,
    zip: clean(address.zip) ?? '',
    city: clean(address.city) ?? '',
    country,
  };
}

const sameAddress = (a: AddressIntent | null, b: AddressIntent | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export function contactIntent(snapshot: CustomerSnapshot, customerNumber: string): ContactIntent {
  const company = clean(snapshot.company) ?? clean(snapshot.billing.company);
  const fields: ContactFields = company
    ? { name: company, surename: null, familyname: null, vatNumber: clean(snapshot.vatId) }
    : {
        name: null,
        surename: clean(snapshot.billing.firstName),
        familyname:
          clean(snapshot.billing.lastName) ?? (clean(snapshot.billing.firstName) ? null : displayName(snapshot)),
        vatNumber: clean(snapshot.vatId),
      };
  const billing = addressIntent(snapshot.billing, company ?? personName(snapshot.billing));
  const shippingRaw = addressIntent(snapshot.shipping, null);
  return {
    customerNumber,
    fields,
    billing,
    shipping: shippingRaw && !sameAddress(shippingRaw, billing) ? shippingRaw : null,
    email: clean(snapshot.email)?.toLowerCase() ?? null,
    phone: clean(snapshot.phone),
  };
}

/** A stable text of the intent: equal text ⇔ nothing to write. Hash it for storage. */
export function canonicalIntent(intent: ContactIntent): string {
  return JSON.stringify([
    intent.customerNumber,
    intent.fields.name,
    intent.fields.surename,
    intent.fields.familyname,
    intent.fields.vatNumber,
    intent.billing && [
      intent.billing.name,
      intent.billing.street,
      intent.billing.zip,
      intent.billing.city,
      intent.billing.country,
    ],
    intent.shipping && [
      intent.shipping.name,
      intent.shipping.street,
      intent.shipping.zip,
      intent.shipping.city,
      intent.shipping.country,
    ],
    intent.email,
    intent.phone,
  ]);
}

export interface ContactChanges {
  /** Contact fields whose value changed (only these are sent with PUT /Contact). */
  fields: Partial<ContactFields>;
  billing: boolean;
  shipping: boolean;
  email: boolean;
  phone: boolean;
}

/** What differs between the last synced intent and the current one. Removed values are left alone in sevDesk. */
export function diffIntent(previous: ContactIntent | null, next: ContactIntent): ContactChanges {
  const fields: Partial<ContactFields> = {};
  for (const key of ['name', 'surename', 'familyname', 'vatNumber'] as const) {
    if ((previous?.fields[key] ?? null) !== next.fields[key]) fields[key] = next.fields[key];
  }
  // A value that disappeared is not deleted remotely (no destructive edits of master data).
  if (previous && next.fields.vatNumber === null && previous.fields.vatNumber !== null) delete fields.vatNumber;
  return {
    fields,
    billing: next.billing !== null && !sameAddress(previous?.billing ?? null, next.billing),
    shipping: next.shipping !== null && !sameAddress(previous?.shipping ?? null, next.shipping),
    email: next.email !== null && previous?.email !== next.email,
    phone: next.phone !== null && previous?.phone !== next.phone,
  };
}

export function hasChanges(c: ContactChanges): boolean {
  return Object.keys(c.fields).length > 0 || c.billing || c.shipping || c.email || c.phone;
}
