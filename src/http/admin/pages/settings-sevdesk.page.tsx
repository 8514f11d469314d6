import type { FC } from 'hono/jsx';
import type { StatusView } from '../../../app/sevdesk/sevdesk-status.js';
import {
  type CompanyContactMode,
  type GuestContactMode,
  TAX_CASE_KEYS,
} from '../../../domain/accounting/accounting-settings.js';
import {
  ChoiceField,
  ActionForm,
  Badge,
  Banner,
  CheckField,
  CheckFields,
  Fact,
  type FieldErrors,
  Fieldset,
  Outcome,
  paymentMethodLabel,
  SelectField,
  TextField,
} from '../components.js';
import type { PageContext } from '../page-context.js';
import type { PaymentMethod } from '../queries/payment-methods.js';
import { SettingsForm, SettingsPage } from '../partials/settings-page.partial.js';
import type { Tone } from '../sevdesk-state.js';

// sevDesk: connect with the API token, test the connection (with the diagnosis), disconnect; activate the
// interface, automatic transfer, customer sync and number prefix, revenue accounts per tax case, and booking.

export interface SevdeskForm {
  active: boolean;
  autoTransfer: boolean;
  customerSync: boolean;
  customerNumberPrefix: string;
  guestContacts: GuestContactMode;
  collectiveContactName: string;
  companyContacts: CompanyContactMode;
  /** Revenue account per tax case ("1:19" → "4400"); other levels (per product, shipping…) are kept as they are. */
  revenueAccounts: Record<string, string>;
  bookingEnabled: boolean;
  defaultCheckAccountId: string;
  checkAccountByPaymentMethod: Record<string, string>;
  linkTransactions: boolean;
  searchKey: string;
  rematchDays: string;
}

/** The revenue-account keys the transfer understands ("<rule>:<rate %>" or "<rule>"), one per tax case. */
export const REVENUE_KEYS = TAX_CASE_KEYS;

