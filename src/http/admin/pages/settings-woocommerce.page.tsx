import type { FC } from 'hono/jsx';
import { Banner, CsrfField, type FieldErrors, TextField, ShopField } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { SettingsTabs } from '../partials/settings-tabs.partial.js';

// WooCommerce: the webhook URL and secret to paste into WooCommerce (the secret only right after it was made),
// and the REST keys (write-only: never shown again).

export const SettingsWooPage: FC<{
  page: PageContext;
  webhookUrl: string | null;
  newSecret?: string | null;
  url?: string | null;
  errors?: FieldErrors;
  notice?: string | null;
  hasKeys: boolean;
}> = ({ page, webhookUrl, newSecret, url, errors, notice, hasKeys }) => {
  const { t } = page;
  const shop = page.shop;
  return (
    <Layout page={page} title={`${t.settings.title} · ${t.settings.tabWoo}`} nav="settings">
      <div class="page-head">
        <h1>{t.settings.title}</h1>
      </div>
      <SettingsTabs t={t} active="woocommerce" />
      {!shop ? <Banner tone="info">{t.common.noShop}</Banner> : null}
      {notice ? (
        <Banner tone="ok" role="status">
          {notice}
        </Banner>
      ) : null}
      {errors && errors.size > 0 ? (
        <Banner tone="danger" role="alert">
          {t.common.fixErrors}
        </Banner>
      ) : null}
      {shop ? (
        <>
          <section class="card" aria-labelledby="woo-webhook">
            <h2 id="woo-webhook">{t.settings.wooSection}</h2>
            <div class="field">
              <label for="webhook-url">{t.settings.webhookUrl}</label>
              <input
                id="webhook-url"
                type="text"
                readonly
                value={webhookUrl ?? ''}
                aria-describedby="webhook-url-hint"
              />
              <p class="hint" id="webhook-url-hint">
                {t.settings.webhookUrlHint}
              </p>
            </div>
            <h3>{t.settings.webhookSecret}</h3>
            {newSecret ? (
              <div role="status">
                <p>{t.settings.webhookSecretNew}</p>
                <p class="secret-once mono" id="new-webhook-secret">
                  {newSecret}
                </p>
              </div>
            ) : (
              <p class="muted">
                {shop.hasWebhookSecret ? t.settings.webhookSecretStored : t.settings.webhookSecretNone}
              </p>
            )}
            <form
              method="post"
              action="/admin/settings/woocommerce/rotate-secret"
              data-confirm={t.settings.rotateSecretWarning}
            >
              <CsrfField token={page.csrfToken} />
              <ShopField shopId={page.shop?.id} />
              <button type="submit" class="btn-secondary">
                {t.settings.rotateSecret}
              </button>
              <p class="hint">{t.settings.rotateSecretWarning}</p>
            </form>
          </section>
          <form
            method="post"
            action="/admin/settings/woocommerce/keys"
            class="card"
            novalidate
            aria-labelledby="woo-keys"
          >
            <h2 id="woo-keys">{t.settings.restKeys}</h2>
            <p class="hint">{t.settings.restKeysHint}</p>
            {hasKeys ? <p class="muted">{t.settings.restKeysStored}</p> : null}
            <CsrfField token={page.csrfToken} />
            <ShopField shopId={page.shop?.id} />
            <TextField name="url" type="url" label={t.settings.shopUrl} value={url ?? shop.wooUrl} errors={errors} />
            <div class="grid-2">
              <TextField
                name="consumerKey"
                type="password"
                label={t.settings.consumerKey}
                errors={errors}
                autocomplete="off"
              />
              <TextField
                name="consumerSecret"
                type="password"
                label={t.settings.consumerSecret}
                errors={errors}
                autocomplete="off"
              />
            </div>
            <div class="actions-row">
              <button type="submit">{t.settings.saveRestKeys}</button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
};
