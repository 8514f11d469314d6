import { z } from 'zod';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  LINE_KINDS,
  PRODUCT_TYPES,
  TAX_CASES,
} from '../../domain/documents/document.js';

// Response shapes of the JSON API. The routes return exactly these (tests validate responses against the
// OpenAPI document generated from them); amounts are integer minor units of `currency`.
// Named components live in a registry of our own (not zod's global one), so ids never clash with other modules.

export const responseSchemas = z.registry<{ id: string; description?: string }>();
export function named<S extends z.ZodType>(schema: S, id: string): S {
  responseSchemas.add(schema, { id });
  return schema;
}

const minor = z.number().int().describe('Integer minor units (cents) of the document currency');

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

export const documentChangeSchema = z.object({
  id: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  sourceKey: z.string(),
  action: z.enum(['created', 'updated', 'finalized', 'deleted', 'finalize_refused']),
  number: z.string().nullable(),
  reason: z.string().optional(),
});

export const ingestResultSchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged', 'stale']),
  orderId: z.string(),
  documents: z.array(documentChangeSchema),
  attention: z.array(z.string()).describe('Why the order needs a person to look at it; empty when fine'),
});

export const customerResultSchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged', 'stale', 'deleted', 'unknown']),
  customerId: z.string().nullable(),
});

export const deleteOrderResultSchema = z.object({ outcome: z.enum(['deleted', 'unchanged']), orderId: z.string() });

export const rateTotalSchema = z.object({
  rateBp: z.number().int().describe('VAT rate in basis points: 1900 = 19 %'),
  net: minor,
  tax: minor,
  gross: minor,
});

export const totalsSchema = z.object({ net: minor, tax: minor, gross: minor, byRate: z.array(rateTotalSchema) });

export const documentLineSchema = z.object({
  kind: z.enum(LINE_KINDS),
  position: z.number().int(),
  name: z.string(),
  sku: z.string().nullish(),
  productId: z.string().nullish(),
  productType: z.enum(PRODUCT_TYPES).nullish(),
  quantity: z.string(),
  unitPriceNet: z.string(),
  rateBp: z.number().int(),
  sourceLineId: z.string().nullish(),
  net: minor,
  tax: minor,
  gross: minor,
});

const addressSchema = z.object({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  street: z.string(),
  street2: z.string().nullish(),
  zip: z.string(),
  city: z.string(),
  state: z.string().nullish(),
  country: z.string(),
});

export const customerSnapshotSchema = z.object({
  customerId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  vatId: z.string().nullable(),
  billing: addressSchema,
  shipping: addressSchema.nullable(),
});

export const documentListItemSchema = z.object({
  id: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.string().nullable(),
  issueDate: z.string().nullable(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerName: z.string(),
  customerEmail: z.string().nullable(),
  currency: z.string(),
  net: minor,
  tax: minor,
  gross: minor,
  taxCase: z.string().nullable(),
  needsAttention: z.boolean(),
  cancelsDocumentId: z.string().nullable(),
  transferState: z.string().describe('State of the sevDesk transfer, or not_transferred'),
  createdAt: z.string(),
  finalizedAt: z.string().nullable(),
});

export const documentPageSchema = z.object({
  items: z.array(documentListItemSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});

export const documentDetailSchema = z.object({
  id: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.string().nullable(),
  issueDate: z.string().nullable(),
  orderId: z.string(),
  orderNumber: z.string(),
  sourceKey: z.string(),
  cancelsDocumentId: z.string().nullable(),
  cancelledBy: z.array(z.object({ id: z.string(), number: z.string().nullable(), status: z.enum(DOCUMENT_STATUSES) })),
  taxCase: z.enum(TAX_CASES).nullable(),
  needsAttention: z.boolean(),
  attentionReasons: z.array(z.string()),
  currency: z.string(),
  totals: totalsSchema,
  lines: z.array(documentLineSchema),
  customer: customerSnapshotSchema,
  deliveryDate: z.string(),
  paymentMethod: z.string().nullable(),
  paidAt: z.string().nullable(),
  splitByProportion: z.boolean().describe('An amount-only refund was split across the VAT rates by proportion'),
  notes: z.array(z.string()),
  files: z.array(z.object({ kind: z.string(), contentType: z.string(), sha256: z.string(), href: z.string() })),
  transfer: z.object({ state: z.string(), updatedAt: z.string(), lastError: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  finalizedAt: z.string().nullable(),
});

export const finalizeResultSchema = z.object({
  document: documentDetailSchema,
  followUps: z.array(documentChangeSchema).describe('Cancellations issued now that the invoice has a number'),
});

export const shopViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  seller: z.record(z.string(), z.unknown()),
  wooCommerce: z.object({ url: z.string().nullable(), webhookUrl: z.string(), hasWebhookSecret: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// Component names in the OpenAPI document.
named(errorBodySchema, 'Error');
named(documentChangeSchema, 'DocumentChange');
named(ingestResultSchema, 'IngestResult');
named(customerResultSchema, 'CustomerResult');
named(deleteOrderResultSchema, 'DeleteOrderResult');
named(rateTotalSchema, 'RateTotal');
named(totalsSchema, 'Totals');
named(documentLineSchema, 'DocumentLine');
named(addressSchema, 'Address');
named(customerSnapshotSchema, 'CustomerSnapshot');
named(documentListItemSchema, 'DocumentListItem');
named(documentPageSchema, 'DocumentPage');
named(documentDetailSchema, 'DocumentDetail');
named(finalizeResultSchema, 'FinalizeResult');
named(shopViewSchema, 'Shop');

export const webhookResultSchema = z.union([
  z.object({ ping: z.literal(true) }).describe('WooCommerce saved the webhook and pinged it'),
  z
    .object({ duplicate: z.literal(true), reason: z.enum(['delivery', 'unchanged', 'stale']) })
    .describe('Already processed: the same delivery, the same data, or older than what is stored'),
  z
    .looseObject({
      topic: z.string(),
      outcome: z.string(),
      orderId: z.string().nullish(),
      customerId: z.string().nullish(),
      documents: z.array(documentChangeSchema).optional(),
      attention: z.array(z.string()).optional(),
    })
    .describe('Processed: what happened to the order or customer'),
]);
export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not ready']),
  database: z.string(),
  reason: z.string().optional(),
});

named(webhookResultSchema, 'WebhookResult');
named(healthSchema, 'Health');
named(readinessSchema, 'Readiness');
