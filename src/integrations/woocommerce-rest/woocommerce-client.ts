import { AppError } from '../../lib/errors.js';

// A small client for the WooCommerce REST API v3 (/wp-json/wc/v3): orders (paged) and an order's refunds.
// Authentication is HTTP Basic with the REST consumer key and secret (WooCommerce's scheme over HTTPS).
// Responses are returned as parsed JSON; callers validate them with the WooCommerce schemas.
// Errors follow the AppError taxonomy and never contain the credentials.

export interface WooRestCredentials {
  url: string;
  consumerKey: string;
  consumerSecret: string;
}

export interface WooRestOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface WooPage {
  items: unknown[];
  page: number;
  totalPages: number;
  total: number;
}

export class WooCommerceClient {
  private readonly base: string;
  private readonly auth: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(creds: WooRestCredentials, opts: WooRestOptions = {}) {
    this.base = `${creds.url.replace(/\/+$/, '')}/wp-json/wc/v3`;
    this.auth = `Basic ${Buffer.from(`${creds.consumerKey}:${creds.consumerSecret}`).toString('base64')}`;
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Orders created after `after` (oldest first), one page. */
  async listOrders(q: { after?: string; page: number; perPage?: number; status?: string }): Promise<WooPage> {
    const params = new URLSearchParams({
      page: String(q.page),
      per_page: String(q.perPage ?? 50),
      orderby: 'date',
      order: 'asc',
    });
    if (q.after) params.set('after', q.after);
    if (q.status) params.set('status', q.status);
    return this.getPage(`/orders?${params}`, q.page);
  }

  async getOrder(orderId: string | number): Promise<unknown> {
    return (await this.request(`/orders/${encodeURIComponent(String(orderId))}`)).json;
  }

  /** All refunds of an order, with their lines (`_refunded_item_id` meta links them to the order items). */
  async listRefunds(orderId: string | number): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 1; ; page++) {
      const res = await this.getPage(
        `/orders/${encodeURIComponent(String(orderId))}/refunds?per_page=100&page=${page}`,
        page,
      );
      items.push(...res.items);
      if (page >= res.totalPages) return items;
    }
  }

  private async getPage(path: string, page: number): Promise<WooPage> {
    const { json, headers } = await this.request(path);
    if (!Array.isArray(json)) throw this.badResponse(path, 'expected a JSON array');
    const totalPages = Number(headers.get('x-wp-totalpages') ?? '1');
    const total = Number(headers.get('x-wp-total') ?? String(json.length));
    return {
      items: json,
      page,
      totalPages: Number.isFinite(totalPages) && totalPages > 0 ? totalPages : 1,
      total: Number.isFinite(total) ? total : json.length,
    };
  }

  private badResponse(path: string, why: string): AppError {
    return new AppError(
      'retryable',
      'woocommerce_bad_response',
      `WooCommerce answered ${this.pathOnly(path)} with ${why}.`,
    );
  }

  private pathOnly(path: string): string {
    return path.split('?')[0] ?? path;
  }

  private async request(path: string): Promise<{ json: unknown; headers: Headers }> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        headers: { Authorization: this.auth, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const timeout = (e as Error).name === 'TimeoutError';
      throw new AppError(
        'retryable',
        timeout ? 'woocommerce_timeout' : 'woocommerce_unreachable',
        timeout
          ? `WooCommerce did not answer ${this.pathOnly(path)} within ${this.timeoutMs} ms.`
          : `WooCommerce at ${new URL(this.base).host} is not reachable (${(e as Error).message}).`,
      );
    }
    const where = `${this.pathOnly(path)}: HTTP ${res.status}`;
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new AppError(
        'connection',
        'woocommerce_auth',
        `WooCommerce refused the REST credentials (${where}); check the consumer key and secret and their read permission.`,
      );
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new AppError('not_found', 'woocommerce_not_found', `WooCommerce has no ${where}.`);
    }
    if (res.status === 429) {
      await res.body?.cancel();
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new AppError('rate_limited', 'woocommerce_rate_limited', `WooCommerce asks to slow down (${where}).`, {
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 5_000,
      });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new AppError(
        res.status >= 500 ? 'retryable' : 'permanent',
        'woocommerce_error',
        `WooCommerce answered ${where}.`,
      );
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw this.badResponse(path, 'invalid JSON');
    }
    return { json, headers: res.headers };
  }
}
