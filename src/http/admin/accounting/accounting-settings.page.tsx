import type { FC } from 'hono/jsx';
import type { AvailableAccounts } from '../../../app/accounting/available-accounts.js';
import { TAX_CASE_KEYS } from '../../../domain/accounting/accounting-settings.js';
import { PRODUCT_TYPES } from '../../../domain/documents/document.js';
import { Banner, CheckField, CsrfField, type FieldErrors, SelectField, ShopField, TextField } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { SettingsTabs } from '../partials/settings-tabs.partial.js';
import {
  type AccountingForm,
  CASE_COLUMNS,
  type CaseColumn,
  cellName,
  cellValue,
  EXTRA_PRODUCT_ROWS,
  type LevelsForm,
} from './accounting-form.js';
import { type AccountingTexts, accountingTexts } from './accounting-i18n.js';

// Settings › Accounting: revenue accounts per tax case × product type / shipping / fees, Erlösminderung accounts
// for cancellations, per-product accounts, cost centre, voucher date / description / remark, product types and the
// shop-wide dry run. Each account select offers only what the connected account's ReceiptGuidance allows there.

export interface AccountingPageData {
  form: AccountingForm;
  available: AvailableAccounts;
  paymentMethods: { id: string; title: string }[];
  smallBusiness: boolean;
}

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

type Option = { value: string; label: string };

