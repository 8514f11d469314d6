import type { FC } from 'hono/jsx';
import { BrandMark } from '../components.js';
import { Document } from '../layout.js';
import { languageSwitchUrl, type PageContext } from '../page-context.js';

export const LoginPage: FC<{
  page: PageContext;
  email?: string;
  next: string;
  error?: string | null;
  notice?: string | null;
}> = ({ page, email, next, error, notice }) => {
  const { t } = page;
  return (
    <Document page={page} title={t.login.title} bodyClass="login-body">
      <main id="main" class="login-page">
        <div class="login-card">
          <div class="brand">
            <BrandMark />
            {t.common.appName}
          </div>
          <h1>{t.login.title}</h1>
          <p class="muted">{t.login.intro}</p>
          {notice ? (
            <div class="banner banner-ok" role="status">
              {notice}
            </div>
          ) : null}
          {error ? (
            <div class="banner banner-danger" role="alert" id="login-error">
              {error}
            </div>
          ) : null}
          <form method="post" action="/admin/login" novalidate>
            <input type="hidden" name="next" value={next} />
            <div class="field">
              <label for="login-email">{t.login.email}</label>
              <input
                id="login-email"
                name="email"
                type="email"
                autocomplete="username"
                required
                value={email ?? ''}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? 'login-error' : undefined}
              />
            </div>
            <div class="field">
              <label for="login-password">{t.login.password}</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? 'login-error' : undefined}
              />
            </div>
            <button type="submit">{t.login.submit}</button>
          </form>
          <p class="login-lang">
            <a href={languageSwitchUrl(page)} lang={page.locale === 'de' ? 'en' : 'de'}>
              {t.common.switchTo}
            </a>
          </p>
        </div>
      </main>
    </Document>
  );
};
