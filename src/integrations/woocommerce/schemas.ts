// WooCommerce REST API v3 payloads (orders, refunds, customers) as webhooks and the REST API send them.
// Permissive about fields we do not use (loose objects), strict about the types of the ones we do.
import { z } from 'zod';
import { type InputIssue, issuesFromZod, type ParseResult } from '../../domain/orders/input-issues.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Amounts come as strings ("29.35"); a few plugins send numbers. Either way we keep the decimal text. */
export const wooMoney = z
  .union([z.string().regex(DECIMAL, 'Expected a decimal amount like "29.35"'), z.number().finite()])
  .transform((value) => (typeof value === 'number' ? String(value) : value));

/** Tax breakdown entries use "" for "no amount" (e.g. a shipping line's subtotal). */
const wooOptionalMoney = z
  .union([z.literal(''), wooMoney])
  .nullish()
  .transform((value) => (value === '' || value === undefined || value === null ? null : value));

const wooId = z.number().int().nonnegative();

/** WooCommerce dates: "2017-03-22T16:28:02" (site time or GMT, without offset). */
const wooDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, 'Expected a date-time like "2017-03-22T16:28:02"');

export const wooMetaSchema = z.looseObject({ id: z.number().optional(), key: z.string(), value: z.unknown() });
const meta = z.array(wooMetaSchema).default([]);

const str = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

export const wooAddressSchema = z.looseObject({
  first_name: str,
  last_name: str,
  company: str,
  address_1: str,
  address_2: str,
  city: str,
  state: str,
  postcode: str,
  country: str,
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export const wooLineTaxSchema = z.looseObject({
  id: wooId,
  total: wooOptionalMoney,
  subtotal: wooOptionalMoney,
});

export const wooLineItemSchema = z.looseObject({
  id: wooId,
  name: z.string(),
  product_id: wooId.default(0),
  variation_id: wooId.default(0),
  /** Any finite number passes; implausible ones (quantity.ts) are stored and flagged, not refused. */
  quantity: z.number().finite(),
  tax_class: z.string().nullish(),
  subtotal: wooMoney,
  subtotal_tax: wooMoney,
  total: wooMoney,
  total_tax: wooMoney,
  taxes: z.array(wooLineTaxSchema).default([]),
  meta_data: meta,
  sku: z.string().nullish(),
  price: z.union([z.number(), z.string()]).nullish(),
});

export const wooShippingLineSchema = z.looseObject({
  id: wooId,
  method_title: z.string(),
  method_id: z.string().nullish(),
  total: wooMoney,
  total_tax: wooMoney,
  taxes: z.array(wooLineTaxSchema).default([]),
  meta_data: meta,
});

export const wooFeeLineSchema = z.looseObject({
  id: wooId,
  name: z.string(),
  tax_class: z.string().nullish(),
  tax_status: z.string().nullish(),
  total: wooMoney,
  total_tax: wooMoney,
  taxes: z.array(wooLineTaxSchema).default([]),
  meta_data: meta,
});

export const wooCouponLineSchema = z.looseObject({
  id: wooId,
  code: z.string(),
  discount: wooMoney,
  discount_tax: wooMoney,
  meta_data: meta,
});

export const wooTaxLineSchema = z.looseObject({
  id: wooId,
  rate_code: z.string().nullish(),
  rate_id: wooId,
  label: z.string().nullish(),
  compound: z.boolean().default(false),
  tax_total: wooMoney,
  shipping_tax_total: wooMoney,
  /** Since WooCommerce 5.x; older shops omit it. */
  rate_percent: z.number().finite().min(0).max(100).nullish(),
  meta_data: meta,
});

export const wooRefundSummarySchema = z.looseObject({
  id: wooId,
  reason: z.string().nullish(),
  /** Negative: "-10.00" */
  total: wooMoney,
});

export const wooOrderSchema = z.looseObject({
  id: wooId,
  parent_id: wooId.default(0),
  number: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code'),
  prices_include_tax: z.boolean(),
  date_created: wooDate,
  date_created_gmt: wooDate,
  date_modified: wooDate.nullish(),
  date_modified_gmt: wooDate.nullish(),
  date_paid: wooDate.nullish(),
  date_paid_gmt: wooDate.nullish(),
  date_completed: wooDate.nullish(),
  date_completed_gmt: wooDate.nullish(),
  discount_total: wooMoney,
  discount_tax: wooMoney,
  shipping_total: wooMoney,
  shipping_tax: wooMoney,
  cart_tax: wooMoney.optional(),
  total: wooMoney,
  total_tax: wooMoney,
  customer_id: wooId,
  billing: wooAddressSchema,
  shipping: wooAddressSchema.nullish(),
  payment_method: z.string().nullish(),
  payment_method_title: z.string().nullish(),
  transaction_id: z.string().nullish(),
  meta_data: meta,
  line_items: z.array(wooLineItemSchema),
  tax_lines: z.array(wooTaxLineSchema).default([]),
  shipping_lines: z.array(wooShippingLineSchema).default([]),
  fee_lines: z.array(wooFeeLineSchema).default([]),
  coupon_lines: z.array(wooCouponLineSchema).default([]),
  refunds: z.array(wooRefundSummarySchema).default([]),
});

/** A refund from GET /orders/{id}/refunds/{rid}; line quantities and totals are negative. */
export const wooRefundSchema = z.looseObject({
  id: wooId,
  date_created: wooDate.nullish(),
  date_created_gmt: wooDate.nullish(),
  /** Positive: "10.00" */
  amount: wooMoney,
  reason: z.string().nullish(),
  refunded_by: z.number().nullish(),
  refunded_payment: z.boolean().nullish(),
  meta_data: meta,
  line_items: z.array(wooLineItemSchema).default([]),
  shipping_lines: z.array(wooShippingLineSchema).default([]),
  fee_lines: z.array(wooFeeLineSchema).default([]),
});

export const wooCustomerSchema = z.looseObject({
  id: wooId,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  date_created_gmt: wooDate.nullish(),
  date_modified_gmt: wooDate.nullish(),
  billing: wooAddressSchema,
  shipping: wooAddressSchema.nullish(),
  meta_data: meta,
});

export type WooOrder = z.output<typeof wooOrderSchema>;
export type WooRefund = z.output<typeof wooRefundSchema>;
export type WooCustomer = z.output<typeof wooCustomerSchema>;
export type WooLineItem = z.output<typeof wooLineItemSchema>;
export type WooShippingLine = z.output<typeof wooShippingLineSchema>;
export type WooFeeLine = z.output<typeof wooFeeLineSchema>;
export type WooTaxLine = z.output<typeof wooTaxLineSchema>;
export type WooLineTax = z.output<typeof wooLineTaxSchema>;
export type WooAddress = z.output<typeof wooAddressSchema>;
export type WooMeta = z.output<typeof wooMetaSchema>;

function parseWith<T>(schema: z.ZodType<T>, json: unknown): ParseResult<T> {
  const result = schema.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesFromZod(result.error) };
}

export const parseWooOrder = (json: unknown): ParseResult<WooOrder> => parseWith(wooOrderSchema, json);
export const parseWooRefund = (json: unknown): ParseResult<WooRefund> => parseWith(wooRefundSchema, json);
export const parseWooCustomer = (json: unknown): ParseResult<WooCustomer> => parseWith(wooCustomerSchema, json);
export type { InputIssue };
