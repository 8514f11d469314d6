// The shop-neutral order Belegfluss stores and builds documents from. Amounts are integer minor
// units of `currency`; the shop's own totals are kept so documents reproduce them to the cent.
import type { CustomerSnapshot, LineKind, Minor, ProductType } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';

/** How the shop rounds tax: per line (WooCommerce default) or once per rate over the subtotal. */
export const ROUNDING_MODES = ['per_line', 'per_subtotal'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** net + tax = gross, always. */
export interface LineAmounts {
  net: Minor;
  tax: Minor;
  gross: Minor;
}

export interface OrderLine {
  /** The shop's id of this line (WooCommerce order item id); refunds refer to it. */
  shopLineId: string | null;
  kind: LineKind;
  name: string;
  sku: string | null;
  productId: string | null;
  /** Product lines only; shipping, fees and discounts follow the products. */
  productType: ProductType | null;
  /** Decimal string, positive ("2", "0.5"). */
  quantity: string;
  /** Unit price as a decimal string in major units, gross when `pricesIncludeTax`, else net; null when the shop gave only totals. */
  unitPrice: string | null;
  /** Null when the shop's tax could not be mapped to a rate (see `NormalizedOrder.issues`). */
  rateBp: RateBp | null;
  /** The shop's line totals after coupon discounts, when it reports them; otherwise computed from unitPrice. */
  amounts: LineAmounts | null;
  /** The shop's line totals before coupon discounts (WooCommerce subtotal), when reported. */
  amountsBeforeDiscount: LineAmounts | null;
}

export interface OrderCoupon {
  code: string;
  /** Net discount and its tax as the shop reports them. */
  discount: Minor;
  discountTax: Minor;
}

export interface ShopTotals {
  /** Grand total, gross. */
  total: Minor;
  totalTax: Minor;
  shipping: Minor | null;
  shippingTax: Minor | null;
  discount: Minor | null;
  discountTax: Minor | null;
  /** Tax per rate as the shop reports it (WooCommerce tax_lines), when available. */
  taxByRate: { rateBp: RateBp; tax: Minor }[] | null;
}

export interface RefundLine {
  /** The order line refunded (WooCommerce `_refunded_item_id`). */
  shopLineId: string | null;
  kind: LineKind;
  name: string;
  /** Positive decimal string. */
  quantity: string;
  rateBp: RateBp | null;
  /** Positive amounts refunded for this line. */
  amounts: LineAmounts;
}

export interface OrderRefund {
  refundId: string;
  reason: string | null;
  /** Positive gross amount refunded. */
  amount: Minor;
  /** ISO date-time of the refund, null if unknown. */
  date: string | null;
  /** Null when the shop reported only an amount (e.g. WooCommerce's order.refunds summary). */
  lines: RefundLine[] | null;
  /**
   * What is wrong with the refund as the shop reported it (e.g. a line that refers to no order line), each naming
   * the refund and the line; present only when there is something. Its cancellation carries them as attention
   * reasons, so it is never finalized automatically.
   */
  issues?: string[];
}

export interface NormalizedOrder {
  shopOrderId: string;
  number: string;
  status: string;
  currency: string;
  /** ISO 8601 date-times (UTC, with Z) */
  createdAt: string;
  paidAt: string | null;
  completedAt: string | null;
  pricesIncludeTax: boolean;
  roundingMode: RoundingMode;
  customer: CustomerSnapshot;
  paymentMethod: string | null;
  paymentMethodTitle: string | null;
  transactionId: string | null;
  lines: OrderLine[];
  coupons: OrderCoupon[];
  totals: ShopTotals;
  refunds: OrderRefund[];
  /** Problems found while normalizing (e.g. a line whose tax could not be mapped); become attention reasons. */
  issues: string[];
}
