import type { FC } from 'hono/jsx';
import { Banner, CsrfField, type FieldErrors, TextField } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export interface NewShopForm {
  name: string;
  legalName: string;
  street: string;
  zip: string;
  city: string;
  country: string;
  vatId: string;
  taxNumber: string;
  email: string;
}

export const emptyNewShopForm: NewShopForm = {
  name: '',
  legalName: '',
  street: '',
  zip: '',
  city: '',
  country: 'DE',
  vatId: '',
  taxNumber: '',
  email: '',
};

/** What the operator sees once, right after creating the shop; nothing of it can be shown again. */
export interface CreatedShopSecrets {
  shopId: string;
  name: string;
  webhookUrl: string;
  webhookSecret: string;
  apiKey: string;
}

export const NewShopPage: FC<{
  page: PageContext;
  form: NewShopForm;
  errors?: FieldErrors;
  created?: CreatedShopSecrets;
}> = ({ page, form, errors, created }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t.settings.newShopTitle} nav="settings">
      <div class="page-head">
        <h1>{t.settings.newShopTitle}</h1>
      </div>
      {created ? (
        <section class="card" id="shop-created" aria-labelledby="shop-created-title">
          <Banner tone="ok" role="status">
            <span id="shop-created-title">{t.settings.shopCreated}</span> {created.name}
          </Banner>
          <p>{t.settings.shopCreatedSecrets}</p>
          <h3>{t.settings.webhookUrl}</h3>
          <p class="mono" id="new-shop-webhook-url">
            {created.webhookUrl}
          </p>
          <h3>{t.settings.webhookSecret}</h3>
          <p class="secret-once mono" id="new-shop-webhook-secret">
            {created.webhookSecret}
          </p>
          <h3>{t.settings.apiKey}</h3>
          <p class="secret-once mono" id="new-shop-api-key">
            {created.apiKey}
          </p>
          <p>
            <a class="btn" href={`/admin/settings/woocommerce?shop=${encodeURIComponent(created.shopId)}`}>
              {t.settings.toShopSettings}
            </a>
          </p>
        </section>
      ) : (
        <>
          {errors && errors.size > 0 ? (
            <Banner tone="danger" role="alert">
              {t.common.fixErrors}
            </Banner>
          ) : null}
          <form method="post" action="/admin/shops" class="card" novalidate id="new-shop-form">
            <CsrfField token={page.csrfToken} />
            <p class="hint">{t.settings.newShopHint}</p>
            <fieldset>
              <legend>{t.settings.shopSection}</legend>
              <TextField name="name" label={t.settings.shopName} value={form.name} errors={errors} required />
            </fieldset>
            <fieldset>
              <legend>{t.settings.sellerSection}</legend>
              <TextField
                name="seller.legalName"
                label={t.settings.legalName}
                value={form.legalName}
                errors={errors}
                required
              />
              <TextField
                name="seller.address.street"
                label={t.settings.street}
                value={form.street}
                errors={errors}
                required
              />
              <div class="grid-2">
                <TextField name="seller.address.zip" label={t.settings.zip} value={form.zip} errors={errors} required />
                <TextField
                  name="seller.address.city"
                  label={t.settings.city}
                  value={form.city}
                  errors={errors}
                  required
                />
              </div>
              <TextField
                name="seller.address.country"
                label={t.settings.country}
                value={form.country}
                errors={errors}
                required
              />
              <div class="grid-2">
                <TextField name="seller.vatId" label={t.settings.vatId} value={form.vatId} errors={errors} />
                <TextField
                  name="seller.taxNumber"
                  label={t.settings.taxNumber}
                  value={form.taxNumber}
                  errors={errors}
                />
              </div>
              <TextField name="seller.email" label={t.settings.email} value={form.email} errors={errors} type="email" />
            </fieldset>
            <div class="actions-row">
              <button type="submit">{t.settings.createShop}</button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
};
