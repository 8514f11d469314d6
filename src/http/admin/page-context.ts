import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { User } from '../../db/repos/users.repo.js';
import { listShops, type Shop } from '../../db/repos/shops.repo.js';
import type { AdminEnv } from './admin-env.js';
import { type ConnectionView, loadConnectionProblems, loadConnectionView } from './connection-view.js';
import { SHOP_COOKIE, writePreferenceCookie } from './cookies.js';
import type { Messages } from './i18n/de.js';
import { type Formatter, formatterFor, type Locale, messagesFor } from './i18n/index.js';

// Everything a page needs besides its own data: language, the signed-in user, the shops and the selected one,
// and every shop's sevDesk connection (for the banner that appears on every page when one is broken).

export interface PageContext {
  t: Messages;
  fmt: Formatter;
  locale: Locale;
  user: User | null;
  csrfToken: string | null;
  shops: Shop[];
  shop: Shop | null;
  connection: ConnectionView | null;
  /** Connections that need the operator (invalid or unreachable), over all shops. */
  problems: { shop: Shop; state: 'invalid' | 'unreachable' }[];
  /** Path and query of this request, for the language switch. */
  currentUrl: string;
  requestId: string;
}

/**
 * The page the user is on: this URL for a GET; for a form post answered with a page (validation errors) the page
 * the form came from, so the language switch and the shop switch lead to a page that exists.
 */
function pageUrl(c: Context<AdminEnv>): string {
  const url = new URL(c.req.url);
  if (c.req.method === 'GET') return url.pathname + url.search;
  try {
    const referer = new URL(c.req.header('referer') ?? '');
    if (referer.host === url.host && referer.pathname.startsWith('/admin/')) return referer.pathname + referer.search;
  } catch {
    // no usable referer
  }
  return '/admin/documents';
}

/** The shop a request is about: ?shop=… on a page, or the hidden "shop" field of a form. */
async function requestedShopId(c: Context<AdminEnv>): Promise<string | undefined> {
  const fromQuery = c.req.query('shop');
  if (fromQuery || c.req.method !== 'POST') return fromQuery;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return undefined;
  const value = (await c.req.parseBody()).shop;
  return typeof value === 'string' ? value : undefined;
}

export function basicPageContext(c: Context<AdminEnv>): PageContext {
  const locale = c.get('locale') ?? 'de';
  return {
    t: messagesFor(locale),
    fmt: formatterFor(locale),
    locale,
    user: null,
    csrfToken: null,
    shops: [],
    shop: null,
    connection: null,
    problems: [],
    currentUrl: pageUrl(c),
    requestId: c.get('requestId') ?? '',
  };
}

export async function pageContext(c: Context<AdminEnv>): Promise<PageContext> {
  const base = basicPageContext(c);
  const ctx = c.get('ctx');
  const session = c.get('session');
  const shops = await listShops(ctx.db);
  const requested = await requestedShopId(c);
  let shop = requested ? (shops.find((s) => s.id === requested) ?? null) : null;
  if (shop && c.req.method === 'GET') writePreferenceCookie(c, SHOP_COOKIE, shop.id);
  shop ??= shops.find((s) => s.id === getCookie(c, SHOP_COOKIE)) ?? shops[0] ?? null;
  const [connection, problemRows] = await Promise.all([
    shop ? loadConnectionView(ctx.db, shop.id) : null,
    loadConnectionProblems(ctx.db),
  ]);
  const problems = problemRows.flatMap((p) => {
    const s = shops.find((x) => x.id === p.shopId);
    return s ? [{ shop: s, state: p.state }] : [];
  });
  return {
    ...base,
    user: session?.user ?? null,
    csrfToken: session?.csrfToken ?? null,
    shops,
    shop,
    connection,
    problems,
  };
}

/** A link to the same page in the other language. */
export function languageSwitchUrl(page: PageContext): string {
  const url = new URL(page.currentUrl, 'http://x');
  url.searchParams.set('lang', page.locale === 'de' ? 'en' : 'de');
  return url.pathname + url.search;
}
