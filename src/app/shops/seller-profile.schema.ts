import { z } from 'zod';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';

// Validation of the seller profile wherever it is entered (API, CLI). Legal completeness for e-invoices is
// checked at finalization (render/einvoice missingSellerFields), not here: a shop may start with less.

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const sellerAddressSchema = z.strictObject({
  street: text(300).min(1, { error: 'street is required' }),
  street2: optionalText(300),
  zip: text(30).min(1, { error: 'post code is required' }),
  city: text(200).min(1, { error: 'city is required' }),
  state: optionalText(100),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code like "DE"' })
    .transform((v) => v.toUpperCase()),
});

export const sellerProfileSchema = z.strictObject({
  legalName: text(200).min(1, { error: 'legal name is required' }),
  address: sellerAddressSchema,
  vatId: optionalText(20).refine((v) => v === null || /^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(v.replace(/\s/g, '')), {
    error: 'must look like a VAT id, e.g. DE123456789',
  }),
  taxNumber: optionalText(30),
  email: z
    .email({ error: 'must be an e-mail address' })
    .nullish()
    .transform((v) => v ?? null),
  phone: optionalText(50),
  contactName: optionalText(200),
  bank: z
    .strictObject({
      accountHolder: text(200).min(1),
      iban: z
        .string()
        .transform((v) => v.replace(/\s/g, '').toUpperCase())
        .refine((v) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v), {
          error: 'must be an IBAN like DE02120300000000202051',
        }),
      bic: optionalText(11),
      bankName: optionalText(200),
    })
    .nullish()
    .transform((v) => v ?? null),
  footerLines: z.array(text(200)).max(10).default([]),
  paymentTermDays: z.number().int().min(0).max(365).default(14),
  smallBusiness: z.boolean().default(false),
}) satisfies z.ZodType<SellerProfile, unknown>;

export type SellerProfileInput = z.input<typeof sellerProfileSchema>;
