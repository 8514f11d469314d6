import { randomBytes } from 'node:crypto';
import { orderInputExample } from '../../src/domain/orders/order-input.example.js';
import { signWooBody } from '../../src/integrations/woocommerce/signature.js';
import { seededRandom } from './stats.js';
import { wooOrder } from './woo-orders.js';

// Malformed and hostile requests against the webhook and the JSON API: wrong and missing signatures, unknown shops,
// invalid JSON and UTF-8, wrong types, huge numbers, deep nesting, oversized bodies, wrong content types, odd
// methods and paths, prototype-pollution keys, bad query parameters. Each template varies with the request index.

export interface HostileRequest {
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send without Content-Length (chunked). */
  chunked?: boolean;
}

export interface HostileTarget {
  shopId: string;
  secret: string;
  apiKey: string;
  /** A finalized document of the shop. */
  documentId: string;
  /** An order of the shop (only used where nothing is changed). */
  orderExternalId: string;
}

type Template = (i: number, t: HostileTarget, r: () => number) => HostileRequest;

const JSON_TYPE = { 'content-type': 'application/json' };

function webhook(
  t: HostileTarget,
  category: string,
  body: Buffer | string,
  opts: { topic?: string | null; sign?: boolean; headers?: Record<string, string>; shopId?: string } = {},
): HostileRequest {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const headers: Record<string, string> = {
    ...JSON_TYPE,
    'x-wc-webhook-delivery-id': `h-${randomBytes(6).toString('hex')}`,
  };
  if (opts.topic !== null) headers['x-wc-webhook-topic'] = opts.topic ?? 'order.created';
  if (opts.sign !== false) headers['x-wc-webhook-signature'] = signWooBody(bytes, t.secret);
  return {
    category,
    method: 'POST',
    path: `/webhooks/woocommerce/${opts.shopId ?? t.shopId}`,
    headers: { ...headers, ...opts.headers },
    body: bytes,
  };
}

const api = (
  t: HostileTarget,
  category: string,
  method: string,
  sub: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
): HostileRequest => ({
  category,
  method,
  path: `/api/v1/shops/${t.shopId}${sub}`,
  headers: { authorization: `Bearer ${t.apiKey}`, ...(body !== undefined ? JSON_TYPE : {}), ...headers },
  ...(body !== undefined ? { body: typeof body === 'string' ? Buffer.from(body) : body } : {}),
});

/** A valid order payload (unique id), to be made invalid by the template. */
const order = (i: number) => wooOrder({ id: 9_000_000 + i, customerId: 1 + (i % 50) });

