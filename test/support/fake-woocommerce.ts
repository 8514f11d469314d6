import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';

// A local imitation of WooCommerce's REST API v3 for the pull client: /wp-json/wc/v3/orders (filter `after`,
// paging with X-WP-Total / X-WP-TotalPages), /orders/:id and /orders/:id/refunds, HTTP Basic auth.

export interface FakeWooCommerce {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  orders: Record<string, unknown>[];
  refunds: Map<string, Record<string, unknown>[]>;
  requests: { method: string; path: string; query: string }[];
  /** Make the next `n` requests fail with this status. */
  failNext(status: number, n?: number): void;
  close(): Promise<void>;
}

export async function startFakeWooCommerce(
  data: { orders?: Record<string, unknown>[]; refunds?: Record<string, Record<string, unknown>[]> } = {},
): Promise<FakeWooCommerce> {
  const consumerKey = 'ck_test_0123456789';
  const consumerSecret = 'cs_test_abcdef';
  const orders = data.orders ?? [];
  const refunds = new Map(Object.entries(data.refunds ?? {}));
  const requests: FakeWooCommerce['requests'] = [];
  let failures: { status: number; left: number } | null = null;

  const app = new Hono();
  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    requests.push({ method: c.req.method, path: url.pathname, query: url.search });
    if (failures && failures.left > 0) {
      failures.left--;
      return c.json({ code: 'fake_failure', message: 'injected' }, failures.status as 500);
    }
    const expected = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected) {
      return c.json({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' }, 401);
    }
    await next();
  });
  const paged = (items: unknown[], page: number, perPage: number) => ({
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: {
      'X-WP-Total': String(items.length),
      'X-WP-TotalPages': String(Math.max(1, Math.ceil(items.length / perPage))),
    },
  });
  app.get('/wp-json/wc/v3/orders', (c) => {
    const after = c.req.query('after');
    const page = Number(c.req.query('page') ?? '1');
    const perPage = Number(c.req.query('per_page') ?? '10');
    const matching = orders
      .filter((o) => !after || String(o.date_created_gmt) > after.replace(/Z$/, ''))
      .sort((a, b) => String(a.date_created_gmt).localeCompare(String(b.date_created_gmt)));
    const { body, headers } = paged(matching, page, perPage);
    return c.json(body, 200, headers);
  });
  app.get('/wp-json/wc/v3/orders/:id', (c) => {
    const order = orders.find((o) => String(o.id) === c.req.param('id'));
    return order ? c.json(order) : c.json({ code: 'woocommerce_rest_shop_order_invalid_id' }, 404);
  });
  app.get('/wp-json/wc/v3/orders/:id/refunds', (c) => {
    const page = Number(c.req.query('page') ?? '1');
    const perPage = Number(c.req.query('per_page') ?? '10');
    const { body, headers } = paged(refunds.get(c.req.param('id')) ?? [], page, perPage);
    return c.json(body, 200, headers);
  });

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    consumerKey,
    consumerSecret,
    orders,
    refunds,
    requests,
    failNext(status, n = 1) {
      failures = { status, left: n };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
