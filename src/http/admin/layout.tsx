import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { adminAssets } from './assets.js';
import { Banner, BrandMark, CsrfField, NavItem } from './components.js';
import { languageSwitchUrl, type PageContext } from './page-context.js';
import { CSRF_HEADER } from './security.middleware.js';

// The frame of every admin page: header with navigation, shop switch, Testmodus badge, language and sign-out;
// the connection banners; the live region for row updates. No inline script or style (strict CSP): htmx is
// configured through its meta tag and the CSRF header through hx-headers.

export type NavKey = 'documents' | 'queue' | 'settings';

/** Switching the shop keeps the screen (list, queue, a settings tab); a document of the old shop leads to the list. */
function shopSwitchTarget(page: PageContext): string {
  const path = new URL(page.currentUrl, 'http://x').pathname;
  return /^\/admin\/documents\/[^/]+/.test(path) ? '/admin/documents' : path;
}

const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  defaultSwapStyle: 'outerHTML',
});

export const Document: FC<PropsWithChildren<{ page: PageContext; title: string; bodyClass?: string }>> = ({
  page,
  title,
  bodyClass,
  children,
}) => {
  const assets = adminAssets();
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={page.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <meta name="referrer" content="same-origin" />
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <title>{`${title} · ${page.t.common.appName}`}</title>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={assets.css.path} />
          <script src={assets.htmx.path} defer></script>
          <script src={assets.js.path} defer></script>
        </head>
        <body
          class={bodyClass}
          hx-headers={page.csrfToken ? JSON.stringify({ [CSRF_HEADER]: page.csrfToken }) : undefined}
        >
          {children}
        </body>
      </html>
    </>
  );
};

export const Layout: FC<
  PropsWithChildren<{ page: PageContext; title: string; nav?: NavKey; notice?: Child; wide?: boolean }>
> = ({ page, title, nav, notice, children }) => {
  const { t } = page;
  const navItem = (key: NavKey, href: string, label: string) => (
    <NavItem href={href} current={nav === key} label={label} />
  );
  return (
    <Document page={page} title={title}>
      <a class="skip-link" href="#main">
        {t.common.skipToContent}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="/admin/documents">
            <BrandMark />
            {t.common.appName}
          </a>
          <nav class="mainnav" aria-label={t.nav.main}>
            <ul>
              {navItem('documents', '/admin/documents', t.nav.documents)}
              {navItem('queue', '/admin/queue', t.nav.queue)}
              {navItem('settings', '/admin/settings', t.nav.settings)}
            </ul>
          </nav>
          <div class="topbar-tools">
            {page.connection?.sandbox ? (
              <span class="badge-test" title={t.common.testModeHint}>
                {t.common.testMode}
              </span>
            ) : null}
            {page.shops.length > 1 ? (
              <form class="shop-switch" method="get" action={shopSwitchTarget(page)}>
                <label class="visually-hidden" for="shop-switch">
                  {t.common.switchShop}
                </label>
                <select id="shop-switch" name="shop" data-autosubmit>
                  {page.shops.map((s) => (
                    <option value={s.id} selected={s.id === page.shop?.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
                <button type="submit" class="btn-secondary">
                  {t.common.switch}
                </button>
              </form>
            ) : page.shop ? (
              <span>{page.shop.name}</span>
            ) : null}
            <a
              href={languageSwitchUrl(page)}
              lang={page.locale === 'de' ? 'en' : 'de'}
              aria-label={t.common.switchToLabel}
            >
              {t.common.switchTo}
            </a>
            {page.user ? <span class="user-email">{page.user.email}</span> : null}
            <form method="post" action="/admin/logout">
              <CsrfField token={page.csrfToken} />
              <button
                type="submit"
                class="linklike"
                title={page.user ? t.common.loggedInAs(page.user.email) : undefined}
              >
                {t.nav.logout}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" tabindex={-1}>
        {page.problems.map((p) => (
          <Banner tone={p.state === 'invalid' ? 'danger' : 'warn'} role="alert">
            <strong>
              {p.state === 'invalid'
                ? t.banner.connectionInvalid(p.shop.name)
                : t.banner.connectionUnreachable(p.shop.name)}
            </strong>
            <p>
              {p.state === 'invalid' ? t.banner.connectionInvalidFix : t.banner.connectionUnreachableFix}{' '}
              <a href={`/admin/settings/sevdesk?shop=${encodeURIComponent(p.shop.id)}`}>{t.banner.fixLink}</a>
            </p>
          </Banner>
        ))}
        {notice ?? null}
        {children}
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
      </main>
    </Document>
  );
};

/** The "Testmodus" explanation shown on pages that send or show sevDesk data. */
export const TestModeBanner: FC<{ page: PageContext }> = ({ page }) =>
  page.connection?.sandbox ? (
    <Banner tone="test">
      <strong>{page.t.common.testMode}</strong>
      <p>{page.t.common.testModeHint}</p>
    </Banner>
  ) : null;
