import { describe, expect, it } from 'vitest';
import type { NormalizedOrder, OrderLine } from '../orders/order.js';
import type { Address, DocumentLine } from './document.js';
import { taxFactsFor } from './tax-facts.js';

const address = (country: string, zip = '1'): Address => ({ street: 's', zip, city: 'c', country });

const orderLine = (productType: OrderLine['productType'], kind: OrderLine['kind'] = 'product'): OrderLine => ({
  shopLineId: null,
  kind,
  name: 'x',
  sku: null,
  productId: null,
  productType,
  quantity: '1',
  unitPrice: null,
  rateBp: 0,
  amounts: null,
  amountsBeforeDiscount: null,
});

const docLine = (rateBp: number, gross: number): DocumentLine => ({
  kind: 'product',
  position: 1,
  name: 'x',
  quantity: '1',
  unitPriceNet: '0',
  rateBp,
  net: gross,
  tax: 0,
  gross,
});

function order(
  lines: OrderLine[],
  billing: Address,
  shipping: Address | null,
  extra: Partial<NormalizedOrder['customer']> = {},
) {
  return {
    lines,
    customer: { customerId: null, email: null, phone: null, company: null, vatId: null, billing, shipping, ...extra },
  } as NormalizedOrder;
}

describe('taxFactsFor', () => {
  it('goods go to the shipping country; GB with a BT postcode is XI', () => {
    const facts = taxFactsFor(order([orderLine('goods')], address('DE'), address('GB', 'BT1 1AA')), [], '2026-01-01');
    expect(facts).toMatchObject({
      destinationCountry: 'XI',
      billingCountry: 'DE',
      productTypes: ['goods'],
      date: '2026-01-01',
    });
  });

  it('services only go to the billing country; no shipping address means billing', () => {
    expect(taxFactsFor(order([orderLine('digital')], address('fr'), address('DE')), [], 'd').destinationCountry).toBe(
      'FR',
    );
    expect(taxFactsFor(order([orderLine('goods')], address('AT'), null), [], 'd').destinationCountry).toBe('AT');
  });

  it('takes rates only from lines with amounts, and business from company or VAT id', () => {
    const facts = taxFactsFor(
      order([orderLine('goods'), orderLine(null, 'shipping')], address('FR'), null, { vatId: ' FR40303265045 ' }),
      [docLine(2000, 100), docLine(0, 0), docLine(550, 50)],
      'd',
    );
    expect(facts.rates).toEqual([2000, 550]);
    expect(facts.isBusiness).toBe(true);
    expect(facts.vatId).toBe('FR40303265045');
  });

  it('missing countries stay null', () => {
    expect(taxFactsFor(order([], address(''), null), [], 'd')).toMatchObject({
      destinationCountry: null,
      billingCountry: null,
      productTypes: [],
    });
  });
});
