import type { DocumentData, DocumentLine } from '../../src/domain/documents/document.js';

// Synthetic DocumentData (the stored contract) for benchmarks that bypass ingestion: PDF rendering and the
// million-document scale test. Tax per line rounded the way shops do; totals and per-rate sums consistent.

const NAMES = [
  'Notizbuch A5, liniert',
  'Kochbuch „Sommer“',
  'Füllfederhalter',
  'Kalender 2027',
  'Tintenpatronen, 6 Stück',
];

export function documentData(opts: {
  lines: number;
  type?: 'invoice' | 'cancellation';
  orderNumber?: string;
  customerId?: string | null;
  name?: { first: string; last: string };
  email?: string | null;
  issueDate?: string;
  seed?: number;
}): DocumentData {
  const sign = opts.type === 'cancellation' ? -1 : 1;
  const seed = opts.seed ?? 1;
  const lines: DocumentLine[] = Array.from({ length: opts.lines }, (_, i) => {
    const rateBp = (i + seed) % 3 === 0 ? 700 : 1900;
    const qty = 1 + ((i + seed) % 3);
    const unit = 495 + ((i * 37 + seed * 11) % 40) * 100;
    const net = sign * unit * qty;
    const tax = Math.round((net * rateBp) / 10_000);
    return {
      kind: 'product',
      position: i + 1,
      name: `${NAMES[(i + seed) % NAMES.length]}${opts.lines > NAMES.length ? ` (${i + 1})` : ''}`,
      sku: `SKU-${(i + seed) % 97}`,
      quantity: String(sign * qty),
      unitPriceNet: String(unit),
      rateBp,
      net,
      tax,
      gross: net + tax,
    };
  });
  const sum = (xs: DocumentLine[], k: 'net' | 'tax' | 'gross') => xs.reduce((s, l) => s + l[k], 0);
  const rates = [...new Set(lines.map((l) => l.rateBp))].sort((a, b) => b - a);
  const issueDate = opts.issueDate ?? '2026-11-27';
  const name = opts.name ?? { first: 'Anna', last: 'Schmidt' };
  return {
    type: opts.type ?? 'invoice',
    currency: 'EUR',
    issueDate,
    deliveryDate: issueDate,
    orderNumber: opts.orderNumber ?? '1001',
    orderId: opts.orderNumber ?? '1001',
    paymentMethod: 'paypal',
    paymentMethodTitle: 'PayPal',
    paymentTransactionId: null,
    paidAt: `${issueDate}T10:00:00Z`,
    customer: {
      customerId: opts.customerId === undefined ? '7' : opts.customerId,
      email: opts.email === undefined ? 'anna.schmidt@example.de' : opts.email,
      phone: null,
      company: null,
      vatId: null,
      billing: {
        firstName: name.first,
        lastName: name.last,
        street: 'Lindenstraße 12',
        zip: '50667',
        city: 'Köln',
        country: 'DE',
      },
      shipping: null,
    },
    taxCase: 'domestic',
    attentionReasons: [],
    lines,
    totals: {
      net: sum(lines, 'net'),
      tax: sum(lines, 'tax'),
      gross: sum(lines, 'gross'),
      byRate: rates.map((rateBp) => {
        const at = lines.filter((l) => l.rateBp === rateBp);
        return { rateBp, net: sum(at, 'net'), tax: sum(at, 'tax'), gross: sum(at, 'gross') };
      }),
    },
    notes: [],
  };
}
