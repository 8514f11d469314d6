import { z } from 'zod';

// Per-shop settings, stored as JSON on the shop and validated with this one schema wherever they change
// (API, CLI, admin UI). Defaults are what a merchant expects without touching anything.

const numberFormat = z
  .string()
  .min(1)
  .max(60)
  .refine((v) => /\{seq(:\d)?\}/.test(v), { error: 'must contain {seq} or {seq:N}, e.g. RE-{YYYY}-{seq:5}' });

export const shopSettingsSchema = z
  .object({
    numbering: z
      .object({
        invoice: numberFormat.default('RE-{YYYY}-{seq:5}'),
        cancellation: numberFormat.default('ST-{YYYY}-{seq:5}'),
      })
      .prefault({}),
    tax: z
      .object({
        homeCountry: z.literal('DE', { error: 'only DE is supported as home country' }).default('DE'),
        /** Kleinunternehmer (§19 UStG). */
        smallBusiness: z.boolean().default(false),
        /** Registered for the One-Stop-Shop: EU consumer sales are taxed in the destination country. */
        ossRegistered: z.boolean().default(false),
      })
      .prefault({}),
    documents: z
      .object({
        /** Order statuses at which the invoice is created (WooCommerce: paid = processing or completed). */
        invoiceOnStatuses: z.array(z.string().min(1)).min(1).default(['processing', 'completed']),
        autoFinalize: z.boolean().default(true),
        /** Cancel the invoice fully when the order is cancelled or fully refunded. */
        cancelOnStatuses: z.array(z.string().min(1)).default(['cancelled', 'refunded']),
      })
      .prefault({}),
    sevdesk: z
      .object({
        /** "Schnittstelle aktivieren": while inactive nothing is sent. */
        active: z.boolean().default(false),
        autoTransfer: z.boolean().default(true),
        customerSync: z.boolean().default(true),
        customerNumberPrefix: z.string().max(20).default('WC-'),
        /** Guests: one contact per guest order, or none (supplierName only). */
        guestContacts: z.enum(['per_order', 'none']).default('per_order'),
        /** Account chart ids chosen for revenue, by SKR number; resolved against ReceiptGuidance per account. */
        revenueAccounts: z.record(z.string(), z.string()).default({}),
        dryRun: z.boolean().default(false),
      })
      .prefault({}),
    booking: z
      .object({
        enabled: z.boolean().default(false),
        defaultCheckAccountId: z.string().nullable().default(null),
        /** Payment method id (as in the shop's orders) → sevDesk check account id. */
        checkAccountByPaymentMethod: z.record(z.string(), z.string()).default({}),
        linkTransactions: z.boolean().default(true),
        /** Search key: a template over {orderNumber}, {invoiceNumber}, {transactionId}. */
        searchKey: z.string().min(1).max(100).default('{orderNumber}'),
        /** Days after the payment date to keep looking for the bank transaction. */
        rematchDays: z.number().int().min(0).max(90).default(14),
      })
      .prefault({}),
  })
  .strict();

export type ShopSettings = z.infer<typeof shopSettingsSchema>;
export type ShopSettingsInput = z.input<typeof shopSettingsSchema>;

export const defaultShopSettings = (): ShopSettings => shopSettingsSchema.parse({});

/** Deep-merge a partial change onto current settings (arrays and records are replaced, not merged). */
export function mergeSettings(current: ShopSettings, change: unknown): unknown {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) return change;
  const out: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [k, v] of Object.entries(change)) {
    const cur = out[k];
    const isSection = typeof cur === 'object' && cur !== null && !Array.isArray(cur) && k !== 'revenueAccounts';
    out[k] = isSection && typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...cur, ...v } : v;
  }
  return out;
}
