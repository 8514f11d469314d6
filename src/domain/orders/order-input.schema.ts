// The JSON order format for shops other than WooCommerce (POST /api/v1/orders, CLI import).
// Strict: unknown fields are rejected so typos surface. Money is always a decimal string in major
// units with a dot ("119.00"), never a JSON number, so no float ever touches an amount.
import { z } from 'zod';
import { LINE_KINDS, PRODUCT_TYPES } from '../documents/document.js';
import {
  MAX_QUANTITY,
  MAX_QUANTITY_DECIMALS,
  MAX_QUANTITY_TEXT,
  numberQuantityProblem,
  plainNumber,
  QUANTITY_TEXT_PATTERN,
  quantityProblem,
} from '../documents/quantity-rules.js';
import { ROUNDING_MODES } from './order.js';

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

const amount = z
  .string()
  .regex(DECIMAL, 'Expected a decimal string like "12.34" (dot as separator, up to 6 decimals)')
  .describe('Decimal string in major units, e.g. "119.00"; must fit the currency\'s decimals');

const QUANTITY_EXPECTED = 'Expected a positive decimal like "2" or "0.5"';
const decimalsOf = (value: number) => plainNumber(value).split('.')[1]?.length ?? 0;

// The documents' bounds (the same as for WooCommerce), so every quantity accepted here can be printed.
const quantity = z
  .union([
    z
      .number()
      .positive(QUANTITY_EXPECTED)
      .max(MAX_QUANTITY, { error: (issue) => `${numberQuantityProblem(issue.input as number)}` })
      .refine((value) => decimalsOf(value) <= MAX_QUANTITY_DECIMALS, {
        error: (issue) => `${numberQuantityProblem(issue.input as number)}`,
      }),
    z
      .string()
      .regex(QUANTITY_TEXT_PATTERN, { error: (issue) => quantityProblem(issue.input as string) ?? QUANTITY_EXPECTED })
      .refine((value) => !QUANTITY_TEXT_PATTERN.test(value) || /[1-9]/.test(value), QUANTITY_EXPECTED),
  ])
  .transform((value) => (typeof value === 'number' ? plainNumber(value) : value))
  .describe(
    `Positive quantity, number or decimal string; at most ${MAX_QUANTITY_TEXT} with up to ${MAX_QUANTITY_DECIMALS} decimals`,
  );

const taxRate = z
  .union([
    z.number().min(0).max(100),
    z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'Expected a percentage like "19" or "5.5"'),
  ])
  .transform((value) => String(value))
  .describe('VAT rate in percent, e.g. 19, 7, 5.5, 0');

const id = z.union([z.string().min(1).max(100), z.number().int().nonnegative()]).transform((value) => String(value));

const text = (max: number) => z.string().max(max);
const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset or Z');

export const addressInputSchema = z.strictObject({
  firstName: text(200).nullish(),
  lastName: text(200).nullish(),
  company: text(200).nullish(),
  street: text(300).default(''),
  street2: text(300).nullish(),
  zip: text(30).default(''),
  city: text(200).default(''),
  state: text(100).nullish(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code like "DE"')
    .transform((value) => value.toUpperCase()),
});

export const customerInputSchema = z.strictObject({
  id: id.nullish().describe('Shop customer id; omit or null for guests'),
  email: z.email().nullish(),
  phone: text(50).nullish(),
  company: text(200).nullish(),
  vatId: text(20).nullish().describe("Buyer's VAT id, e.g. ATU12345678"),
  buyerReference: text(100)
    .nullish()
    .describe('Buyer reference / Leitweg-ID (BT-10) for e-invoices, e.g. 04011000-1234512345-06'),
  billing: addressInputSchema,
  shipping: addressInputSchema.nullish().describe('Delivery address if different from billing'),
});

const lineAmounts = {
  net: amount.optional(),
  tax: amount.optional(),
  gross: amount.optional(),
};

export const lineInputSchema = z
  .strictObject({
    id: id.optional().describe('Shop line id; refunds refer to it'),
    kind: z.enum(LINE_KINDS).default('product'),
    name: z.string().min(1).max(500),
    sku: text(100).nullish(),
    productId: id.nullish(),
    productType: z.enum(PRODUCT_TYPES).optional().describe('goods (default for products), service or digital'),
    quantity: quantity.default('1'),
    unitPrice: amount.optional().describe('Per unit; gross if pricesIncludeTax, else net'),
    taxRate,
    ...lineAmounts,
    beforeDiscount: z
      .strictObject({ net: amount, tax: amount })
      .optional()
      .describe('Line amounts before coupon discounts, when the shop shows discounts separately'),
  })
  .describe("Give the shop's line totals (two of net/tax/gross) or a unitPrice; totals win when both are given");

export const refundLineInputSchema = z.strictObject({
  lineId: id.describe('The refunded order line'),
  quantity: quantity.default('1'),
  ...lineAmounts,
});

export const refundInputSchema = z.strictObject({
  id,
  reason: text(500).nullish(),
  amount: amount.describe('Positive gross amount refunded'),
  date: isoDateTime.nullish(),
  lines: z.array(refundLineInputSchema).max(1000).optional().describe('Omit for an amount-only refund'),
});

export const orderInputSchema = z.strictObject({
  id: id.describe('Shop order id, unique per shop'),
  number: text(100).optional().describe('Order number shown to the customer; default: id'),
  status: text(50).default('completed'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code like "EUR"'),
  createdAt: isoDateTime,
  paidAt: isoDateTime.nullish(),
  completedAt: isoDateTime.nullish(),
  pricesIncludeTax: z.boolean(),
  roundingMode: z.enum(ROUNDING_MODES).default('per_line'),
  customer: customerInputSchema,
  payment: z
    .strictObject({ method: text(100).nullish(), title: text(200).nullish(), transactionId: text(200).nullish() })
    .optional(),
  lines: z.array(lineInputSchema).min(1).max(1000),
  coupons: z
    .array(z.strictObject({ code: text(100), discount: amount.default('0'), discountTax: amount.default('0') }))
    .max(100)
    .default([]),
  totals: z.strictObject({
    total: amount.describe('Grand total, gross'),
    totalTax: amount,
    shipping: amount.optional(),
    shippingTax: amount.optional(),
    discount: amount.optional(),
    discountTax: amount.optional(),
  }),
  refunds: z.array(refundInputSchema).max(1000).default([]),
});

export type OrderInput = z.output<typeof orderInputSchema>;
export type OrderLineInput = z.output<typeof lineInputSchema>;
export type RefundInput = z.output<typeof refundInputSchema>;
