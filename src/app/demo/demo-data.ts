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

/** An order line; its id is its position in the order (1, 2, …). */
interface Line {
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

/** A demo customer billed at `address` (in Germany unless a country is given); `id` null for a guest. */
function customer(
  id: string | null,
  email: string,
  [firstName, lastName]: readonly [string, string],
  [street, zip, city, country = 'DE']: readonly [street: string, zip: string, city: string, country?: string],
  business: { company: string; vatId?: string } | null = null,
): Customer {
  return { id, email, ...business, firstName, lastName, street, zip, city, country };
}

const shipping = (name: string, taxRate: string, net: string, tax: string): Line => ({
  kind: 'shipping',
  name,
  taxRate,
  net,
  tax,
});

const cents = (s: string) => Math.round(Number(s) * 100);
const decimal = (c: number) => (c / 100).toFixed(2);

interface Payment {
  method: string;
  title: string;
}

/** A completed, paid order in the order format; its lines get the ids 1, 2, … in their order. */
function order(
  id: string,
  placedAt: string,
  buyer: Customer,
  payment: Payment,
  lines: Line[],
  refunds: unknown[] = [],
): Record<string, unknown> {
  const net = lines.reduce((s, l) => s + cents(l.net), 0);
  const tax = lines.reduce((s, l) => s + cents(l.tax), 0);
  const address = {
    firstName: buyer.firstName,
    lastName: buyer.lastName,
    company: buyer.company ?? null,
    street: buyer.street,
    zip: buyer.zip,
    city: buyer.city,
    country: buyer.country,
  };
  return {
    id,
    number: id,
    status: 'completed',
    currency: 'EUR',
    createdAt: placedAt,
    paidAt: placedAt,
    completedAt: placedAt,
    pricesIncludeTax: true,
    customer: {
      id: buyer.id,
      email: buyer.email,
      company: buyer.company ?? null,
      vatId: buyer.vatId ?? null,
      billing: address,
      shipping: null,
    },
    payment: { method: payment.method, title: payment.title, transactionId: `DEMO-${id}` },
    lines: lines.map((l, index) => ({
      id: String(index + 1),
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
    refunds,
  };
}

const PAYPAL = { method: 'ppcp-gateway', title: 'PayPal' };
const BANK = { method: 'bacs', title: 'Überweisung' };
const CARD = { method: 'stripe', title: 'Kreditkarte (Stripe)' };
const INVOICE = { method: 'invoice', title: 'Kauf auf Rechnung' };

// Customers of the Kleinunternehmer shop; Jonas Berger orders as a guest.
const LENA = customer('501', 'lena.vogel@example.com', ['Lena', 'Vogel'], ['Gartenweg 4', '04109', 'Leipzig']);
const JONAS = customer(null, 'j.berger@example.com', ['Jonas', 'Berger'], ['Am Markt 9', '93047', 'Regensburg']);
const MIA = customer('502', 'mia.koch@example.com', ['Mia', 'Koch'], ['Rosenstraße 21', '50667', 'Köln']);
const SMALL_BUSINESS_SHIPPING = shipping('Versand', '0', '4.90', '0.00');

// Customers of the standard shop; Anna Schmidt orders as a guest.
const MAX = customer('101', 'max.mustermann@example.com', ['Max', 'Mustermann'], ['Hauptstraße 5', '80331', 'München']);
const KONTOR_NORD = customer(
  '102',
  'einkauf@kontor-nord.example',
  ['Sabine', 'Krüger'],
  ['Speicherstadt 3', '20457', 'Hamburg'],
  { company: 'Kontor Nord GmbH' },
);
const WIENER_HANDEL = customer(
  '103',
  'office@wiener-handel.example',
  ['Franz', 'Huber'],
  ['Mariahilfer Straße 20', '1070', 'Wien', 'AT'],
  { company: 'Wiener Handel GmbH', vatId: 'ATU12345678' },
);
const CAMILLE = customer(
  '104',
  'camille.martin@example.fr',
  ['Camille', 'Martin'],
  ['12 Rue de la Paix', '75002', 'Paris', 'FR'],
);
const URS = customer('105', 'urs.meier@example.ch', ['Urs', 'Meier'], ['Bahnhofstrasse 1', '8001', 'Zürich', 'CH']);
const ANNA = customer(null, 'anna.schmidt@example.com', ['Anna', 'Schmidt'], ['Kastanienallee 77', '10435', 'Berlin']);
const TOBIAS = customer(
  '106',
  'tobias.wagner@example.com',
  ['Tobias', 'Wagner'],
  ['Königsallee 30', '40212', 'Düsseldorf'],
);
const DHL_SHIPPING = shipping('Versand DHL', '19', '4.12', '0.78');

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
      order('2001', at(3, 9), LENA, PAYPAL, [
        {
          name: 'Handgemachte Kerze „Bienenwachs“',
          sku: 'K-01',
          quantity: '3',
          taxRate: '0',
          net: '36.00',
          tax: '0.00',
        },
        SMALL_BUSINESS_SHIPPING,
      ]),
      order('2002', at(1, 14), JONAS, BANK, [
        { name: 'Keramikschale, handgetöpfert', sku: 'S-07', taxRate: '0', net: '29.50', tax: '0.00' },
        SMALL_BUSINESS_SHIPPING,
      ]),
      order('2003', at(0, 10), MIA, PAYPAL, [
        { name: 'Leinentasche, bedruckt', sku: 'L-03', quantity: '2', taxRate: '0', net: '38.00', tax: '0.00' },
        SMALL_BUSINESS_SHIPPING,
      ]),
    ];
  }
  return [
    // Domestic, 19 % and 7 % mixed in one document.
    order('1001', at(6, 8), MAX, PAYPAL, [
      { name: 'Kaffeetasse „Morgenrot“', sku: 'T-100', quantity: '2', taxRate: '19', net: '33.60', tax: '6.38' },
      { name: 'Kochbuch „Einfach backen“', sku: 'B-220', taxRate: '7', net: '18.69', tax: '1.31' },
      DHL_SHIPPING,
    ]),
    // Domestic 19 %, business customer paying by bank transfer.
    order('1002', at(5, 10), KONTOR_NORD, BANK, [
      { name: 'Espressomaschine „Barista Pro“', sku: 'E-900', taxRate: '19', net: '419.33', tax: '79.67' },
      { name: 'Entkalker (3 Stück)', sku: 'E-901', quantity: '3', taxRate: '19', net: '25.18', tax: '4.79' },
    ]),
    // Intra-EU supply of goods to a business with a valid VAT id (0 %).
    order('1003', at(5, 15), WIENER_HANDEL, INVOICE, [
      { name: 'Siebträger-Set (Großhandel)', sku: 'G-300', quantity: '10', taxRate: '0', net: '890.00', tax: '0.00' },
      shipping('Spedition', '0', '45.00', '0.00'),
    ]),
    // OSS: a consumer in France, charged French VAT. The shop is OSS-registered; vouchers cannot carry OSS tax
    // rules, so this document goes the invoice path (held with "needs attention" where that path is unavailable).
    order('1004', at(4, 11), CAMILLE, CARD, [
      { name: 'Tasse « Aurore »', sku: 'T-100', quantity: '2', taxRate: '20', net: '33.33', tax: '6.67' },
      shipping('Livraison', '20', '8.25', '1.65'),
    ]),
    // Export of goods outside the EU (0 %).
    order('1005', at(3, 9), URS, PAYPAL, [
      { name: 'Mühle „Handwerk“', sku: 'M-410', taxRate: '0', net: '149.00', tax: '0.00' },
      shipping('Versand international', '0', '19.00', '0.00'),
    ]),
    // Domestic with a refund: one of two items returned → a partial cancellation with its own VAT.
    order(
      '1006',
      at(2, 16),
      MAX,
      PAYPAL,
      [
        { name: 'Thermoskanne 1 l', sku: 'K-500', taxRate: '19', net: '29.41', tax: '5.59' },
        { name: 'Teesieb Edelstahl', sku: 'K-510', taxRate: '19', net: '8.39', tax: '1.60' },
        DHL_SHIPPING,
      ],
      [
        {
          id: 'R-1006-1',
          reason: 'Rücksendung: Teesieb gefällt nicht',
          amount: '9.99',
          date: at(1, 9),
          lines: [{ lineId: '2', quantity: '1', net: '8.39', tax: '1.60' }],
        },
      ],
    ),
    // Domestic, a guest order (no customer account).
    order('1007', at(1, 12), ANNA, CARD, [
      {
        name: 'Bohnenkaffee „Hausröstung“ 500 g',
        sku: 'C-010',
        quantity: '2',
        taxRate: '7',
        net: '24.21',
        tax: '1.69',
      },
      shipping('Versand', '7', '3.64', '0.26'),
    ]),
    // Domestic, 19 % and 7 %, paid by PayPal.
    order('1008', at(0, 7), TOBIAS, PAYPAL, [
      { name: 'Milchaufschäumer', sku: 'E-120', taxRate: '19', net: '50.42', tax: '9.58' },
      { name: 'Kaffeebohnen „Espresso“ 1 kg', sku: 'C-020', taxRate: '7', net: '20.56', tax: '1.44' },
    ]),
  ];
}
