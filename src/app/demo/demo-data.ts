// The first-run demo: two shops and their sample orders, written in the documented JSON order format (the same
// input a shop sends to PUT /api/v1/shops/:shopId/orders/:id), so they pass through the real ingestion.
// Between them the orders cover every tax case: domestic 19 % / 7 % mixed, Kleinunternehmer (a shop setting, so a
// second shop), intra-EU B2B, OSS to France (a sevDesk invoice: vouchers cannot carry OSS rules), export, and a refund.
// The first shop transfers automatically; the second one waits for a manual transfer (bulk action or row icon).

export type DemoShopKind = 'standard' | 'small_business';

export interface DemoShopDefinition {
  kind: DemoShopKind;
  name: string;
  settings: Record<string, unknown>;
  seller: Record<string, unknown>;
}

const sellerBase = {
  address: { street: 'Lindenstraße 12', zip: '10969', city: 'Berlin', country: 'DE' },
  email: 'buchhaltung@demo-shop.example',
  phone: '+49 30 1234567',
  contactName: 'Erika Beispiel',
  bank: { accountHolder: 'Demo Handel GmbH', iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankName: 'DKB' },
  paymentTermDays: 14,
};

export const DEMO_SHOPS: DemoShopDefinition[] = [
  {
    kind: 'standard',
    name: 'Demo-Shop (Testmodus)',
    settings: {
      tax: { ossRegistered: true },
      sevdesk: { active: true, autoTransfer: true, customerSync: true },
    },
    seller: {
      ...sellerBase,
      legalName: 'Demo Handel GmbH',
      vatId: 'DE123456789',
      taxNumber: '30/123/45678',
      footerLines: ['Amtsgericht Berlin-Charlottenburg HRB 123456', 'Geschäftsführerin: Erika Beispiel'],
      smallBusiness: false,
    },
  },
  {
    kind: 'small_business',
    name: 'Demo Kleinunternehmen (Testmodus)',
    settings: {
      numbering: { invoice: 'KU-{YYYY}-{seq:4}', cancellation: 'KU-ST-{YYYY}-{seq:4}' },
      tax: { smallBusiness: true },
      // Manual transfer here: its documents wait for the bulk action or the sevDesk icon of their row.
      sevdesk: { active: true, autoTransfer: false, customerSync: true, customerNumberPrefix: 'KU-' },
    },
    seller: {
      ...sellerBase,
      legalName: 'Atelier Beispiel – Erika Beispiel',
      email: 'atelier@demo-shop.example',
      bank: { ...sellerBase.bank, accountHolder: 'Erika Beispiel' },
      vatId: null,
      taxNumber: '21/815/08150',
      footerLines: ['Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.'],
      smallBusiness: true,
    },
  },
];

interface Line {
  id: string;
  kind?: 'product' | 'shipping' | 'fee' | 'discount';
  name: string;
  sku?: string;
  quantity?: string;
  taxRate: string;
  net: string;
  tax: string;
  productType?: 'goods' | 'service' | 'digital';
}

interface Customer {
  id: string | null;
  email: string;
  company?: string | null;
  vatId?: string | null;
  firstName: string;
  lastName: string;
  street: string;
  zip: string;
  city: string;
  country: string;
}

const cents = (s: string) => Math.round(Number(s) * 100);
const decimal = (c: number) => (c / 100).toFixed(2);

function order(opts: {
  id: string;
  placedAt: string;
  customer: Customer;
  payment: { method: string; title: string };
  lines: Line[];
  refunds?: unknown[];
}): Record<string, unknown> {
  const net = opts.lines.reduce((s, l) => s + cents(l.net), 0);
  const tax = opts.lines.reduce((s, l) => s + cents(l.tax), 0);
  const c = opts.customer;
  const address = {
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company ?? null,
    street: c.street,
    zip: c.zip,
    city: c.city,
    country: c.country,
  };
  return {
    id: opts.id,
    number: opts.id,
    status: 'completed',
    currency: 'EUR',
    createdAt: opts.placedAt,
    paidAt: opts.placedAt,
    completedAt: opts.placedAt,
    pricesIncludeTax: true,
    customer: {
      id: c.id,
      email: c.email,
      company: c.company ?? null,
      vatId: c.vatId ?? null,
      billing: address,
      shipping: null,
    },
    payment: { method: opts.payment.method, title: opts.payment.title, transactionId: `DEMO-${opts.id}` },
    lines: opts.lines.map((l) => ({
      id: l.id,
      kind: l.kind ?? 'product',
      name: l.name,
      ...(l.sku ? { sku: l.sku } : {}),
      quantity: l.quantity ?? '1',
      taxRate: l.taxRate,
      net: l.net,
      tax: l.tax,
      ...(l.productType ? { productType: l.productType } : {}),
    })),
    totals: { total: decimal(net + tax), totalTax: decimal(tax) },
    refunds: opts.refunds ?? [],
  };
}

