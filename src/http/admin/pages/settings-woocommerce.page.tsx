import type { FC } from 'hono/jsx';
import { ActionForm, type FieldErrors, TextField } from '../components.js';
import type { PageContext } from '../page-context.js';
import { SettingsForm, SettingsPage } from '../partials/settings-page.partial.js';

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
  const s = t.settings;
  return (
    <SettingsPage page={page} tab="woocommerce" tabLabel={s.tabWoo} notice={notice} errors={errors}>
      {shop ? (
        <>
          <section class="card" aria-labelledby="woo-webhook">
            <h2 id="woo-webhook">{s.wooSection}</h2>
            <div class="field">
              <label for="webhook-url">{s.webhookUrl}</label>
              <input
                id="webhook-url"
                type="text"
                readonly
                value={webhookUrl ?? ''}
                aria-describedby="webhook-url-hint"
              />
              <p class="hint" id="webhook-url-hint">
                {s.webhookUrlHint}
              </p>
            </div>
            <h3>{s.webhookSecret}</h3>
            {newSecret ? (
              <div role="status">
                <p>{s.webhookSecretNew}</p>
                <p class="secret-once mono" id="new-webhook-secret">
                  {newSecret}
                </p>
              </div>
            ) : (
              <p class="muted">{shop.hasWebhookSecret ? s.webhookSecretStored : s.webhookSecretNone}</p>
            )}
            <ActionForm
              action="/admin/settings/woocommerce/rotate-secret"
              csrfToken={page.csrfToken}
              shopId={shop.id}
              confirm={s.rotateSecretWarning}
              buttonClass="btn-secondary"
              button={s.rotateSecret}
            >
              <p class="hint">{s.rotateSecretWarning}</p>
            </ActionForm>
          </section>
          <SettingsForm
            page={page}
            action="/admin/settings/woocommerce/keys"
            submit={s.saveRestKeys}
            title={{ id: 'woo-keys', text: s.restKeys }}
            intro={
              <>
                <p class="hint">{s.restKeysHint}</p>
                {hasKeys ? <p class="muted">{s.restKeysStored}</p> : null}
              </>
            }
          >
            <TextField name="url" type="url" label={s.shopUrl} value={url ?? shop.wooUrl} errors={errors} />
            <div class="grid-2">
              {(['consumerKey', 'consumerSecret'] as const).map((name) => (
                <TextField name={name} type="password" label={s[name]} errors={errors} autocomplete="off" />
              ))}
            </div>
          </SettingsForm>
        </>
      ) : null}
    </SettingsPage>
  );
};
