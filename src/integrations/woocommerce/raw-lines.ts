// Product, shipping and fee lines of a WooCommerce order in one shape, before tax mapping.
import type { ProductTypeRules } from '../../domain/accounting/accounting-settings.js';
import { resolveProductType } from '../../domain/accounting/product-type.js';
import type { LineKind, ProductType } from '../../domain/documents/document.js';
import { metaValue } from './map-customer.js';
import { wooQuantity } from './quantity.js';
import type { WooLineItem, WooLineTax, WooMeta, WooOrder } from './schemas.js';

export interface WooProductInfo {
  type?: ProductType;
  virtual?: boolean;
  downloadable?: boolean;
  /** Category slugs or names (for the settings' mapping by category). */
  categories?: string[];
}

export type WooProductInfoLookup = (productId: number, variationId: number) => WooProductInfo | undefined;

/** Our own meta key to pin a product type; `_virtual` / `_downloadable` as WooCommerce stores them on products. */
export const PRODUCT_TYPE_META_KEY = '_belegfluss_product_type';

export interface RawLine {
  shopLineId: string;
  kind: LineKind;
  name: string;
  sku: string | null;
  productId: string | null;
  productType: ProductType | null;
  /** Plain decimal notation; an implausible quantity is kept as received and flagged by the mapping. */
  quantity: string;
  total: string;
  totalTax: string;
  /** Before coupons; products only. */
  subtotal: string | null;
  subtotalTax: string | null;
  taxes: readonly WooLineTax[];
  meta: readonly WooMeta[];
}

/**
 * Catalogue facts win, then line meta; downloadable means digital, virtual means service. Without flags (webhook
 * payloads carry none) the shop's mapping decides: by category, by tax class, else its default (goods).
 */
export function productTypeOf(
  item: WooLineItem,
  productInfo?: WooProductInfoLookup,
  rules?: Partial<ProductTypeRules>,
): ProductType {
  const info = productInfo?.(item.product_id, item.variation_id);
  const pinnedMeta = metaValue(item.meta_data, PRODUCT_TYPE_META_KEY);
  const pinned =
    info?.type ?? (pinnedMeta === 'goods' || pinnedMeta === 'service' || pinnedMeta === 'digital' ? pinnedMeta : null);
  const flag = (key: 'downloadable' | 'virtual') =>
    info?.[key] === true || metaValue(item.meta_data, `_${key}`) === 'yes';
  return resolveProductType(
    {
      pinned,
      downloadable: flag('downloadable'),
      virtual: flag('virtual'),
      categories: info?.categories ?? null,
      taxClass: item.tax_class ?? null,
    },
    rules,
  ).type;
}

export function rawLinesOf(
  order: WooOrder,
  productInfo?: WooProductInfoLookup,
  rules?: Partial<ProductTypeRules>,
): RawLine[] {
  type Charge = Pick<WooOrder['fee_lines'][number], 'total' | 'total_tax' | 'taxes' | 'meta_data'>;
  const charge = (id: number, kind: 'shipping' | 'fee', name: string, line: Charge): RawLine => ({
    shopLineId: String(id),
    kind,
    name,
    sku: null,
    productId: null,
    productType: null,
    quantity: '1',
    total: line.total,
    totalTax: line.total_tax,
    subtotal: null,
    subtotalTax: null,
    taxes: line.taxes,
    meta: line.meta_data,
  });
  return [
    ...order.line_items.map(
      (item): RawLine => ({
        shopLineId: String(item.id),
        kind: 'product',
        name: item.name,
        sku: item.sku || null,
        productId: item.product_id ? String(item.variation_id || item.product_id) : null,
        productType: productTypeOf(item, productInfo, rules),
        quantity: wooQuantity(item.quantity).text,
        total: item.total,
        totalTax: item.total_tax,
        subtotal: item.subtotal,
        subtotalTax: item.subtotal_tax,
        taxes: item.taxes,
        meta: item.meta_data,
      }),
    ),
    ...order.shipping_lines.map((line): RawLine => charge(line.id, 'shipping', line.method_title, line)),
    ...order.fee_lines.map((line): RawLine => charge(line.id, 'fee', line.name, line)),
  ];
}