const PAYPAL = { method: 'ppcp-gateway', title: 'PayPal' };
const BANK = { method: 'bacs', title: 'Überweisung' };
const CARD = { method: 'stripe', title: 'Kreditkarte (Stripe)' };
const INVOICE = { method: 'invoice', title: 'Kauf auf Rechnung' };

/**
 * The sample orders of a demo shop. `base` is the moment the demo was first set up; order dates are fixed
 * relative to it, so ingesting again on a restart finds the same data ("unchanged") and creates nothing new.
 */
export function demoOrders(kind: DemoShopKind, base: Date): Record<string, unknown>[] {
  const at = (daysAgo: number, hour: number) => {
    const d = new Date(base.getTime() - daysAgo * 86_400_000);
    d.setUTCHours(hour, 15, 0, 0);
    return d.toISOString().replace('.000Z', 'Z');
  };
  if (kind === 'small_business') {
    return [
      order({
        id: '2001',
        placedAt: at(3, 9),
        customer: {
          id: '501',
          email: 'lena.vogel@example.com',
          firstName: 'Lena',
          lastName: 'Vogel',
          street: 'Gartenweg 4',
          zip: '04109',
          city: 'Leipzig',
          country: 'DE',
        },
        payment: PAYPAL,
        lines: [
          {
            id: '1',
            name: 'Handgemachte Kerze „Bienenwachs“',
            sku: 'K-01',
            quantity: '3',
            taxRate: '0',
            net: '36.00',
            tax: '0.00',
          },
          { id: '2', kind: 'shipping', name: 'Versand', taxRate: '0', net: '4.90', tax: '0.00' },
        ],
      }),
      order({
        id: '2002',
        placedAt: at(1, 14),
        customer: {
          id: null,
          email: 'j.berger@example.com',
          firstName: 'Jonas',
          lastName: 'Berger',
          street: 'Am Markt 9',
          zip: '93047',
          city: 'Regensburg',
          country: 'DE',
        },
        payment: BANK,
        lines: [
          { id: '1', name: 'Keramikschale, handgetöpfert', sku: 'S-07', taxRate: '0', net: '29.50', tax: '0.00' },
          { id: '2', kind: 'shipping', name: 'Versand', taxRate: '0', net: '4.90', tax: '0.00' },
        ],
      }),
      order({
        id: '2003',
        placedAt: at(0, 10),
        customer: {
          id: '502',
          email: 'mia.koch@example.com',
          firstName: 'Mia',
          lastName: 'Koch',
          street: 'Rosenstraße 21',
          zip: '50667',
          city: 'Köln',
          country: 'DE',
        },
        payment: PAYPAL,
        lines: [
          {
            id: '1',
            name: 'Leinentasche, bedruckt',
            sku: 'L-03',
            quantity: '2',
            taxRate: '0',
            net: '38.00',
            tax: '0.00',
          },
          { id: '2', kind: 'shipping', name: 'Versand', taxRate: '0', net: '4.90', tax: '0.00' },
        ],
      }),
    ];
  }
  return [
    // Domestic, 19 % and 7 % mixed in one document.
    order({
      id: '1001',
      placedAt: at(6, 8),
      customer: {
        id: '101',
        email: 'max.mustermann@example.com',
        firstName: 'Max',
        lastName: 'Mustermann',
        street: 'Hauptstraße 5',
        zip: '80331',
        city: 'München',
        country: 'DE',
      },
      payment: PAYPAL,
      lines: [
        {
          id: '1',
          name: 'Kaffeetasse „Morgenrot“',
          sku: 'T-100',
          quantity: '2',
          taxRate: '19',
          net: '33.60',
          tax: '6.38',
        },
        { id: '2', name: 'Kochbuch „Einfach backen“', sku: 'B-220', taxRate: '7', net: '18.69', tax: '1.31' },
        { id: '3', kind: 'shipping', name: 'Versand DHL', taxRate: '19', net: '4.12', tax: '0.78' },
      ],
    }),
    // Domestic 19 %, business customer paying by bank transfer.
    order({
      id: '1002',
      placedAt: at(5, 10),
      customer: {
        id: '102',
        email: 'einkauf@kontor-nord.example',
        company: 'Kontor Nord GmbH',
        firstName: 'Sabine',
        lastName: 'Krüger',
        street: 'Speicherstadt 3',
        zip: '20457',
        city: 'Hamburg',
        country: 'DE',
      },
      payment: BANK,
      lines: [
        { id: '1', name: 'Espressomaschine „Barista Pro“', sku: 'E-900', taxRate: '19', net: '419.33', tax: '79.67' },
        { id: '2', name: 'Entkalker (3 Stück)', sku: 'E-901', quantity: '3', taxRate: '19', net: '25.18', tax: '4.79' },
      ],
    }),
    // Intra-EU supply of goods to a business with a valid VAT id (0 %).
    order({
      id: '1003',
      placedAt: at(5, 15),
      customer: {
        id: '103',
        email: 'office@wiener-handel.example',
        company: 'Wiener Handel GmbH',
        vatId: 'ATU12345678',
        firstName: 'Franz',
        lastName: 'Huber',
        street: 'Mariahilfer Straße 20',
        zip: '1070',
        city: 'Wien',
        country: 'AT',
      },
      payment: INVOICE,
      lines: [
        {
          id: '1',
          name: 'Siebträger-Set (Großhandel)',
          sku: 'G-300',
          quantity: '10',
          taxRate: '0',
          net: '890.00',
          tax: '0.00',
        },
        { id: '2', kind: 'shipping', name: 'Spedition', taxRate: '0', net: '45.00', tax: '0.00' },
      ],
    }),
    // OSS: a consumer in France, charged French VAT. The shop is OSS-registered; vouchers cannot carry OSS tax
    // rules, so this document goes the invoice path (held with "needs attention" where that path is unavailable).
    order({
      id: '1004',
      placedAt: at(4, 11),
      customer: {
        id: '104',
        email: 'camille.martin@example.fr',
        firstName: 'Camille',
        lastName: 'Martin',
        street: '12 Rue de la Paix',
        zip: '75002',
        city: 'Paris',
        country: 'FR',
      },
      payment: CARD,
      lines: [
        { id: '1', name: 'Tasse « Aurore »', sku: 'T-100', quantity: '2', taxRate: '20', net: '33.33', tax: '6.67' },
        { id: '2', kind: 'shipping', name: 'Livraison', taxRate: '20', net: '8.25', tax: '1.65' },
      ],
    }),
    // Export of goods outside the EU (0 %).
    order({
      id: '1005',
      placedAt: at(3, 9),
      customer: {
        id: '105',
        email: 'urs.meier@example.ch',
        firstName: 'Urs',
        lastName: 'Meier',
        street: 'Bahnhofstrasse 1',
        zip: '8001',
        city: 'Zürich',
        country: 'CH',
      },
      payment: PAYPAL,
      lines: [
        { id: '1', name: 'Mühle „Handwerk“', sku: 'M-410', taxRate: '0', net: '149.00', tax: '0.00' },
        { id: '2', kind: 'shipping', name: 'Versand international', taxRate: '0', net: '19.00', tax: '0.00' },
      ],
    }),
    // Domestic with a refund: one of two items returned → a partial cancellation with its own VAT.
    order({
      id: '1006',
      placedAt: at(2, 16),
      customer: {
        id: '101',
        email: 'max.mustermann@example.com',
        firstName: 'Max',
        lastName: 'Mustermann',
        street: 'Hauptstraße 5',
        zip: '80331',
        city: 'München',
        country: 'DE',
      },
      payment: PAYPAL,
      lines: [
        { id: '1', name: 'Thermoskanne 1 l', sku: 'K-500', taxRate: '19', net: '29.41', tax: '5.59' },
        { id: '2', name: 'Teesieb Edelstahl', sku: 'K-510', taxRate: '19', net: '8.39', tax: '1.60' },
        { id: '3', kind: 'shipping', name: 'Versand DHL', taxRate: '19', net: '4.12', tax: '0.78' },
      ],
      refunds: [
        {
          id: 'R-1006-1',
          reason: 'Rücksendung: Teesieb gefällt nicht',
          amount: '9.99',
          date: at(1, 9),
          lines: [{ lineId: '2', quantity: '1', net: '8.39', tax: '1.60' }],
        },
      ],
    }),
    // Domestic, a guest order (no customer account).
    order({
      id: '1007',
      placedAt: at(1, 12),
      customer: {
        id: null,
        email: 'anna.schmidt@example.com',
        firstName: 'Anna',
        lastName: 'Schmidt',
        street: 'Kastanienallee 77',
        zip: '10435',
        city: 'Berlin',
        country: 'DE',
      },
      payment: CARD,
      lines: [
        {
          id: '1',
          name: 'Bohnenkaffee „Hausröstung“ 500 g',
          sku: 'C-010',
          quantity: '2',
          taxRate: '7',
          net: '24.21',
          tax: '1.69',
        },
        { id: '2', kind: 'shipping', name: 'Versand', taxRate: '7', net: '3.64', tax: '0.26' },
      ],
    }),
    // Domestic, 19 % and 7 %, paid by PayPal.
    order({
      id: '1008',
      placedAt: at(0, 7),
      customer: {
        id: '106',
        email: 'tobias.wagner@example.com',
        firstName: 'Tobias',
        lastName: 'Wagner',
        street: 'Königsallee 30',
        zip: '40212',
        city: 'Düsseldorf',
        country: 'DE',
      },
      payment: PAYPAL,
      lines: [
        { id: '1', name: 'Milchaufschäumer', sku: 'E-120', taxRate: '19', net: '50.42', tax: '9.58' },
        { id: '2', name: 'Kaffeebohnen „Espresso“ 1 kg', sku: 'C-020', taxRate: '7', net: '20.56', tax: '1.44' },
      ],
    }),
  ];
}