/** One select in a table cell: labelled for screen readers, its error linked to it. */
const CellSelect: FC<{
  name: string;
  path: string;
  label: string;
  value: string;
  options: Option[] | null;
  errors?: FieldErrors | undefined;
}> = (p) => {
  const id = fieldId(p.name);
  const error = p.errors?.get(p.path);
  const common = {
    id,
    name: p.name,
    'aria-label': p.label,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  const options = p.options ? [...p.options] : null;
  if (options && p.value && !options.some((o) => o.value === p.value)) options.push({ value: p.value, label: p.value });
  return (
    <td>
      {options ? (
        <select {...common}>
          {options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type="text" inputmode="numeric" size={6} value={p.value} />
      )}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </td>
  );
};

const AccountTable: FC<{
  group: 'rev' | 'can';
  levels: LevelsForm;
  keys: readonly string[];
  optionsFor: (key: string) => Option[] | null;
  x: AccountingTexts;
  errors?: FieldErrors | undefined;
}> = ({ group, levels, keys, optionsFor, x, errors }) => (
  <div class="table-wrap">
    <table class="data accounting-table">
      <thead>
        <tr>
          <th scope="col">{x.taxCase}</th>
          {CASE_COLUMNS.map((c) => (
            <th scope="col">{x.columns[c]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr>
            <th scope="row">
              {x.cases[key] ?? key} <span class="mono muted">{key}</span>
            </th>
            {CASE_COLUMNS.map((column: CaseColumn) => {
              const { name, path } = cellName(group, column, key);
              return (
                <CellSelect
                  name={name}
                  path={path}
                  label={`${x.cases[key] ?? key} · ${x.columns[column]}`}
                  value={cellValue(levels, column, key)}
                  options={optionsFor(key)}
                  errors={errors}
                />
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const AccountingSettingsPage: FC<{
  page: PageContext;
  data: AccountingPageData | null;
  errors?: FieldErrors;
  notice?: string | null;
}> = ({ page, data, errors, notice }) => {
  const { t } = page;
  const x = accountingTexts(page.locale);
  const keys: string[] = data?.smallBusiness ? ['11', '*'] : [...TAX_CASE_KEYS.filter((k) => k !== '11'), '*'];
  const accounts = data?.available.revenueAccounts ?? [];
  const connected = (data?.available.connected ?? false) && accounts.length > 0;
  const optionsFor = (key: string): Option[] | null => {
    if (!connected) return null;
    const wanted = key === '*' ? keys.filter((k) => k !== '*') : [key];
    return [
      { value: '', label: x.automatic },
      ...accounts
        .filter((a) => wanted.every((k) => a.taxCases.includes(k)))
        .map((a) => ({ value: a.accountNumber, label: `${a.accountNumber} ${a.accountName}` })),
    ];
  };
  const allAccounts: Option[] | null = connected
    ? [
        { value: '', label: '—' },
        ...accounts.map((a) => ({ value: a.accountNumber, label: `${a.accountNumber} ${a.accountName}` })),
      ]
    : null;
  const centres = data?.available.costCentres ?? [];
  const centreOptions: Option[] = [
    { value: '', label: x.none },
    ...centres.map((c) => ({ value: c.id, label: `${c.number ? `${c.number} ` : ''}${c.name}` })),
  ];
  const CentreField: FC<{ name: string; label: string; value: string; path: string }> = (p) =>
    centres.length > 0 ? (
      <SelectField
        name={p.name}
        label={p.label}
        value={p.value}
        options={centreOptions}
        path={p.path}
        errors={errors}
      />
    ) : (
      <TextField name={p.name} label={p.label} value={p.value} path={p.path} errors={errors} />
    );
  const typeOptions = PRODUCT_TYPES.map((v) => ({ value: v, label: x.types[v] ?? v }));
  const form = data?.form;
  const productRows = form
    ? [...form.products, ...Array.from({ length: EXTRA_PRODUCT_ROWS }, () => ({ key: '', taxCase: '', account: '' }))]
    : [];
  return (
    <Layout page={page} title={`${t.settings.title} · ${x.tab}`} nav="settings">
      <div class="page-head">
        <h1>{t.settings.title}</h1>
      </div>
      <SettingsTabs t={t} active="accounting" />
      {!page.shop ? <Banner tone="info">{t.common.noShop}</Banner> : null}
      {notice ? (
        <Banner tone="ok" role="status">
          {notice}
        </Banner>
      ) : null}
      {errors && errors.size > 0 ? (
        <Banner tone="danger" role="alert">
          {x.fixErrors}
        </Banner>
      ) : null}
      {page.shop && data && form ? (
        <form method="post" action="/admin/settings/accounting" class="card" novalidate aria-labelledby="acc-title">
          <h2 id="acc-title">{x.title}</h2>
          <p class="hint">{x.intro}</p>
          {!connected ? <Banner tone="info">{data.available.note?.[page.locale] ?? x.notConnected}</Banner> : null}
          <CsrfField token={page.csrfToken} />
          <ShopField shopId={page.shop.id} />

          <fieldset>
            <legend>{x.revenue}</legend>
            <p class="hint">{x.revenueHint}</p>
            <AccountTable group="rev" levels={form.revenue} keys={keys} optionsFor={optionsFor} x={x} errors={errors} />
          </fieldset>

          <fieldset>
            <legend>{x.cancellations}</legend>
            <p class="hint">{x.cancellationsHint}</p>
            <AccountTable
              group="can"
              levels={form.cancellation}
              keys={keys}
              optionsFor={optionsFor}
              x={x}
              errors={errors}
            />
          </fieldset>

          <fieldset>
            <legend>{x.perProduct}</legend>
            <p class="hint">{x.perProductHint}</p>
            <div class="table-wrap">
              <table class="data accounting-table">
                <thead>
                  <tr>
                    <th scope="col">{x.productKey}</th>
                    <th scope="col">{x.taxCase}</th>
                    <th scope="col">{x.account}</th>
                  </tr>
                </thead>
                <tbody>
                  {productRows.map((row, i) => {
                    const error = errors?.get(`prod.${i}`);
                    const id = fieldId(`prod.${i}.key`);
                    return (
                      <tr>
                        <td>
                          <input
                            id={id}
                            name={`prod.${i}.key`}
                            type="text"
                            value={row.key}
                            aria-label={`${x.productKey} ${i + 1}`}
                            aria-invalid={error ? 'true' : undefined}
                            aria-describedby={error ? `${id}-error` : undefined}
                          />
                          {error ? (
                            <p class="field-error" id={`${id}-error`}>
                              {error}
                            </p>
                          ) : null}
                        </td>
                        <td>
                          <select name={`prod.${i}.case`} aria-label={`${x.taxCase} ${i + 1}`}>
                            {keys.map((k) => (
                              <option value={k} selected={(row.taxCase || '*') === k}>
                                {x.cases[k] ?? k}
                              </option>
                            ))}
                          </select>
                        </td>
                        {allAccounts ? (
                          <td>
                            <select name={`prod.${i}.account`} aria-label={`${x.account} ${i + 1}`}>
                              {[
                                ...allAccounts,
                                ...(row.account && !allAccounts.some((o) => o.value === row.account)
                                  ? [{ value: row.account, label: row.account }]
                                  : []),
                              ].map((o) => (
                                <option value={o.value} selected={o.value === row.account}>
                                  {o.label}
                                </option>
                              ))}
                            </select>
                          </td>
                        ) : (
                          <td>
                            <input
                              name={`prod.${i}.account`}
                              type="text"
                              inputmode="numeric"
                              size={6}
                              value={row.account}
                              aria-label={`${x.account} ${i + 1}`}
                            />
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </fieldset>

          <fieldset>
            <legend>{x.costCentre}</legend>
            <p class="hint">{x.costCentreHint}</p>
            <CentreField
              name="costCentre.default"
              label={x.costCentreDefault}
              value={form.costCentre.default}
              path="costCentre.default"
            />
            {data.paymentMethods.length > 0 ? <h3>{x.byPaymentMethod}</h3> : null}
            <div class="grid-2">
              {data.paymentMethods.map((pm) => (
                <CentreField
                  name={`cc.pm.${pm.id}`}
                  label={pm.title === pm.id ? pm.id : `${pm.title} (${pm.id})`}
                  value={form.costCentre.byPaymentMethod[pm.id] ?? ''}
                  path={`costCentre.byPaymentMethod.${pm.id}`}
                />
              ))}
            </div>
            <h3>{x.byProductType}</h3>
            <div class="grid-2">
              {PRODUCT_TYPES.map((type) => (
                <CentreField
                  name={`cc.type.${type}`}
                  label={x.types[type] ?? type}
                  value={form.costCentre.byProductType[type] ?? ''}
                  path={`costCentre.byProductType.${type}`}
                />
              ))}
            </div>
          </fieldset>

          <fieldset>
            <legend>{x.voucher}</legend>
            <SelectField
              name="voucher.date"
              label={x.voucherDate}
              value={form.voucher.date}
              options={['invoice_date', 'order_date'].map((v) => ({ value: v, label: x.dateModes[v] ?? v }))}
              errors={errors}
            />
            <div class="grid-2">
              <TextField
                name="voucher.description.invoice"
                label={x.descriptionInvoice}
                value={form.voucher.invoice}
                errors={errors}
              />
              <TextField
                name="voucher.description.cancellation"
                label={x.descriptionCancellation}
                value={form.voucher.cancellation}
                errors={errors}
              />
            </div>
            <p class="hint">{x.descriptionHint}</p>
            <CheckField name="voucher.remark" label={x.remark} checked={form.voucher.remark} errors={errors} />
          </fieldset>

          <fieldset>
            <legend>{x.productTypes}</legend>
            <p class="hint">{x.productTypesHint}</p>
            <SelectField
              name="productTypes.default"
              label={x.productTypeDefault}
              value={form.productTypes.default}
              options={typeOptions}
              errors={errors}
            />
            <div class="grid-2">
              {(['byCategory', 'byTaxClass'] as const).map((k) => {
                const name = `productTypes.${k}`;
                const id = fieldId(name);
                const error = errors?.get(name);
                return (
                  <div class="field">
                    <label for={id}>{x[k]}</label>
                    <textarea
                      id={id}
                      name={name}
                      rows={4}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                    >
                      {form.productTypes[k]}
                    </textarea>
                    {error ? (
                      <p class="field-error" id={`${id}-error`}>
                        {error}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>

          <fieldset>
            <legend>{x.dryRunMode}</legend>
            <CheckField
              name="dryRun"
              label={x.dryRunMode}
              hint={x.dryRunModeHint}
              checked={form.dryRun}
              errors={errors}
            />
            <p class="hint">
              <a href="/admin/settings/sevdesk">{x.contactsHint}</a>
            </p>
          </fieldset>

          <div class="actions-row">
            <button type="submit">{x.save}</button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
};
