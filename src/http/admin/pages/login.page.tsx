import type { FC } from 'hono/jsx';
import { BrandMark } from '../components.js';
import { Document } from '../layout.js';
import { languageSwitchUrl, type PageContext } from '../page-context.js';

/** Both fields point to the one error above the form: it does not say which of the two was wrong. */
const LoginField: FC<{ name: 'email' | 'password'; type: string; label: string; value?: string; failed: boolean }> = (
  p,
) => (
  <div class="field">
    <label for={`login-${p.name}`}>{p.label}</label>
    <input
      id={`login-${p.name}`}
      name={p.name}
      type={p.type}
      autocomplete={p.name === 'email' ? 'username' : 'current-password'}
      required
      value={p.value}
      aria-invalid={p.failed ? 'true' : undefined}
      aria-describedby={p.failed ? 'login-error' : undefined}
    />
  </div>
);

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
            <LoginField name="email" type="email" label={t.login.email} value={email ?? ''} failed={Boolean(error)} />
            <LoginField name="password" type="password" label={t.login.password} failed={Boolean(error)} />
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
