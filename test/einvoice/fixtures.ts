// Hand-built documents for the PDF and e-invoice tests. Line amounts are computed the way shops do
// (per line, from gross for B2C prices, from net for B2B prices); totals are the sums of the lines.
import type {
  CustomerSnapshot,
  DocumentData,
  DocumentLine,
  LineKind,
  RateTotal,
  TaxCase,
} from '../../src/domain/documents/document.js';
import { taxFromGross, taxFromNet } from '../../src/domain/money/vat.js';
import type { SellerProfile } from '../../src/domain/shops/seller-profile.js';

export const seller: SellerProfile = {
  legalName: 'Muster Handels GmbH & Co. KG',
  address: { street: 'Musterstraße 12', zip: '10115', city: 'Berlin', country: 'DE' },
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  email: 'rechnung@muster-handel.example',
  phone: '+49 30 1234567',
  contactName: 'Erika Mustermann',
  bank: {
    accountHolder: 'Muster Handels GmbH & Co. KG',
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
    bankName: 'Commerzbank',
  },
  footerLines: [
    'Amtsgericht Berlin-Charlottenburg HRA 12345 B',
    'Persönlich haftende Gesellschafterin: Muster Verwaltungs GmbH, AG Berlin HRB 54321',
    'Geschäftsführerin: Erika Mustermann',
  ],
  paymentTermDays: 14,
  smallBusiness: false,
};

export const smallBusinessSeller: SellerProfile = {
  ...seller,
  legalName: 'Kleiner Laden Inh. Max Beispiel',
  vatId: null,
  taxNumber: '21/815/08150',
  footerLines: [],
  smallBusiness: true,
};

type LineSpec = {
  kind?: LineKind;
  name: string;
  sku?: string;
  qty?: string;
  rateBp: number;
} & ({ unitGross: number } | { unitNet: number });

/** A line priced per unit; amounts rounded per line as a shop does. */
export function line(position: number, spec: LineSpec): DocumentLine {
  const qty = spec.qty ?? '1';
  const q = Number(qty);
  let net: number;
  let tax: number;
  let gross: number;
  if ('unitGross' in spec) {
    gross = Math.round(spec.unitGross * q);
    tax = taxFromGross(gross, spec.rateBp);
    net = gross - tax;
  } else {
    net = Math.round(spec.unitNet * q);
    tax = taxFromNet(net, spec.rateBp);
    gross = net + tax;
  }
  return {
    kind: spec.kind ?? 'product',
    position,
    name: spec.name,
    sku: spec.sku ?? null,
    productId: spec.sku ? `p-${spec.sku}` : null,
    productType: spec.kind === 'product' || spec.kind === undefined ? 'goods' : null,
    quantity: qty,
    unitPriceNet: (net / q).toFixed(4),
    rateBp: spec.rateBp,
    net,
    tax,
    gross,
  };
}

export function totalsOf(lines: DocumentLine[]): DocumentData['totals'] {
  const byRate = new Map<number, RateTotal>();
  for (const l of lines) {
    const r = byRate.get(l.rateBp) ?? { rateBp: l.rateBp, net: 0, tax: 0, gross: 0 };
    r.net += l.net;
    r.tax += l.tax;
    r.gross += l.gross;
    byRate.set(l.rateBp, r);
  }
  const list = [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp);
  return {
    net: list.reduce((s, r) => s + r.net, 0),
    tax: list.reduce((s, r) => s + r.tax, 0),
    gross: list.reduce((s, r) => s + r.gross, 0),
    byRate: list,
  };
}

const berlinCustomer: CustomerSnapshot = {
  customerId: '4711',
  email: 'anna.schmidt@example.org',
  phone: null,
  company: null,
  vatId: null,
  billing: {
    firstName: 'Anna',
    lastName: 'Schmidt',
    street: 'Lindenallee 5',
    zip: '80331',
    city: 'München',
    country: 'DE',
  },
  shipping: null,
};

