import type { FC } from 'hono/jsx';
import { Banner, CheckField, CsrfField, type FieldErrors, TextField, ShopField } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { SettingsTabs } from '../partials/settings-tabs.partial.js';

export interface ShopForm {
  name: string;
  invoiceFormat: string;
  cancellationFormat: string;
  smallBusiness: boolean;
  ossRegistered: boolean;
  autoFinalize: boolean;
  eInvoices: boolean;
  xrechnung: boolean;
}

export const SettingsShopPage: FC<{
  page: PageContext;
  form: ShopForm;
  errors?: FieldErrors;
  saved?: boolean;
}> = ({ page, form, errors, saved }) => {
  const { t } = page;
  return (
    <Layout page={page} title={`${t.settings.title} · ${t.settings.tabShop}`} nav="settings">
      <div class="page-head">
        <h1>{t.settings.title}</h1>
        <a class="btn btn-secondary" href="/admin/shops/new" id="new-shop-link">
          {t.settings.newShop}
        </a>
      </div>
      <SettingsTabs t={t} active="shop" />
      {!page.shop ? <Banner tone="info">{t.common.noShop}</Banner> : null}
      {saved ? (
        <Banner tone="ok" role="status">
          {t.common.saved}
        </Banner>
      ) : null}
      {errors && errors.size > 0 ? (
        <Banner tone="danger" role="alert">
          {t.common.fixErrors}
        </Banner>
      ) : null}
      {page.shop ? (
        <form method="post" action="/admin/settings/shop" class="card" novalidate>
          <CsrfField token={page.csrfToken} />
          <ShopField shopId={page.shop?.id} />
          <fieldset>
            <legend>{t.settings.shopSection}</legend>
            <TextField name="name" label={t.settings.shopName} value={form.name} errors={errors} required />
          </fieldset>
          <fieldset>
            <legend>{t.settings.numbering}</legend>
            <p class="hint">{t.settings.numberingHint}</p>
            <div class="grid-2">
              <TextField
                name="numbering.invoice"
                label={t.settings.invoiceFormat}
                value={form.invoiceFormat}
                errors={errors}
              />
              <TextField
                name="numbering.cancellation"
                label={t.settings.cancellationFormat}
                value={form.cancellationFormat}
                errors={errors}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t.settings.tax}</legend>
            <CheckField
              name="tax.smallBusiness"
              label={t.settings.smallBusiness}
              hint={t.settings.smallBusinessHint}
              checked={form.smallBusiness}
              errors={errors}
            />
            <CheckField
              name="tax.ossRegistered"
              label={t.settings.ossRegistered}
              hint={t.settings.ossHint}
              checked={form.ossRegistered}
              errors={errors}
            />
          </fieldset>
          <fieldset>
            <legend>{t.settings.documents}</legend>
            <CheckField
              name="documents.autoFinalize"
              label={t.settings.autoFinalize}
              checked={form.autoFinalize}
              errors={errors}
            />
            <CheckField
              name="documents.eInvoices"
              label={t.settings.eInvoices}
              hint={t.settings.eInvoicesHint}
              checked={form.eInvoices}
              errors={errors}
            />
            <CheckField
              name="documents.xrechnung"
              label={t.settings.xrechnung}
              hint={t.settings.xrechnungHint}
              checked={form.xrechnung}
              errors={errors}
            />
          </fieldset>
          <div class="actions-row">
            <button type="submit">{t.settings.saveShop}</button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
};