export const SettingsSevdeskPage: FC<{
  page: PageContext;
  status: StatusView | null;
  form: SevdeskForm;
  paymentMethods: PaymentMethod[];
  errors?: FieldErrors;
  connectErrors?: FieldErrors;
  connectMessage?: string | null;
  notice?: string | null;
  tested?: boolean;
  baseUrl: string;
}> = ({ page, status, form, paymentMethods, errors, connectErrors, connectMessage, notice, tested, baseUrl }) => {
  const { t, fmt } = page;
  const conn = page.connection;
  const connected = status?.status === 'connected';
  const stateText =
    conn?.state === 'invalid'
      ? t.settings.invalid
      : conn?.state === 'unreachable'
        ? t.settings.unreachable
        : connected
          ? conn?.sandbox
            ? t.settings.connectedSandbox
            : t.settings.connected
          : t.settings.notConnected;
  const tone: Tone =
    conn?.state === 'invalid' ? 'danger' : conn?.state === 'unreachable' ? 'warn' : connected ? 'ok' : 'neutral';
  const diagnosis = status?.diagnosis;
  const checkAccounts = status?.checkAccounts ?? [];
  const accountOptions = [
    { value: '', label: t.settings.noAccount },
    ...checkAccounts.map((a) => ({
      value: a.id,
      label: `${a.name}${a.accountingNumber ? ` (${a.accountingNumber})` : ''} · ${t.settings.accountTypes[a.type] ?? a.type}`,
    })),
  ];
  const revenueOptions = (key: string) => {
    const rule = Number(key.split(':')[0]);
    const accounts = (status?.revenueAccounts ?? []).filter((a) => a.taxRules.includes(rule));
    const options = [
      { value: '', label: t.settings.defaultAccountOption },
      ...accounts.map((a) => ({ value: a.accountNumber, label: `${a.accountNumber} ${a.accountName}` })),
    ];
    const current = form.revenueAccounts[key];
    if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
    return options;
  };
  const hasGuidance = (status?.revenueAccounts.length ?? 0) > 0;
  const s = t.settings;
  return (
    <SettingsPage page={page} tab="sevdesk" tabLabel={s.tabSevdesk} notice={notice} errors={errors}>
      {page.shop ? (
        <>
          <section class="card" aria-labelledby="conn-title">
            <h2 id="conn-title">{s.connection}</h2>
            <dl class="facts">
              <dt>{s.connectionState}</dt>
              <dd>
                <Badge tone={tone} id="connection-state">
                  {stateText}
                </Badge>{' '}
                {conn?.sandbox ? <span class="badge-test">{t.common.testMode}</span> : null}
              </dd>
              <Fact term={s.baseUrl} value={status?.baseUrl} class="mono" />
              <Fact term={s.bookkeepingVersion} value={status?.bookkeepingVersion} />
              <Fact term={s.lastChecked} value={status?.checkedAt ? fmt.dateTime(status.checkedAt) : null} />
              {connected ? (
                <>
                  <dt>{s.checkAccounts}</dt>
                  <dd>{checkAccounts.length}</dd>
                  <dt>{s.revenueAccountsAvailable}</dt>
                  <dd>{status?.revenueAccounts.length ?? 0}</dd>
                </>
              ) : null}
            </dl>
            {diagnosis && (tested || !diagnosis.ok || connected) ? (
              <div role={tested ? 'status' : undefined} id="diagnosis">
                <h3>{s.diagnosis}</h3>
                <Banner tone={diagnosis.ok ? 'ok' : conn?.state === 'unreachable' ? 'warn' : 'danger'}>
                  {diagnosis[page.locale]}
                </Banner>
              </div>
            ) : null}
            {status && status.status !== 'not_connected' && status.status !== 'disconnected' ? (
              <div class="actions-row">
                <ActionForm
                  action="/admin/settings/sevdesk/test"
                  csrfToken={page.csrfToken}
                  shopId={page.shop.id}
                  buttonClass="btn-secondary"
                  button={s.testConnection}
                />
                <ActionForm
                  action="/admin/settings/sevdesk/disconnect"
                  csrfToken={page.csrfToken}
                  shopId={page.shop.id}
                  confirm={s.disconnectConfirm}
                  buttonClass="btn-danger"
                  button={s.disconnect}
                />
              </div>
            ) : null}
          </section>

          <SettingsForm
            page={page}
            action="/admin/settings/sevdesk/connect"
            submit={s.connect}
            title={{ id: 'connect-title', text: `${s.apiToken}${connected ? ` · ${s.apiTokenStored}` : ''}` }}
          >
            <Outcome problem={connectMessage} />
            <div class="grid-2">
              <TextField
                name="token"
                type="password"
                label={s.apiToken}
                hint={s.apiTokenHint}
                errors={connectErrors}
                autocomplete="off"
              />
              <TextField name="baseUrl" type="url" label={s.baseUrl} value={baseUrl} errors={connectErrors} />
            </div>
          </SettingsForm>

          <SettingsForm
            page={page}
            action="/admin/settings/sevdesk"
            submit={s.saveSevdesk}
            title={{ id: 'iface-title', text: s.transferAndBooking }}
          >
            <Fieldset legend={s.interface}>
              <CheckFields
                errors={errors}
                fields={[
                  { name: 'sevdesk.active', label: s.active, hint: s.activeHint, checked: form.active },
                  { name: 'sevdesk.autoTransfer', label: s.autoTransfer, checked: form.autoTransfer },
                  { name: 'sevdesk.customerSync', label: s.customerSync, checked: form.customerSync },
                ]}
              />
              <div class="grid-2">
                <TextField
                  name="sevdesk.customerNumberPrefix"
                  label={s.customerNumberPrefix}
                  value={form.customerNumberPrefix}
                  errors={errors}
                />
                <SelectField
                  name="sevdesk.guestContacts"
                  label={s.guestContacts}
                  value={form.guestContacts}
                  options={[
                    { value: 'per_order', label: s.guestPerOrder },
                    { value: 'per_email', label: s.guestPerEmail },
                    { value: 'collective', label: s.guestCollective },
                    { value: 'none', label: s.guestNone },
                  ]}
                  errors={errors}
                />
                <TextField
                  name="sevdesk.collectiveContactName"
                  label={s.collectiveContactName}
                  value={form.collectiveContactName}
                  errors={errors}
                />
                <SelectField
                  name="sevdesk.companyContacts"
                  label={s.companyContacts}
                  value={form.companyContacts}
                  options={[
                    { value: 'organisation', label: s.companyOrganisation },
                    { value: 'organisation_and_person', label: s.companyWithPerson },
                  ]}
                  errors={errors}
                />
              </div>
            </Fieldset>
            <Fieldset legend={s.revenueAccounts} hint={s.revenueAccountsHint}>
              <div class="grid-2">
                {REVENUE_KEYS.map((key) => (
                  <ChoiceField
                    name={`revenue.${key}`}
                    label={s.revenueCases[key] ?? key}
                    value={form.revenueAccounts[key] ?? ''}
                    options={hasGuidance ? revenueOptions(key) : null}
                    path={`sevdesk.revenueAccounts.byTaxCase.${key}`}
                    errors={errors}
                  />
                ))}
              </div>
            </Fieldset>
            <Fieldset legend={s.booking}>
              <CheckField
                name="booking.enabled"
                label={s.bookingEnabled}
                hint={s.bookingHint}
                checked={form.bookingEnabled}
                errors={errors}
              />
              <SelectField
                name="booking.defaultCheckAccountId"
                label={s.defaultCheckAccount}
                value={form.defaultCheckAccountId}
                options={accountOptions}
                errors={errors}
              />
              <h3>{s.accountByPaymentMethod}</h3>
              <p class="hint">{s.paymentMethodsHint}</p>
              {paymentMethods.length === 0 ? <p class="muted">{s.noPaymentMethods}</p> : null}
              <div class="grid-2">
                {paymentMethods.map((pm, i) => (
                  <>
                    <input type="hidden" name={`pmkey.${i}`} value={pm.id} />
                    <SelectField
                      name={`pm.${i}`}
                      label={paymentMethodLabel(pm)}
                      value={form.checkAccountByPaymentMethod[pm.id] ?? ''}
                      options={accountOptions}
                      path={`booking.checkAccountByPaymentMethod.${pm.id}`}
                      errors={errors}
                    />
                  </>
                ))}
              </div>
              <CheckField
                name="booking.linkTransactions"
                label={s.linkTransactions}
                checked={form.linkTransactions}
                errors={errors}
              />
              <div class="grid-2">
                <TextField
                  name="booking.searchKey"
                  label={s.searchKey}
                  hint={s.searchKeyHint}
                  value={form.searchKey}
                  errors={errors}
                />
                <TextField
                  name="booking.rematchDays"
                  type="number"
                  min={0}
                  max={90}
                  label={s.rematchDays}
                  value={form.rematchDays}
                  errors={errors}
                />
              </div>
            </Fieldset>
          </SettingsForm>
        </>
      ) : null}
    </SettingsPage>
  );
};