function doc(
  partial: Partial<DocumentData> & { lines: DocumentLine[]; taxCase: TaxCase; orderNumber: string },
): DocumentData {
  return {
    type: 'invoice',
    currency: 'EUR',
    issueDate: '2025-03-14',
    deliveryDate: '2025-03-12',
    orderId: `wc-${partial.orderNumber}`,
    paymentMethod: 'paypal',
    paymentMethodTitle: 'PayPal',
    paymentTransactionId: '8XY12345AB678901C',
    paidAt: '2025-03-11T09:41:00Z',
    customer: berlinCustomer,
    attentionReasons: [],
    notes: [],
    cancels: null,
    totals: totalsOf(partial.lines),
    ...partial,
  };
}

/** Domestic B2C, 19 %, paid with PayPal. */
export const domestic19 = doc({
  orderNumber: '10023',
  taxCase: 'domestic',
  lines: [
    line(1, { name: 'Espressokanne Edelstahl 6 Tassen', sku: 'ESP-6', qty: '2', unitGross: 3499, rateBp: 1900 }),
    line(2, { name: 'Milchaufschäumer „Crema“ (weiß)', sku: 'MA-01', unitGross: 1999, rateBp: 1900 }),
    line(3, { kind: 'shipping', name: 'Versand DHL Paket', unitGross: 490, rateBp: 1900 }),
  ],
});

/** Mixed 19/7 %, coupon split per rate, shipping and a fee; unpaid, bank transfer (SEPA 58 with IBAN). */
export const mixedRates = doc({
  orderNumber: '10024',
  taxCase: 'domestic',
  paymentMethod: 'bacs',
  paymentMethodTitle: 'Überweisung (Vorkasse)',
  paymentTransactionId: null,
  paidAt: null,
  customer: {
    ...berlinCustomer,
    customerId: null,
    company: 'Café Morgenrot UG (haftungsbeschränkt)',
    billing: {
      company: 'Café Morgenrot UG (haftungsbeschränkt)',
      firstName: 'Jonas',
      lastName: 'Weber',
      street: 'Hafenstraße 3',
      street2: '2. OG',
      zip: '20457',
      city: 'Hamburg',
      country: 'DE',
    },
    shipping: {
      company: 'Café Morgenrot – Filiale Altona',
      street: 'Große Bergstraße 100',
      zip: '22767',
      city: 'Hamburg',
      country: 'DE',
    },
  },
  lines: [
    line(1, { name: 'Kaffeebohnen Hausmischung 1 kg', sku: 'KB-1000', qty: '3', unitGross: 2290, rateBp: 700 }),
    line(2, {
      name: 'Filterpapier Gr. 4 (100 Stück) <Sonderedition> & mehr',
      sku: 'FP-4',
      qty: '5',
      unitGross: 349,
      rateBp: 1900,
    }),
    line(3, { name: 'Entkalker 500 ml', qty: '2.5', unitGross: 798, rateBp: 1900 }),
    line(4, { kind: 'discount', name: 'Gutschein FRUEHLING10 (7 %)', unitGross: -687, rateBp: 700 }),
    line(5, { kind: 'discount', name: 'Gutschein FRUEHLING10 (19 %)', unitGross: -374, rateBp: 1900 }),
    line(6, { kind: 'shipping', name: 'Versand Spedition', unitGross: 590, rateBp: 1900 }),
    line(7, { kind: 'fee', name: 'Mindermengenzuschlag', unitGross: 250, rateBp: 1900 }),
  ],
  notes: ['Bitte geben Sie bei der Überweisung die Rechnungsnummer an.'],
});

/** Kleinunternehmer (§ 19 UStG): no VAT, seller with a tax number only. */
export const smallBusiness = doc({
  orderNumber: '5001',
  taxCase: 'small_business',
  paymentMethod: 'stripe',
  paymentMethodTitle: 'Kreditkarte (Stripe)',
  lines: [
    line(1, { name: 'Handgemachte Seife Lavendel', sku: 'S-LAV', qty: '4', unitGross: 650, rateBp: 0 }),
    line(2, { kind: 'shipping', name: 'Versand Warensendung', unitGross: 195, rateBp: 0 }),
  ],
  notes: ['Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG.'],
});

