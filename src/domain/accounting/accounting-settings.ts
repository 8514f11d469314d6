// The bookkeeper's choices for how a document reads in sevDesk: which revenue account takes each position (per
// product, product type, tax case; shipping and fees; separate Erlösminderung accounts for cancellations), the cost
// centre, the voucher date, description and remark, how contacts are made, and how a shop line gets its product
// type. Schemas only; the shop settings schema embeds them (src/domain/shops/shop-settings.ts).
import { z } from 'zod';
import { PRODUCT_TYPES } from '../documents/document.js';

/**
 * Tax-case keys of an account map: "<rule>:<rate %>" ("1:19"), "<rule>" (any rate of the rule) or "*" (any tax
 * case). These are the sevDesk tax rules of the voucher path (src/domain/transfer/voucher-tax-rule.ts).
 */
export const TAX_CASE_KEYS = ['1:19', '1:7', '1:0', '11', '3', '2', '17'] as const;
export type TaxCaseKey = (typeof TAX_CASE_KEYS)[number];

const TAX_CASE_KEY_PATTERN = /^(\*|\d{1,2}(:\d{1,2}(\.\d{1,2})?)?)$/;
const ACCOUNT_NUMBER_PATTERN = /^\d{3,8}$/;

export const accountNumberSchema = z
  .string()
  .trim()
  .regex(ACCOUNT_NUMBER_PATTERN, { error: 'an account number of the chart (SKR03/SKR04), e.g. 4400' });

const taxCaseKeySchema = z
  .string()
  .trim()
  .regex(TAX_CASE_KEY_PATTERN, { error: 'a tax-case key: "<rule>:<rate>" (e.g. 1:19), "<rule>" or "*"' });

/** Tax-case key → account number. */
export const accountMapSchema = z.record(taxCaseKeySchema, accountNumberSchema);
export type AccountMap = Readonly<Record<string, string>>;

const productKeySchema = z.string().trim().min(1, { error: 'a SKU or product id' }).max(100);
const productTypeSchema = z.enum(PRODUCT_TYPES);

const accountLevels = {
  /** Per tax case; "*" is the default for every tax case. */
  byTaxCase: accountMapSchema.default({}),
  /** Per product type (goods, service, digital), overriding the tax case. */
  byProductType: z.partialRecord(productTypeSchema, accountMapSchema).default({}),
  /** Per product, by SKU or product id, overriding the product type. */
  byProduct: z.record(productKeySchema, accountMapSchema).default({}),
  shipping: accountMapSchema.default({}),
  fees: accountMapSchema.default({}),
};

const accountLevelsSchema = z.object(accountLevels).strict();

const structuredRevenueAccounts = z
  .object({
    ...accountLevels,
    /** Erlösminderungen: used for cancellations first; where empty, a cancellation books like its invoice. */
    cancellations: accountLevelsSchema.prefault({}),
  })
  .strict();

/** Settings stored before the redesign: a flat record "<rule>[:<rate>]" | "*" → account number. */
export function isLegacyRevenueAccounts(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((v) => typeof v === 'string');
}

/**
 * Old stored settings stay readable: the flat record becomes the per-tax-case map. Entries the old code could never
 * have matched (keys outside its grammar, values that are no account number) are dropped rather than making the shop
 * unreadable.
 */
export function upgradeLegacyRevenueAccounts(value: unknown): unknown {
  if (!isLegacyRevenueAccounts(value)) return value;
  const byTaxCase: Record<string, string> = {};
  for (const [key, account] of Object.entries(value)) {
    const k = key.trim();
    const a = account.trim();
    if (TAX_CASE_KEY_PATTERN.test(k) && ACCOUNT_NUMBER_PATTERN.test(a)) byTaxCase[k] = a;
  }
  return { byTaxCase };
}

export const revenueAccountsSchema = z.preprocess(upgradeLegacyRevenueAccounts, structuredRevenueAccounts);
export type RevenueAccounts = z.output<typeof structuredRevenueAccounts>;
export type AccountLevels = z.output<typeof accountLevelsSchema>;

const costCentreIdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}$/, { error: 'the id of a sevDesk cost centre' });

/** sevDesk CostCentre on the voucher header: per payment method, else per product type, else the default. */
export const costCentreSettingsSchema = z
  .object({
    default: costCentreIdSchema.nullable().default(null),
    byPaymentMethod: z.record(z.string().trim().min(1).max(100), costCentreIdSchema).default({}),
    byProductType: z.partialRecord(productTypeSchema, costCentreIdSchema).default({}),
  })
  .strict();
export type CostCentreSettings = z.output<typeof costCentreSettingsSchema>;

/** Placeholders of the description template (src/domain/accounting/voucher-text.ts renders them). */
export const DESCRIPTION_PLACEHOLDERS = [
  'invoiceNumber',
  'orderNumber',
  'customerName',
  'paymentMethod',
  'date',
  'cancelledInvoiceNumber',
  'transactionId',
] as const;
export type DescriptionPlaceholder = (typeof DESCRIPTION_PLACEHOLDERS)[number];

export const DESCRIPTION_TEMPLATE_MAX = 150;

/** Placeholders in a template that are not ours ("{orderNo}" → ["orderNo"]). */
export function unknownDescriptionPlaceholders(template: string): string[] {
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !(DESCRIPTION_PLACEHOLDERS as readonly string[]).includes(n)))];
}

const descriptionTemplateSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty, e.g. {invoiceNumber}' })
  .max(DESCRIPTION_TEMPLATE_MAX)
  .refine((t) => unknownDescriptionPlaceholders(t).length === 0, {
    error: (issue) =>
      `unknown placeholder ${unknownDescriptionPlaceholders(String(issue.input))
        .map((n) => `{${n}}`)
        .join(', ')}; allowed: ${DESCRIPTION_PLACEHOLDERS.map((n) => `{${n}}`).join(' ')}`,
  })
  // The marker is ours: a template must not be able to fake or hide it.
  .refine((t) => !/\[BF:/i.test(t), { error: 'must not contain "[BF:" — the marker is appended automatically' });

export const VOUCHER_DATE_MODES = ['invoice_date', 'order_date'] as const;
export type VoucherDateMode = (typeof VOUCHER_DATE_MODES)[number];

export const voucherPresentationSchema = z
  .object({
    /** Voucher date: the invoice date (default) or the order date. Cancellations always carry their own date. */
    date: z.enum(VOUCHER_DATE_MODES).default('invoice_date'),
    description: z
      .object({
        invoice: descriptionTemplateSchema.default('{invoiceNumber}'),
        cancellation: descriptionTemplateSchema.default('{invoiceNumber} Storno zu {cancelledInvoiceNumber}'),
      })
      .strict()
      .prefault({}),
    /** Append a remark: order number, payment method and payment transaction id. */
    remark: z.boolean().default(false),
  })
  .strict();
export type VoucherPresentation = z.output<typeof voucherPresentationSchema>;

export const GUEST_CONTACT_MODES = ['per_order', 'per_email', 'collective', 'none'] as const;
export type GuestContactMode = (typeof GUEST_CONTACT_MODES)[number];
export const COMPANY_CONTACT_MODES = ['organisation', 'organisation_and_person'] as const;
export type CompanyContactMode = (typeof COMPANY_CONTACT_MODES)[number];

/** How a shop line gets its product type when the shop does not say (WooCommerce webhooks carry no flags). */
export const productTypeRulesSchema = z
  .object({
    default: productTypeSchema.default('goods'),
    /** Category slug or name → type (from the catalogue, when the line's product is known). */
    byCategory: z.record(z.string().trim().min(1).max(100), productTypeSchema).default({}),
    /** WooCommerce tax class ("standard" for the shop's standard class, "reduced-rate", …) → type. */
    byTaxClass: z.record(z.string().trim().min(1).max(100), productTypeSchema).default({}),
  })
  .strict();
export type ProductTypeRules = z.output<typeof productTypeRulesSchema>;
