// A complete example of the JSON order format (also used as the API documentation example and in tests).
// Two shirts at 19.99 incl. 19 % VAT with shipping 4.90: the product.md case (6.38 + 0.78 = 7.16 VAT).
export function orderInputExample() {
  return {
    id: 'A-1001',
    number: '1001',
    currency: 'EUR',
    createdAt: '2026-04-01T10:00:00+02:00',
    paidAt: '2026-04-01T10:05:00+02:00',
    pricesIncludeTax: true,
    customer: {
      id: 7,
      email: 'kunde@example.de',
      billing: { firstName: 'Max', lastName: 'Muster', street: 'Weg 1', zip: '10115', city: 'Berlin', country: 'de' },
    },
    payment: { method: 'paypal', title: 'PayPal', transactionId: 'TX1' },
    lines: [
      { id: 'l1', name: 'Shirt', quantity: 2, unitPrice: '19.99', taxRate: 19 },
      { id: 'l2', kind: 'shipping', name: 'Versand', net: '4.12', tax: '0.78', taxRate: '19' },
    ],
    totals: { total: '44.88', totalTax: '7.16' },
    refunds: [{ id: 'r1', amount: '19.99', lines: [{ lineId: 'l1', quantity: '1', gross: '19.99' }] }],
  };
}
