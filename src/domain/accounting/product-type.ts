// A shop line's product type (goods, service, digital) when the shop's payload does not carry it: explicit facts
// first (a type pinned on the product, the virtual/downloadable flags from the catalogue or the line's meta), then
// the bookkeeper's mapping by category, then by tax class, then the shop's default.
import type { ProductType } from '../documents/document.js';
import type { ProductTypeRules } from './accounting-settings.js';

export interface ProductFacts {
  /** A type set on the product itself (catalogue or our own line meta). */
  pinned?: ProductType | null;
  virtual?: boolean | null;
  downloadable?: boolean | null;
  /** Category slugs or names of the product, when known. */
  categories?: readonly string[] | null;
  /** WooCommerce tax class; "" or null is the standard class. */
  taxClass?: string | null;
}

export type ProductTypeSource = 'product' | 'flags' | 'category' | 'tax_class' | 'default';

export function resolveProductType(
  facts: ProductFacts,
  rules: Partial<ProductTypeRules> = {},
): { type: ProductType; source: ProductTypeSource } {
  if (facts.pinned) return { type: facts.pinned, source: 'product' };
  if (facts.downloadable) return { type: 'digital', source: 'flags' };
  if (facts.virtual) return { type: 'service', source: 'flags' };
  const byCategory = rules.byCategory ?? {};
  const lowered = new Map(Object.entries(byCategory).map(([k, v]) => [k.trim().toLowerCase(), v]));
  for (const category of facts.categories ?? []) {
    const type = lowered.get(category.trim().toLowerCase());
    if (type) return { type, source: 'category' };
  }
  const taxClass = facts.taxClass?.trim() ? facts.taxClass.trim() : 'standard';
  const byTaxClass = rules.byTaxClass?.[taxClass];
  if (byTaxClass) return { type: byTaxClass, source: 'tax_class' };
  return { type: rules.default ?? 'goods', source: 'default' };
}