const viennaCompany: CustomerSnapshot = {
  customerId: 'B2B-88',
  email: 'einkauf@alpenbuero.example',
  phone: '+43 1 555 0100',
  company: 'Alpenbüro GmbH',
  vatId: 'ATU12345675',
  billing: {
    company: 'Alpenbüro GmbH',
    firstName: 'Lukas',
    lastName: 'Huber',
    street: 'Mariahilfer Straße 1',
    zip: '1060',
    city: 'Wien',
    country: 'AT',
  },
  shipping: { company: 'Alpenbüro GmbH Lager', street: 'Industriestraße 7', zip: '4020', city: 'Linz', country: 'AT' },
};

/** Intra-community supply of goods to an Austrian company (K, VATEX-EU-IC), unpaid, bank transfer. */
export const intraEuGoods = doc({
  orderNumber: '10025',
  taxCase: 'eu_b2b_goods',
  paymentMethod: 'bacs',
  paymentMethodTitle: 'Überweisung',
  paymentTransactionId: null,
  paidAt: null,
  customer: viennaCompany,
  lines: [
    line(1, { name: 'Bürostuhl ergonomisch', sku: 'BS-200', qty: '6', unitNet: 18990, rateBp: 0 }),
    line(2, { kind: 'shipping', name: 'Versand Spedition Österreich', unitNet: 8900, rateBp: 0 }),
  ],
  notes: ['Steuerfreie innergemeinschaftliche Lieferung gemäß § 4 Nr. 1 Buchst. b i. V. m. § 6a UStG.'],
});

/** Reverse charge service to an Austrian company (AE). */
export const intraEuServices = doc({
  orderNumber: '10029',
  taxCase: 'eu_b2b_services',
  customer: viennaCompany,
  lines: [line(1, { name: 'Einrichtung Online-Shop (Pauschale)', unitNet: 120000, rateBp: 0 })],
  notes: ['Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).'],
});

const zurichCustomer: CustomerSnapshot = {
  customerId: null,
  email: 'p.keller@example.ch',
  phone: null,
  company: null,
  vatId: null,
  billing: {
    firstName: 'Petra',
    lastName: 'Keller',
    street: 'Bahnhofstrasse 10',
    zip: '8001',
    city: 'Zürich',
    country: 'CH',
  },
  shipping: null,
};

/** Export of goods to Switzerland (G), paid by card. */
export const exportGoods = doc({
  orderNumber: '10026',
  taxCase: 'export_goods',
  paymentMethod: 'stripe',
  paymentMethodTitle: 'Kreditkarte',
  customer: zurichCustomer,
  lines: [
    line(1, { name: 'Espressomaschine Siebträger', sku: 'EM-9', unitNet: 54900, rateBp: 0 }),
    line(2, { kind: 'shipping', name: 'Versand international', unitNet: 2900, rateBp: 0 }),
  ],
  notes: ['Steuerfreie Ausfuhrlieferung gemäß § 4 Nr. 1 Buchst. a i. V. m. § 6 UStG.'],
});

/** Service to a non-EU customer, not taxable in Germany (O). */
export const exportServices = doc({
  orderNumber: '10030',
  taxCase: 'export_services',
  customer: zurichCustomer,
  lines: [line(1, { kind: 'product', name: 'Online-Barista-Kurs (Zugang 12 Monate)', unitNet: 9900, rateBp: 0 })],
  notes: ['Nicht im Inland steuerbare Leistung.'],
});

/** EU B2C distance sale under OSS, French VAT 20 % / 5.5 %. */
export const ossFrance = doc({
  orderNumber: '10031',
  taxCase: 'eu_b2c_oss',
  customer: {
    ...zurichCustomer,
    email: 'claire@example.fr',
    billing: {
      firstName: 'Claire',
      lastName: 'Dubois',
      street: '12 rue de Rivoli',
      zip: '75001',
      city: 'Paris',
      country: 'FR',
    },
  },
  lines: [
    line(1, { name: 'Moulin à café', qty: '1', unitGross: 4990, rateBp: 2000 }),
    line(2, { name: 'Café en grains 500 g', qty: '2', unitGross: 1190, rateBp: 550 }),
    line(3, { kind: 'shipping', name: 'Livraison Colissimo', unitGross: 990, rateBp: 2000 }),
  ],
  notes: ['Umsatzsteuer des Bestimmungslandes Frankreich (OSS-Verfahren).'],
});

