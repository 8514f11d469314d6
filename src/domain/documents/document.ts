// The accounting document as Belegfluss holds it: what the shop issued, to the cent.
// This file is the shared contract between ingestion, storage, PDF, e-invoice and the sevDesk mapping.
import type { RateBp } from '../money/vat.js';

export const DOCUMENT_TYPES = ['invoice', 'cancellation'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = ['draft', 'finalized'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * Tax cases (sevdesk-api.md §6.5). `needs_attention` is never guessed into the books.
 * - domestic: German VAT 19/7/0 % (also EU B2C below the threshold without OSS)
 * - small_business: seller is Kleinunternehmer (§19 UStG)
 * - eu_b2b_goods: intra-community supply with valid VAT id (§4 Nr. 1b / §6a UStG)
 * - eu_b2b_services: reverse charge §13b / §18b (invoice path only in sevDesk, rule 21)
 * - eu_b2c_oss: EU distance sale taxed in the destination country (OSS; invoice path rules 18/19/20)
 * - export_goods: Ausfuhrlieferung outside the EU
 * - export_services: service to a non-EU customer, not taxable in Germany
 */
export const TAX_CASES = [
  'domestic',
  'small_business',
  'eu_b2b_goods',
  'eu_b2b_services',
  'eu_b2c_oss',
  'export_goods',
  'export_services',
] as const;
export type TaxCase = (typeof TAX_CASES)[number];

export const LINE_KINDS = ['product', 'shipping', 'fee', 'discount'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const PRODUCT_TYPES = ['goods', 'service', 'digital'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Money is always integer minor units of the document currency. */
export type Minor = number;

export interface DocumentLine {
  kind: LineKind;
  /** Position number on the document, 1-based. */
  position: number;
  name: string;
  sku?: string | null;
  productId?: string | null;
  productType?: ProductType | null;
  /** Quantity as a decimal string ("1", "2.5"); negative only on cancellations. */
  quantity: string;
  /** Unit price net in minor units with up to 4 extra decimals, as a decimal string ("16.8067"). Informational. */
  unitPriceNet: string;
  rateBp: RateBp;
  /** The shop's id of the order line this comes from (refunds match on it); null for derived lines such as discounts. */
  sourceLineId?: string | null;
  /** The line totals exactly as the shop computed them. net + tax = gross, always. Negative on cancellations and discounts. */
  net: Minor;
  tax: Minor;
  gross: Minor;
}

export interface RateTotal {
  rateBp: RateBp;
  net: Minor;
  tax: Minor;
  gross: Minor;
}

export interface Address {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  street: string;
  street2?: string | null;
  zip: string;
  city: string;
  state?: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface CustomerSnapshot {
  /** Shop customer id; null for guests. */
  customerId: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  vatId: string | null;
  /** Buyer reference / Leitweg-ID (BT-10) the buyer wants on e-invoices; absent when unknown. */
  buyerReference?: string | null;
  billing: Address;
  shipping: Address | null;
}

export interface DocumentData {
  type: DocumentType;
  currency: string;
  /** ISO date (YYYY-MM-DD) of issue, set at finalization. */
  issueDate: string;
  /** ISO date of delivery / service (Leistungsdatum). */
  deliveryDate: string;
  orderNumber: string;
  orderId: string;
  paymentMethod: string | null;
  paymentMethodTitle: string | null;
  paymentTransactionId: string | null;
  /** ISO date-time when paid, null while unpaid. */
  paidAt: string | null;
  customer: CustomerSnapshot;
  taxCase: TaxCase | null;
  /** Why the document cannot be mapped safely; empty when fine. */
  attentionReasons: string[];
  lines: DocumentLine[];
  totals: { net: Minor; tax: Minor; gross: Minor; byRate: RateTotal[] };
  /** For cancellations: the invoice it cancels. */
  cancels?: { documentId: string; number: string; full: boolean } | null;
  /** True when a refund reported only an amount and we split it across rates by the order's proportions. */
  splitByProportion?: boolean;
  /** Free notes printed on the document (e.g. the tax case note). */
  notes: string[];
}
