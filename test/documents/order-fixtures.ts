// JSON-API orders (the documented input format) for the document tests: one per tax case, prices as shops
// send them. Amounts are the shop's line totals (per-line rounding), so documents must reproduce them exactly.

export interface JsonLine {
  id: string;
  kind?: 'product' | 'shipping' | 'fee' | 'discount';
  name: string;
  quantity?: string;
  taxRate: string;
  net: string;
  tax: string;
  productType?: 'goods' | 'service' | 'digital';
}

const cents = (s: string) => Math.round(Number(s) * 100);
const fmt = (c: number) => (c / 100).toFixed(2);

export function orderJson(opts: {
  id: string;
  status?: string;
  currency?: string;
  country?: string;
  shippingCountry?: string;
  vatId?: string | null;
  company?: string | null;
  lines: JsonLine[];
  refunds?: unknown[];
  createdAt?: string;
}): Record<string, unknown> {
  const net = opts.lines.reduce((s, l) => s + cents(l.net), 0);
  const tax = opts.lines.reduce((s, l) => s + cents(l.tax), 0);
  return {
    id: opts.id,
    number: `WC-${opts.id}`,
    status: opts.status ?? 'processing',
    currency: opts.currency ?? 'EUR',
    createdAt: opts.createdAt ?? '2026-11-20T10:00:00Z',
    paidAt: '2026-11-20T10:05:00Z',
    pricesIncludeTax: true,
    customer: {
      id: '7',
      email: 'max.kunde@example.com',
      company: opts.company ?? null,
      vatId: opts.vatId ?? null,
      billing: {
        firstName: 'Max',
        lastName: 'Kunde',
        company: opts.company ?? null,
        street: 'Weg 2',
        zip: '80331',
        city: 'München',
        country: opts.country ?? 'DE',
      },
      shipping: opts.shippingCountry
        ? {
            firstName: 'Max',
            lastName: 'Kunde',
            street: 'Rue 1',
            zip: '1000',
            city: 'Ort',
            country: opts.shippingCountry,
          }
        : null,
    },
    payment: { method: 'paypal', title: 'PayPal', transactionId: `TX-${opts.id}` },
    lines: opts.lines.map((l) => ({
      id: l.id,
      kind: l.kind ?? 'product',
      name: l.name,
      quantity: l.quantity ?? '1',
      taxRate: l.taxRate,
      net: l.net,
      tax: l.tax,
      ...(l.productType ? { productType: l.productType } : {}),
    })),
    totals: { total: fmt(net + tax), totalTax: fmt(tax) },
    refunds: opts.refunds ?? [],
  };
}

/** One order per tax case the domain knows, with the shop settings it needs. */
export const TAX_CASE_ORDERS: {
  taxCase: string;
  settings: Record<string, unknown>;
  order: (id: string) => Record<string, unknown>;
}[] = [
  {
    taxCase: 'domestic',
    settings: {},
    order: (id) =>
      orderJson({
        id,
        lines: [
          { id: '1', name: 'Kaffeetasse', quantity: '2', taxRate: '19', net: '33.60', tax: '6.38' },
          { id: '2', name: 'Kochbuch', taxRate: '7', net: '18.69', tax: '1.31' },
          { id: '3', kind: 'shipping', name: 'Versand', taxRate: '19', net: '4.12', tax: '0.78' },
        ],
      }),
  },
  {
    taxCase: 'small_business',
    settings: { tax: { smallBusiness: true } },
    order: (id) =>
      orderJson({
        id,
        lines: [
          { id: '1', name: 'Handgemachte Kerze', quantity: '3', taxRate: '0', net: '36.00', tax: '0.00' },
          { id: '2', kind: 'shipping', name: 'Versand', taxRate: '0', net: '4.90', tax: '0.00' },
        ],
      }),
  },
  {
    taxCase: 'eu_b2b_goods',
    settings: {},
    order: (id) =>
      orderJson({
        id,
        country: 'AT',
        company: 'Wiener Handel GmbH',
        vatId: 'ATU12345678',
        lines: [
          { id: '1', name: 'Maschine', quantity: '2', taxRate: '0', net: '1000.00', tax: '0.00' },
          { id: '2', kind: 'shipping', name: 'Spedition', taxRate: '0', net: '50.00', tax: '0.00' },
        ],
      }),
  },
  {
    taxCase: 'eu_b2b_services',
    settings: {},
    order: (id) =>
      orderJson({
        id,
        country: 'FR',
        company: 'Conseil SARL',
        vatId: 'FR12345678901',
        lines: [
          {
            id: '1',
            name: 'Beratung (Stunden)',
            quantity: '8',
            taxRate: '0',
            net: '800.00',
            tax: '0.00',
            productType: 'service',
          },
        ],
      }),
  },
  {
    taxCase: 'eu_b2c_oss',
    settings: { tax: { ossRegistered: true } },
    order: (id) =>
      orderJson({
        id,
        country: 'FR',
        lines: [
          { id: '1', name: 'Tasse', quantity: '2', taxRate: '20', net: '33.33', tax: '6.67' },
          { id: '2', kind: 'shipping', name: 'Livraison', taxRate: '20', net: '8.25', tax: '1.65' },
        ],
      }),
  },
  {
    taxCase: 'export_goods',
    settings: {},
    order: (id) =>
      orderJson({
        id,
        country: 'CH',
        currency: 'CHF',
        lines: [
          { id: '1', name: 'Uhr', taxRate: '0', net: '250.00', tax: '0.00' },
          { id: '2', kind: 'shipping', name: 'Versand', taxRate: '0', net: '19.00', tax: '0.00' },
        ],
      }),
  },
  {
    taxCase: 'export_services',
    settings: {},
    order: (id) =>
      orderJson({
        id,
        country: 'US',
        currency: 'USD',
        lines: [
          {
            id: '1',
            name: 'Software-Lizenz',
            quantity: '3',
            taxRate: '0',
            net: '99.00',
            tax: '0.00',
            productType: 'digital',
          },
        ],
      }),
  },
];
