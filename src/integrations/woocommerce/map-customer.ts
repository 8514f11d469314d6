// WooCommerce addresses, VAT ids and customers -> the CustomerSnapshot documents carry.
import type { Address, CustomerSnapshot } from '../../domain/documents/document.js';
import type { WooAddress, WooCustomer, WooMeta } from './schemas.js';

/**
 * Where VAT-id plugins keep the buyer's VAT id: Germanized / EU VAT plugins (`_billing_vat_id`),
 * WooCommerce EU VAT Number (`_vat_number`, newer `_billing_vat_number`), and plain `vat_number`.
 */
export const VAT_ID_META_KEYS = [
  '_billing_vat_id',
  'billing_vat_id',
  '_billing_vat_number',
  '_vat_number',
  'vat_number',
] as const;

/** Some plugins put the VAT id into the billing address object instead. */
const VAT_ID_ADDRESS_KEYS = ['vat_id', 'vat_number', 'vat'] as const;

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function metaValue(meta: readonly WooMeta[], key: string): unknown {
  return meta.find((entry) => entry.key === key)?.value;
}

export function wooVatId(meta: readonly WooMeta[], billing?: WooAddress | null): string | null {
  for (const key of VAT_ID_META_KEYS) {
    const value = text(metaValue(meta, key));
    if (value) return value;
  }
  const loose = billing as Record<string, unknown> | null | undefined;
  for (const key of VAT_ID_ADDRESS_KEYS) {
    const value = text(loose?.[key]);
    if (value) return value;
  }
  return null;
}

/** Where shops keep a public buyer's Leitweg-ID / buyer reference (BT-10) for XRechnung. */
export const BUYER_REFERENCE_META_KEYS = [
  '_billing_leitweg_id',
  'billing_leitweg_id',
  '_leitweg_id',
  'leitweg_id',
  '_buyer_reference',
  'buyer_reference',
] as const;

export function wooBuyerReference(meta: readonly WooMeta[]): string | null {
  for (const key of BUYER_REFERENCE_META_KEYS) {
    const value = text(metaValue(meta, key));
    if (value) return value;
  }
  return null;
}

function isEmptyAddress(address: WooAddress): boolean {
  return !address.address_1.trim() && !address.city.trim() && !address.postcode.trim() && !address.country.trim();
}

export function mapWooAddress(address: WooAddress): Address {
  return {
    firstName: text(address.first_name),
    lastName: text(address.last_name),
    company: text(address.company),
    street: address.address_1.trim(),
    street2: text(address.address_2),
    zip: address.postcode.trim(),
    city: address.city.trim(),
    state: text(address.state),
    country: address.country.trim().toUpperCase(),
  };
}

export interface WooCustomerParts {
  /** 0 for guests */
  customerId: number;
  email?: string | null;
  billing: WooAddress;
  shipping?: WooAddress | null;
  meta: readonly WooMeta[];
}

/** Snapshot from the address blocks an order or a customer carries. An empty shipping block means "same as billing". */
export function wooCustomerSnapshot(parts: WooCustomerParts): CustomerSnapshot {
  const { billing, shipping } = parts;
  const buyerReference = wooBuyerReference(parts.meta);
  return {
    customerId: parts.customerId === 0 ? null : String(parts.customerId),
    email: text(billing.email) ?? text(parts.email),
    phone: text(billing.phone) ?? text(shipping?.phone),
    company: text(billing.company),
    vatId: wooVatId(parts.meta, billing),
    // Only when known, so snapshots without one stay as they were.
    ...(buyerReference ? { buyerReference } : {}),
    billing: mapWooAddress(billing),
    shipping: shipping && !isEmptyAddress(shipping) ? mapWooAddress(shipping) : null,
  };
}

/** A customer from GET /customers/{id} or the customer.* webhooks. */
export function mapWooCustomer(customer: WooCustomer): CustomerSnapshot {
  const snapshot = wooCustomerSnapshot({
    customerId: customer.id,
    email: customer.email,
    billing: customer.billing,
    shipping: customer.shipping,
    meta: customer.meta_data,
  });
  // A registered customer without a billing name still has an account name.
  if (!snapshot.billing.firstName && !snapshot.billing.lastName) {
    snapshot.billing.firstName = text(customer.first_name);
    snapshot.billing.lastName = text(customer.last_name);
  }
  return snapshot;
}