function nested(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

const WRONG_TYPES: ((o: Record<string, unknown>) => void)[] = [
  (o) => (o.id = 'not-a-number'),
  (o) => (o.id = { $gt: 0 }),
  (o) => (o.id = -1),
  (o) => (o.id = 1.5),
  (o) => (o.line_items = { 0: 'x' }),
  (o) => (o.line_items = 'everything'),
  (o) => ((o.line_items as Record<string, unknown>[])[0]!.quantity = 'two'),
  (o) => (o.total = { amount: 1 }),
  (o) => (o.total = '12,50'),
  (o) => (o.billing = []),
  (o) => (o.status = 123),
  (o) => (o.currency = ['EUR']),
  (o) => (o.tax_lines = null),
  (o) => (o.prices_include_tax = 'yes'),
  (o) => (o.date_created_gmt = 'yesterday'),
  (o) => ((o.line_items as Record<string, unknown>[])[0]!.taxes = 'none'),
];

const HUGE_NUMBERS: ((o: Record<string, unknown>) => void)[] = [
  (o) => (o.total = '1e309'),
  (o) => (o.total = '99999999999999999999999999999.99'),
  (o) => (o.total = -1e308),
  (o) => ((o.line_items as Record<string, unknown>[])[0]!.quantity = 1e308),
  (o) => ((o.line_items as Record<string, unknown>[])[0]!.total = '123456789012345678901234567890'),
  (o) => (o.id = 1e21),
  (o) => (o.id = Number.MAX_SAFE_INTEGER + 2),
  (o) => ((o.line_items as Record<string, unknown>[])[0]!.quantity = Number.NaN),
  (o) => (o.total = 'Infinity'),
];

const BAD_LIST_QUERIES = [
  'limit=-1',
  'limit=0',
  'limit=abc',
  'limit=1e309',
  'limit=201',
  'limit=99999999999999999999999',
  "type=invoice'--",
  'type[]=invoice',
  'status=deleted',
  'from=2026-02-30',
  'from=2026-12-01&to=2026-01-01',
  'cursor=garbage',
  `cursor=${Buffer.from('{"v":1,"id":"../../etc/passwd"}').toString('base64url')}`,
  `cursor=${Buffer.from('{"v":2,"id":"doc_01"}').toString('base64url')}`,
  `cursor=${'A'.repeat(300)}`,
  'needsAttention=maybe',
  `transferState=${'x'.repeat(60)}`,
  'transferState=failed;DROP%20TABLE%20documents',
  `q=${'x'.repeat(101)}`,
  'foo=bar',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'limit=10&limit=20',
  'q=%FF%FE',
];

const INVALID_UTF8 = Buffer.concat([
  Buffer.from('{"id": 1, "status": "'),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
  Buffer.from('"}'),
]);

export const TEMPLATES: Template[] = [
  (i, t) => webhook(t, 'webhook: missing signature', JSON.stringify(order(i)), { sign: false }),
  (i, t) =>
    webhook(t, 'webhook: wrong signature', JSON.stringify(order(i)), {
      headers: { 'x-wc-webhook-signature': randomBytes(32).toString('base64') },
    }),
  (i, t) => {
    const body = JSON.stringify(order(i));
    return webhook(t, 'webhook: signed with another secret', body, {
      headers: { 'x-wc-webhook-signature': signWooBody(body, `${t.secret}x`) },
    });
  },
  (i, t) => {
    const junk = [
      'abc',
      ' ',
      '=',
      `sha256=${randomBytes(32).toString('hex')}`,
      'A'.repeat(8000),
      '%00',
      '\u00e4\u00f6',
    ][i % 7]!;
    return webhook(t, 'webhook: malformed signature header', JSON.stringify(order(i)), {
      headers: { 'x-wc-webhook-signature': junk.replace(/[^\x20-\x7e]/g, '?') },
    });
  },
  (i, t) => {
    const body = JSON.stringify(order(i));
    const sig = signWooBody(body, t.secret);
    return webhook(t, 'webhook: body tampered after signing', body.replace('"total":"', '"total":"1'), {
      headers: { 'x-wc-webhook-signature': sig },
    });
  },
  (i, t) => {
    const ids = [
      `shop_${randomBytes(13).toString('hex').toUpperCase()}`,
      '..%2F..%2Fetc%2Fpasswd',
      'x'.repeat(3000),
      '%E2%98%83',
      '%00',
      'shop_01%20OR%201=1',
      '1',
    ];
    return webhook(t, 'webhook: unknown shop', JSON.stringify(order(i)), { shopId: ids[i % ids.length]! });
  },
  (i, t) => {
    const body = JSON.stringify(order(i));
    return webhook(
      t,
      'webhook: invalid JSON (signed)',
      [body.slice(0, body.length / 2), `${body}}}`, `{'id': ${i}}`, '{"id":1,}', 'NaN'][i % 5]!,
    );
  },
  (_i, t) => webhook(t, 'webhook: invalid UTF-8 (signed)', INVALID_UTF8),
  (i, t) => {
    const o = order(i);
    WRONG_TYPES[i % WRONG_TYPES.length]!(o);
    return webhook(t, 'webhook: wrong types (signed)', JSON.stringify(o));
  },
  (i, t) => {
    const o = order(i);
    HUGE_NUMBERS[i % HUGE_NUMBERS.length]!(o);
    return webhook(t, 'webhook: huge numbers (signed)', JSON.stringify(o));
  },
  (i, t) => {
    const bodies = [
      nested(50_000),
      nested(20_000, '{"a":', '}').replace(/\{"a":\}/, '{"a":1}'),
      `{"id":${i},"billing":${nested(5_000, '{"x":', '}').replace('{"x":}', '1')}}`,
    ];
    return webhook(t, 'webhook: deep nesting (signed)', bodies[i % bodies.length]!);
  },
  (i, t) => {
    const size = [1_100_000, 2_000_000, 8_000_000][i % 3]!;
    const body = JSON.stringify({ ...order(i), padding: 'x'.repeat(size) });
    return { ...webhook(t, 'webhook: oversized body', body), ...(i % 2 === 0 ? { chunked: true } : {}) };
  },
  (i, t) => {
    const variants: [string, string][] = [
      ['application/x-www-form-urlencoded', `id=${i}&status=processing&total=10`],
      ['text/xml', `<order><id>${i}</id></order>`],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="id"\r\n\r\n1\r\n--x--'],
      ['text/plain', 'hello'],
    ];
    const [type, body] = variants[i % variants.length]!;
    return webhook(t, 'webhook: wrong content type (signed)', body, { headers: { 'content-type': type } });
  },
  (i, t) => {
    const bodies = [
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      `{"id":${i},"__proto__":{"status":"processing","line_items":[]}}`,
      `{"id":${i},"line_items":[{"__proto__":{"total":"1"}}]}`,
    ];
    return webhook(t, 'webhook: prototype-pollution keys, invalid order (signed)', bodies[i % bodies.length]!);
  },
  (i, t) => {
    const topics = ['order.hacked', '', 'ORDER.CREATED', 'order', 'customer.created.extra', 'x'.repeat(500)];
    return webhook(t, 'webhook: unknown or empty topic (signed)', JSON.stringify(order(i)), {
      topic: i % 7 === 0 ? null : topics[i % topics.length]!,
    });
  },
  (i, t) =>
    webhook(t, 'webhook: empty or non-object body (signed)', ['', 'null', '[]', '"order"', '123', 'true', ' '][i % 7]!),
  (i, t) => ({
    category: 'webhook: wrong method',
    method: ['GET', 'PUT', 'DELETE', 'PATCH'][i % 4]!,
    path: `/webhooks/woocommerce/${t.shopId}`,
    headers: {},
  }),
  (i, t) =>
    webhook(
      t,
      'webhook: ping-like body, unsigned',
      ['webhook_id=abc', `webhook_id=${'9'.repeat(200)}`, 'webhook_id=1&x=2'][i % 3]!,
      { sign: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ),
  (i, t) =>
    webhook(t, 'webhook: oversized headers', JSON.stringify(order(i)), {
      sign: false,
      headers: { 'x-wc-webhook-delivery-id': 'd'.repeat(i % 2 ? 12_000 : 40_000) },
    }),
  (i, t) => {
    const keys = [undefined, 'wrong', 'bfk_' + 'A'.repeat(43), 'x'.repeat(5000), ''];
    const key = keys[i % keys.length];
    return {
      category: 'api: missing or wrong API key',
      method: 'GET',
      path: `/api/v1/shops/${t.shopId}/documents`,
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    };
  },
  (i, t) => api(t, 'api: invalid list query', 'GET', `/documents?${BAD_LIST_QUERIES[i % BAD_LIST_QUERIES.length]}`),
  (i, t) => ({
    ...api(t, 'api: another shop’s id', 'GET', '/documents'),
    path: `/api/v1/shops/shop_${randomBytes(13).toString('hex').toUpperCase()}/documents${i % 2 ? '' : '?limit=1'}`,
  }),
  (i, t) => {
    const o = orderInputExample() as Record<string, unknown>;
    const id = `H-${i}`;
    o.id = id;
    const variants: (string | Buffer)[] = [
      '{"id":',
      INVALID_UTF8,
      JSON.stringify({ ...o, lines: {} }),
      JSON.stringify({ ...o, totals: { total: '1e400', totalTax: '0' } }),
      JSON.stringify({ ...o, totals: { total: '9'.repeat(30), totalTax: '0' } }),
      JSON.stringify({ ...o, id: 'other-id' }),
      JSON.stringify([o]),
      `{"id":"${id}","customer":${nested(10_000, '{"a":', '}').replace('{"a":}', '1')}}`,
      JSON.stringify({ ...o, unknownField: true }),
      JSON.stringify({ ...o, currency: 'euro' }),
      JSON.stringify({ ...o, lines: [] }),
      JSON.stringify({
        ...o,
        lines: Array.from({ length: 1001 }, () => ({ name: 'x', taxRate: 19, unitPrice: '1.00' })),
      }),
      `{"__proto__":{"pricesIncludeTax":true},"id":"${id}"}`,
      JSON.stringify({ ...o, createdAt: 'tomorrow' }),
    ];
    return api(t, 'api: invalid order (PUT)', 'PUT', `/orders/${id}`, variants[i % variants.length]!);
  },
  (i, t) => {
    const o = JSON.stringify({ ...orderInputExample(), id: `C-${i}` });
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=z',
      'application/xml',
    ];
    return api(t, 'api: wrong content type (PUT order)', 'PUT', `/orders/C-${i}`, o, {
      'content-type': types[i % types.length]!,
    });
  },
  (i, t) => {
    const bodies = [
      '{}',
      '{"id":"r1","amount":"-5"}',
      '{"id":"r1","amount":"1e999"}',
      '{"id":"r1","amount":"abc"}',
      '{"id":{},"amount":"1.00"}',
      '{"id":"r1","amount":"1.00","lines":"all"}',
      '{"id":"r1","amount":"1.00","__proto__":{"x":1},"extra":1}',
    ];
    const unknownOrder = i % 3 === 0;
    return api(
      t,
      'api: invalid refund',
      'POST',
      `/orders/${unknownOrder ? `nope-${i}` : t.orderExternalId}/refunds`,
      bodies[i % bodies.length]!,
    );
  },
  (i, t) => {
    const bodies = [
      '{"numbering":{"invoice":"RE-no-seq"}}',
      '{"documents":{"autoFinalize":"yes"}}',
      '{"unknown":true}',
      '{"__proto__":{"documents":{"autoFinalize":false}},"tax":{"homeCountry":"FR"}}',
      '{"constructor":{"prototype":{"polluted":true}},"booking":{"rematchDays":1000}}',
      '[]',
      '{"sevdesk":{"customerNumberPrefix":"' + 'x'.repeat(100) + '"}}',
      INVALID_UTF8,
    ];
    return api(t, 'api: invalid settings (PATCH)', 'PATCH', '/settings', bodies[i % bodies.length]!);
  },
  (i, t) => {
    const bodies = [
      '{}',
      '{"legalName":""}',
      '{"legalName":"X","address":{"street":"a","zip":"1","city":"b","country":"Deutschland"}}',
      '{"legalName":"X","address":{"street":"a","zip":"1","city":"b","country":"DE"},"bank":{"accountHolder":"x","iban":"DE00"}}',
      '{"legalName":1e308}',
    ];
    return api(t, 'api: invalid seller profile (PUT)', 'PUT', '/seller', bodies[i % bodies.length]!);
  },
  (i, t) => {
    const bodies = [
      '{}',
      '{"billing":[]}',
      '{"email":"not-an-email","billing":{"country":"DE"}}',
      `{"billing":{"country":"DE","street":"${'x'.repeat(400)}"}}`,
      '{"__proto__":{"email":"x@y.z"}}',
    ];
    return api(t, 'api: invalid customer (PUT)', 'PUT', `/customers/K-${i}`, bodies[i % bodies.length]!);
  },
  (i, t) => {
    const ids = [
      `doc_${randomBytes(13).toString('hex').toUpperCase().slice(0, 26)}`,
      '..%2F..%2Fshops',
      'x'.repeat(4000),
      '%00',
      `${t.documentId}'--`,
    ];
    const suffixes = ['', '/pdf', '/xml', '/facturx', '/exe'];
    return api(
      t,
      'api: unknown document / file',
      'GET',
      `/documents/${ids[i % ids.length]}${suffixes[i % suffixes.length]}`,
    );
  },
  (i, t) =>
    i % 2 === 0
      ? api(
          t,
          'api: finalize unknown or finalized document',
          'POST',
          `/documents/doc_${randomBytes(13).toString('hex').toUpperCase().slice(0, 26)}/finalize`,
          '{}',
        )
      : api(t, 'api: finalize unknown or finalized document', 'POST', `/documents/${t.documentId}/finalize`, '{}'),
  (i, t) => api(t, 'api: delete unknown order', 'DELETE', `/orders/unknown-${i}`),
  (i, t) => api(t, 'api: wrong method', ['POST', 'DELETE', 'PATCH'][i % 3]!, '/documents', i % 2 ? '{}' : undefined),
];

/** The n-th hostile request (round robin over the templates). */
export function hostileRequest(n: number, target: HostileTarget, seed = 1): HostileRequest {
  const random = seededRandom(seed + n);
  return TEMPLATES[n % TEMPLATES.length]!(Math.floor(n / TEMPLATES.length), target, random);
}