/** Negates a document line for a cancellation (a cancellation mirrors the invoice with negative amounts). */
function reverse(l: DocumentLine, position: number): DocumentLine {
  return {
    ...l,
    position,
    quantity: l.quantity.startsWith('-') ? l.quantity.slice(1) : `-${l.quantity}`,
    unitPriceNet: l.unitPriceNet,
    net: -l.net,
    tax: -l.tax,
    gross: -l.gross,
  };
}

export const DOMESTIC_INVOICE = { number: 'RE-2025-00042', issueDate: domestic19.issueDate };

/** Full cancellation of domestic19 (Stornorechnung). */
export const fullCancellation: DocumentData = (() => {
  const lines = domestic19.lines.map((l, i) => reverse(l, i + 1));
  return {
    ...domestic19,
    type: 'cancellation',
    issueDate: '2025-03-20',
    deliveryDate: domestic19.deliveryDate,
    paidAt: null,
    lines,
    totals: totalsOf(lines),
    cancels: { documentId: 'doc-42', number: DOMESTIC_INVOICE.number, full: true },
    notes: [],
  };
})();

/** Partial cancellation (one of the two espresso pots returned) of domestic19 (Rechnungskorrektur). */
export const partialCancellation: DocumentData = (() => {
  const returned = reverse(
    line(1, { name: 'Espressokanne Edelstahl 6 Tassen', sku: 'ESP-6', qty: '1', unitGross: 3499, rateBp: 1900 }),
    1,
  );
  const lines = [returned];
  return {
    ...domestic19,
    type: 'cancellation',
    issueDate: '2025-03-22',
    paidAt: '2025-03-22T12:00:00Z',
    lines,
    totals: totalsOf(lines),
    cancels: { documentId: 'doc-42', number: DOMESTIC_INVOICE.number, full: false },
    notes: ['Rücksendung von 1 × Espressokanne.'],
  };
})();

/** 120 product lines at alternating rates, to exercise page breaks. */
export const manyLines: DocumentData = (() => {
  const lines: DocumentLine[] = [];
  for (let i = 1; i <= 120; i++) {
    lines.push(
      line(i, {
        name:
          i % 7 === 0
            ? `Artikel ${i} mit einer längeren Beschreibung, die in der Tabelle umbrechen muss (Variante ${i})`
            : `Artikel ${i}`,
        sku: `ART-${String(i).padStart(4, '0')}`,
        qty: String((i % 4) + 1),
        unitGross: 199 + i * 37,
        rateBp: i % 3 === 0 ? 700 : 1900,
      }),
    );
  }
  return doc({
    orderNumber: '10100',
    taxCase: 'domestic',
    paymentMethod: 'bacs',
    paymentMethodTitle: 'Überweisung',
    paidAt: null,
    paymentTransactionId: null,
    lines,
  });
})();

export const ALL_CASES: { name: string; doc: DocumentData; seller: SellerProfile; number: string }[] = [
  { name: 'domestic 19 %', doc: domestic19, seller, number: DOMESTIC_INVOICE.number },
  { name: 'mixed 19/7 % with coupon, shipping and fee', doc: mixedRates, seller, number: 'RE-2025-00043' },
  { name: 'Kleinunternehmer', doc: smallBusiness, seller: smallBusinessSeller, number: 'RE-2025-00044' },
  { name: 'intra-EU B2B goods', doc: intraEuGoods, seller, number: 'RE-2025-00045' },
  { name: 'intra-EU B2B services (reverse charge)', doc: intraEuServices, seller, number: 'RE-2025-00046' },
  { name: 'export goods', doc: exportGoods, seller, number: 'RE-2025-00047' },
  { name: 'export services (not subject)', doc: exportServices, seller, number: 'RE-2025-00048' },
  { name: 'EU B2C OSS (France)', doc: ossFrance, seller, number: 'RE-2025-00049' },
  { name: 'partial cancellation', doc: partialCancellation, seller, number: 'ST-2025-00007' },
  { name: 'full cancellation', doc: fullCancellation, seller, number: 'ST-2025-00008' },
];
