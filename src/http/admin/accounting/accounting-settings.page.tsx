import type { FC } from 'hono/jsx';
import type { AvailableAccounts } from '../../../app/accounting/available-accounts.js';
import { TAX_CASE_KEYS } from '../../../domain/accounting/accounting-settings.js';
import { PRODUCT_TYPES } from '../../../domain/documents/document.js';
import {
  Banner,
  CheckField,
  ChoiceField,
  FieldError,
  type FieldErrors,
  Fieldset,
  fieldState,
  type Option,
  Options,
  paymentMethodLabel,
  SelectField,
  TextAreaField,
  TextField,
} from '../components.js';
import type { PageContext } from '../page-context.js';
import { SettingsForm, SettingsPage } from '../partials/settings-page.partial.js';
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

/** A select offering the current value too, even when it is no longer among the choices. */
const withCurrent = (options: readonly Option[], value: string): readonly Option[] =>
  value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;

/** One select in a table cell: labelled for screen readers, its error linked to it. */
const CellSelect: FC<{
  name: string;
  path: string;
  label: string;
  value: string;
  options: Option[] | null;
  errors?: FieldErrors | undefined;
}> = (p) => {
  const { id, error, aria } = fieldState(p);
  const common = { id, name: p.name, 'aria-label': p.label, ...aria };
  return (
    <td>
      {p.options ? (
        <select {...common}>
          <Options options={withCurrent(p.options, p.value)} selected={p.value} />
        </select>
      ) : (
        <input {...common} type="text" inputmode="numeric" size={6} value={p.value} />
      )}
      <FieldError id={id} error={error} />
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
  const CentreField: FC<{ name: string; label: string; value: string; path: string }> = (p) => (
    <ChoiceField {...p} options={centres.length > 0 ? centreOptions : null} errors={errors} />
  );
  const typeOptions = PRODUCT_TYPES.map((v) => ({ value: v, label: x.types[v] ?? v }));
  const caseOptions = keys.map((k) => ({ value: k, label: x.cases[k] ?? k }));
  const form = data?.form;
  const productRows = form
    ? [...form.products, ...Array.from({ length: EXTRA_PRODUCT_ROWS }, () => ({ key: '', taxCase: '', account: '' }))]
    : [];
  return (
    <SettingsPage page={page} tab="accounting" tabLabel={x.tab} notice={notice} errors={errors} fixErrors={x.fixErrors}>
      {page.shop && data && form ? (
        <SettingsForm
          page={page}
          action="/admin/settings/accounting"
          submit={x.save}
          title={{ id: 'acc-title', text: x.title }}
          intro={
            <>
              <p class="hint">{x.intro}</p>
              {!connected ? <Banner tone="info">{data.available.note?.[page.locale] ?? x.notConnected}</Banner> : null}
            </>
          }
        >
          <Fieldset legend={x.revenue} hint={x.revenueHint}>
            <AccountTable group="rev" levels={form.revenue} keys={keys} optionsFor={optionsFor} x={x} errors={errors} />
          </Fieldset>

          <Fieldset legend={x.cancellations} hint={x.cancellationsHint}>
            <AccountTable
              group="can"
              levels={form.cancellation}
              keys={keys}
              optionsFor={optionsFor}
              x={x}
              errors={errors}
            />
          </Fieldset>

          <Fieldset legend={x.perProduct} hint={x.perProductHint}>
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
                    const { id, error, aria } = fieldState({ name: `prod.${i}.key`, path: `prod.${i}`, errors });
                    const accountLabel = `${x.account} ${i + 1}`;
                    return (
                      <tr>
                        <td>
                          <input
                            id={id}
                            name={`prod.${i}.key`}
                            type="text"
                            value={row.key}
                            aria-label={`${x.productKey} ${i + 1}`}
                            {...aria}
                          />
                          <FieldError id={id} error={error} />
                        </td>
                        <td>
                          <select name={`prod.${i}.case`} aria-label={`${x.taxCase} ${i + 1}`}>
                            <Options options={caseOptions} selected={row.taxCase || '*'} />
                          </select>
                        </td>
                        <td>
                          {allAccounts ? (
                            <select name={`prod.${i}.account`} aria-label={accountLabel}>
                              <Options options={withCurrent(allAccounts, row.account)} selected={row.account} />
                            </select>
                          ) : (
                            <input
                              name={`prod.${i}.account`}
                              type="text"
                              inputmode="numeric"
                              size={6}
                              value={row.account}
                              aria-label={accountLabel}
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Fieldset>

          <Fieldset legend={x.costCentre} hint={x.costCentreHint}>
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
                  label={paymentMethodLabel(pm)}
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
          </Fieldset>

          <Fieldset legend={x.voucher}>
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
          </Fieldset>

          <Fieldset legend={x.productTypes} hint={x.productTypesHint}>
            <SelectField
              name="productTypes.default"
              label={x.productTypeDefault}
              value={form.productTypes.default}
              options={typeOptions}
              errors={errors}
            />
            <div class="grid-2">
              {(['byCategory', 'byTaxClass'] as const).map((k) => (
                <TextAreaField
                  name={`productTypes.${k}`}
                  label={x[k]}
                  value={form.productTypes[k]}
                  rows={4}
                  errors={errors}
                />
              ))}
            </div>
          </Fieldset>

          <Fieldset legend={x.dryRunMode}>
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
          </Fieldset>
        </SettingsForm>
      ) : null}
    </SettingsPage>
  );
};
