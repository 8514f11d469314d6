import type { FC } from 'hono/jsx';
import { CheckFields, type FieldErrors, Fieldset, TextField } from '../components.js';
import type { PageContext } from '../page-context.js';
import { SettingsForm, SettingsPage } from '../partials/settings-page.partial.js';

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
  const s = t.settings;
  return (
    <SettingsPage
      page={page}
      tab="shop"
      tabLabel={s.tabShop}
      notice={saved ? t.common.saved : null}
      errors={errors}
      headAction={
        <a class="btn btn-secondary" href="/admin/shops/new" id="new-shop-link">
          {s.newShop}
        </a>
      }
    >
      {page.shop ? (
        <SettingsForm page={page} action="/admin/settings/shop" submit={s.saveShop}>
          <Fieldset legend={s.shopSection}>
            <TextField name="name" label={s.shopName} value={form.name} errors={errors} required />
          </Fieldset>
          <Fieldset legend={s.numbering} hint={s.numberingHint}>
            <div class="grid-2">
              <TextField name="numbering.invoice" label={s.invoiceFormat} value={form.invoiceFormat} errors={errors} />
              <TextField
                name="numbering.cancellation"
                label={s.cancellationFormat}
                value={form.cancellationFormat}
                errors={errors}
              />
            </div>
          </Fieldset>
          <Fieldset legend={s.tax}>
            <CheckFields
              errors={errors}
              fields={[
                {
                  name: 'tax.smallBusiness',
                  label: s.smallBusiness,
                  hint: s.smallBusinessHint,
                  checked: form.smallBusiness,
                },
                { name: 'tax.ossRegistered', label: s.ossRegistered, hint: s.ossHint, checked: form.ossRegistered },
              ]}
            />
          </Fieldset>
          <Fieldset legend={s.documents}>
            <CheckFields
              errors={errors}
              fields={[
                { name: 'documents.autoFinalize', label: s.autoFinalize, checked: form.autoFinalize },
                { name: 'documents.eInvoices', label: s.eInvoices, hint: s.eInvoicesHint, checked: form.eInvoices },
                { name: 'documents.xrechnung', label: s.xrechnung, hint: s.xrechnungHint, checked: form.xrechnung },
              ]}
            />
          </Fieldset>
        </SettingsForm>
      ) : null}
    </SettingsPage>
  );
};
