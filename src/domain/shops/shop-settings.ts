import { z } from 'zod';
import {
  COMPANY_CONTACT_MODES,
  costCentreSettingsSchema,
  GUEST_CONTACT_MODES,
  productTypeRulesSchema,
  revenueAccountsSchema,
  upgradeLegacyRevenueAccounts,
  voucherPresentationSchema,
} from '../accounting/accounting-settings.js';

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
        /** Product type of a shop line the shop does not classify (by category, tax class, default). */
        productTypes: productTypeRulesSchema.prefault({}),
        /** E-invoice (CII XML + Factur-X PDF) for every document; B2B buyers with a VAT id always get one. */
        eInvoices: z.boolean().default(false),
        /** Also store an XRechnung CII XML when the buyer's reference / Leitweg-ID (BT-10) is known. */
        xrechnung: z.boolean().default(false),
      })
      .prefault({}),
    sevdesk: z
      .object({
        /** "Schnittstelle aktivieren": while inactive nothing is sent. */
        active: z.boolean().default(false),
        autoTransfer: z.boolean().default(true),
        customerSync: z.boolean().default(true),
        customerNumberPrefix: z.string().max(20).default('WC-'),
        /** Guests: one contact per order, per e-mail address, one collective contact, or none (supplierName only). */
        guestContacts: z.enum(GUEST_CONTACT_MODES).default('per_order'),
        /** The name of the collective guest contact (guestContacts = collective). */
        collectiveContactName: z.string().trim().min(1).max(100).default('Gastkunden'),
        /** Company orders: the organisation only, or the organisation with the buyer as its contact person. */
        companyContacts: z.enum(COMPANY_CONTACT_MODES).default('organisation'),
        /**
         * Revenue accounts (SKR numbers) per product, product type, tax case, for shipping and fees, and separate
         * Erlösminderung accounts for cancellations; validated against the account's ReceiptGuidance.
         * The flat record stored before ({"1:19":"4400"}) still parses (it is the per-tax-case map).
         */
        revenueAccounts: revenueAccountsSchema.prefault({}),
        /** sevDesk cost centre of the voucher, per payment method or product type. */
        costCentre: costCentreSettingsSchema.prefault({}),
        /** Voucher date, description template and remark. */
        voucher: voucherPresentationSchema.prefault({}),
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

/** Settings whose value is a map chosen as a whole: a change replaces it, it is not merged key by key. */
const REPLACED_MAPS = new Set([
  'checkAccountByPaymentMethod',
  'byTaxCase',
  'byProductType',
  'byProduct',
  'shipping',
  'fees',
  'byPaymentMethod',
  'byCategory',
  'byTaxClass',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeSection(current: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, raw] of Object.entries(change)) {
    // The flat revenue-account record of older clients (the admin form, scripts) changes only the per-tax-case map;
    // for them an empty record meant "no choices".
    const v =
      k === 'revenueAccounts'
        ? isPlainObject(raw) && Object.keys(raw).length === 0
          ? { byTaxCase: {} }
          : upgradeLegacyRevenueAccounts(raw)
        : raw;
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) && !REPLACED_MAPS.has(k) ? mergeSection(cur, v) : v;
  }
  return out;
}

/** Deep-merge a partial change onto current settings (arrays and maps are replaced, not merged). */
export function mergeSettings(current: ShopSettings, change: unknown): unknown {
  if (!isPlainObject(change)) return change;
  return mergeSection(current as unknown as Record<string, unknown>, change);
}
