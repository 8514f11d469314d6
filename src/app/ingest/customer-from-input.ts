import type { z } from 'zod';
import type { Address, CustomerSnapshot } from '../../domain/documents/document.js';
import type { addressInputSchema, customerInputSchema } from '../../domain/orders/order-input.schema.js';

type AddressInput = z.output<typeof addressInputSchema>;

function address(a: AddressInput): Address {
  return {
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    company: a.company ?? null,
    street: a.street,
    street2: a.street2 ?? null,
    zip: a.zip,
    city: a.city,
    state: a.state ?? null,
    country: a.country,
  };
}

/** JSON API customer → the snapshot stored and sent to sevDesk (same shape as an order's customer). */
export function customerFromInput(input: z.output<typeof customerInputSchema>, externalId: string): CustomerSnapshot {
  return {
    customerId: externalId,
    email: input.email ?? null,
    phone: input.phone ?? null,
    company: input.company ?? input.billing.company ?? null,
    vatId: input.vatId?.trim() || null,
    billing: address(input.billing),
    shipping: input.shipping ? address(input.shipping) : null,
  };
}
