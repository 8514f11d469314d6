import type { FC } from 'hono/jsx';
import { Banner, type FieldErrors, Fieldset, Outcome, TextField } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { SettingsForm } from '../partials/settings-page.partial.js';

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

/** The seller profile's fields, row by row (two in a row share it). */
const SELLER_ROWS: {
  name: string;
  key: keyof NewShopForm;
  label: 'legalName' | 'street' | 'zip' | 'city' | 'country' | 'vatId' | 'taxNumber' | 'email';
  required?: true;
  type?: 'email';
}[][] = [
  [{ name: 'seller.legalName', key: 'legalName', label: 'legalName', required: true }],
  [{ name: 'seller.address.street', key: 'street', label: 'street', required: true }],
  [
    { name: 'seller.address.zip', key: 'zip', label: 'zip', required: true },
    { name: 'seller.address.city', key: 'city', label: 'city', required: true },
  ],
  [{ name: 'seller.address.country', key: 'country', label: 'country', required: true }],
  [
    { name: 'seller.vatId', key: 'vatId', label: 'vatId' },
    { name: 'seller.taxNumber', key: 'taxNumber', label: 'taxNumber' },
  ],
  [{ name: 'seller.email', key: 'email', label: 'email', type: 'email' }],
];

export const NewShopPage: FC<{
  page: PageContext;
  form: NewShopForm;
  errors?: FieldErrors;
  created?: CreatedShopSecrets;
}> = ({ page, form, errors, created }) => {
  const { t } = page;
  const s = t.settings;
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
          <Outcome problem={errors && errors.size > 0 ? t.common.fixErrors : null} />
          <SettingsForm page={page} action="/admin/shops" submit={s.createShop} id="new-shop-form" forShop={false}>
            <p class="hint">{s.newShopHint}</p>
            <Fieldset legend={s.shopSection}>
              <TextField name="name" label={s.shopName} value={form.name} errors={errors} required />
            </Fieldset>
            <Fieldset legend={s.sellerSection}>
              {SELLER_ROWS.map((row) => {
                const fields = row.map((f) => (
                  <TextField
                    name={f.name}
                    label={s[f.label]}
                    value={form[f.key]}
                    errors={errors}
                    required={f.required}
                    type={f.type}
                  />
                ));
                return row.length > 1 ? <div class="grid-2">{fields}</div> : fields;
              })}
            </Fieldset>
          </SettingsForm>
        </>
      )}
    </Layout>
  );
};
