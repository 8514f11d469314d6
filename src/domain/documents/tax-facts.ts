// The facts determineTaxCase needs, read from an order and the document lines built from it.
import type { NormalizedOrder } from '../orders/order.js';
import type { TaxFacts } from '../tax/determine-tax-case.js';
import { goodsDestinationCountry } from '../tax/eu-countries.js';
import type { DocumentLine, ProductType } from './document.js';

export function taxFactsFor(order: NormalizedOrder, lines: readonly DocumentLine[], date: string): TaxFacts {
  const productTypes = [
    ...new Set<ProductType>(order.lines.filter((l) => l.kind === 'product').map((l) => l.productType ?? 'goods')),
  ];
  const { billing, shipping } = order.customer;
  const billingCountry = billing.country.trim() ? billing.country.trim().toUpperCase() : null;
  // Goods go where they are shipped; without a shipping address, to the billing address.
  const goodsAddress = shipping?.country.trim() ? shipping : billing;
  const goodsCountry = goodsAddress.country.trim()
    ? goodsDestinationCountry(goodsAddress.country, goodsAddress.zip)
    : null;
  const hasGoods = productTypes.length === 0 || productTypes.includes('goods');
  const vatId = order.customer.vatId?.trim() || null;
  return {
    destinationCountry: hasGoods ? goodsCountry : billingCountry,
    billingCountry,
    vatId,
    isBusiness: Boolean(order.customer.company?.trim() || billing.company?.trim() || vatId),
    productTypes,
    // Free lines (e.g. free shipping without a tax entry) carry no rate worth judging.
    rates: [...new Set(lines.filter((l) => l.gross !== 0 || l.tax !== 0).map((l) => l.rateBp))],
    date,
  };
}
