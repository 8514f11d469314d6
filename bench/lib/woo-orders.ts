import { signWooBody } from '../../src/integrations/woocommerce/signature.js';
import { seededRandom } from './stats.js';

// Synthetic WooCommerce REST v3 orders and customers as webhooks deliver them: domestic (DE) orders with one to
// a few items at 19 % and 7 %, shipping at 19 %, tax rounded per line the way WooCommerce does, so every order
// maps without attention reasons. Deterministic per id.

export interface OrderSpec {
  id: number;
  /** 0 = guest. */
  customerId: number;
  status?: string;
  /** Number of product lines (default 1–3 by id). */
  lines?: number;
  /** Changes the customer's address (a "returning customer, changed"). */
  addressVersion?: number;
  modifiedAt?: Date;
  paymentMethod?: string;
  transactionId?: string;
}

const PRODUCTS = [
  { name: 'Notizbuch A5, liniert', sku: 'NB-A5', cents: 1290, rateBp: 1900 },
  { name: 'Kochbuch „Sommer“', sku: 'BK-SOM', cents: 2490, rateBp: 700 },
  { name: 'Füllfederhalter', sku: 'FH-01', cents: 3999, rateBp: 1900 },
  { name: 'Kalender 2027', sku: 'KAL-27', cents: 1499, rateBp: 700 },
  { name: 'Tintenpatronen, 6 Stück', sku: 'TP-6', cents: 495, rateBp: 1900 },
  { name: 'Stifteetui Leder', sku: 'ET-L', cents: 2750, rateBp: 1900 },
];
const FIRST = ['Anna', 'Jonas', 'Mia', 'Lukas', 'Lea', 'Felix', 'Emma', 'Paul', 'Sophie', 'Ben'];
const LAST = ['Schmidt', 'Müller', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Richter', 'Klein'];
const CITIES = [
  { city: 'Köln', zip: '50667' },
  { city: 'Leipzig', zip: '04109' },
  { city: 'München', zip: '80331' },
  { city: 'Hamburg', zip: '20095' },
  { city: 'Berlin', zip: '10115' },
];
const RATE_IDS: Record<number, number> = { 1900: 1, 700: 2 };

const euros = (cents: number) => (cents / 100).toFixed(2);
/** WooCommerce keeps unrounded line taxes in taxes[].total, e.g. "9.481". */
const exactTax = (netCents: number, rateBp: number) => ((netCents * rateBp) / 10_000 / 100).toFixed(4);
const roundedTax = (netCents: number, rateBp: number) => Math.round((netCents * rateBp) / 10_000);
const wooDate = (d: Date) => d.toISOString().slice(0, 19);

export function customerAddress(customerId: number, version = 0) {
  const r = seededRandom(customerId * 7919 + 13);
  const place = CITIES[Math.floor(r() * CITIES.length)]!;
  const first = FIRST[customerId % FIRST.length]!;
  const last = LAST[Math.floor(customerId / FIRST.length) % LAST.length]!;
  return {
    first_name: first,
    last_name: last,
    company: '',
    address_1: `${['Lindenstraße', 'Hauptstraße', 'Gartenweg', 'Am Markt'][customerId % 4]} ${1 + (customerId % 90) + version}`,
    address_2: '',
    city: place.city,
    state: '',
    postcode: place.zip,
    country: 'DE',
  };
}

export function customerEmail(customerId: number, orderId: number): string {
  return customerId > 0 ? `kunde${customerId}@example.de` : `gast${orderId}@example.de`;
}

export function wooOrder(spec: OrderSpec): Record<string, unknown> {
  const r = seededRandom(spec.id * 104_729 + 7);
  const count = spec.lines ?? 1 + Math.floor(r() * 3);
  const items: Record<string, unknown>[] = [];
  const taxByRate = new Map<number, number>();
  let net = 0;
  for (let i = 0; i < count; i++) {
    const p = PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
    const qty = 1 + Math.floor(r() * 3);
    const lineNet = p.cents * qty;
    const tax = roundedTax(lineNet, p.rateBp);
    net += lineNet;
    taxByRate.set(p.rateBp, (taxByRate.get(p.rateBp) ?? 0) + tax);
    items.push({
      id: spec.id * 100 + i + 1,
      name: count > PRODUCTS.length ? `${p.name} #${i + 1}` : p.name,
      product_id: 100 + PRODUCTS.indexOf(p),
      variation_id: 0,
      quantity: qty,
      tax_class: p.rateBp === 700 ? 'reduced-rate' : '',
      subtotal: euros(lineNet),
      subtotal_tax: euros(tax),
      total: euros(lineNet),
      total_tax: euros(tax),
      taxes: [{ id: RATE_IDS[p.rateBp], total: exactTax(lineNet, p.rateBp), subtotal: exactTax(lineNet, p.rateBp) }],
      meta_data: [],
      sku: p.sku,
      price: p.cents / 100,
    });
  }
  const shippingNet = 490;
  const shippingTax = roundedTax(shippingNet, 1900);
  const cartTax = [...taxByRate.values()].reduce((a, b) => a + b, 0);
  const totalTax = cartTax + shippingTax;
  const total = net + shippingNet + totalTax;
  const created = new Date(Date.UTC(2026, 10, 1) + spec.id * 60_000);
  const modified = spec.modifiedAt ?? new Date(created.getTime() + 1000 * (1 + (spec.addressVersion ?? 0)));
  const status = spec.status ?? 'processing';
  const paid = status === 'processing' || status === 'completed';
  const billing = customerAddress(spec.customerId || spec.id, spec.addressVersion);
  const rates = [...new Set([...taxByRate.keys(), 1900])].sort((a, b) => b - a);
  return {
    id: spec.id,
    parent_id: 0,
    status,
    currency: 'EUR',
    version: '9.4.2',
    prices_include_tax: false,
    date_created: wooDate(created),
    date_modified: wooDate(modified),
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: euros(shippingNet),
    shipping_tax: euros(shippingTax),
    cart_tax: euros(cartTax),
    total: euros(total),
    total_tax: euros(totalTax),
    customer_id: spec.customerId,
    order_key: `wc_order_${spec.id}`,
    billing: { ...billing, email: customerEmail(spec.customerId, spec.id), phone: '' },
    shipping: { ...billing, phone: '' },
    payment_method: spec.paymentMethod ?? 'paypal',
    payment_method_title: spec.paymentMethod === 'bacs' ? 'Überweisung' : 'PayPal',
    transaction_id: spec.transactionId ?? (paid ? `PAY-${spec.id}` : ''),
    customer_ip_address: '192.0.2.10',
    customer_user_agent: 'Mozilla/5.0',
    created_via: 'checkout',
    customer_note: '',
    date_completed: null,
    date_paid: paid ? wooDate(created) : null,
    cart_hash: '',
    number: String(spec.id),
    meta_data: [],
    line_items: items,
    tax_lines: rates.map((rateBp) => ({
      id: 9000 + RATE_IDS[rateBp]!,
      rate_code: `DE-MWST-${RATE_IDS[rateBp]}`,
      rate_id: RATE_IDS[rateBp],
      label: 'MwSt.',
      compound: false,
      tax_total: euros(taxByRate.get(rateBp) ?? 0),
      shipping_tax_total: euros(rateBp === 1900 ? shippingTax : 0),
      rate_percent: rateBp / 100,
      meta_data: [],
    })),
    shipping_lines: [
      {
        id: spec.id * 100 + 99,
        method_title: 'DHL Paket',
        method_id: 'flat_rate',
        instance_id: '1',
        total: euros(shippingNet),
        total_tax: euros(shippingTax),
        taxes: [{ id: 1, total: exactTax(shippingNet, 1900), subtotal: '' }],
        meta_data: [],
      },
    ],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
    date_created_gmt: wooDate(created),
    date_modified_gmt: wooDate(modified),
    date_completed_gmt: null,
    date_paid_gmt: paid ? wooDate(created) : null,
  };
}

export function wooCustomer(customerId: number, addressVersion = 0, modifiedAt = new Date()): Record<string, unknown> {
  const address = customerAddress(customerId, addressVersion);
  return {
    id: customerId,
    date_created_gmt: '2025-11-02T17:12:00',
    date_modified_gmt: wooDate(modifiedAt),
    email: customerEmail(customerId, 0),
    first_name: address.first_name,
    last_name: address.last_name,
    role: 'customer',
    username: `kunde${customerId}`,
    billing: { ...address, email: customerEmail(customerId, 0), phone: '' },
    shipping: { ...address, phone: '' },
    is_paying_customer: true,
    meta_data: [],
  };
}

export interface SignedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A webhook delivery exactly as WooCommerce sends it: JSON body, topic, delivery id, HMAC-SHA256 signature. */
export function signedWebhook(
  shopId: string,
  secret: string,
  topic: string,
  payload: unknown,
  deliveryId: string | number,
): SignedWebhook {
  const body = JSON.stringify(payload);
  return {
    path: `/webhooks/woocommerce/${shopId}`,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': 'https://shop.example.de/',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': topic.split('.')[0]!,
      'x-wc-webhook-event': topic.split('.')[1]!,
      'x-wc-webhook-delivery-id': String(deliveryId),
      'x-wc-webhook-signature': signWooBody(body, secret),
    },
    body,
  };
}
