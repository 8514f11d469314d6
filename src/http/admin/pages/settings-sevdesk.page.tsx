import type { FC } from 'hono/jsx';
import type { StatusView } from '../../../app/sevdesk/sevdesk-status.js';
import {
  type CompanyContactMode,
  type GuestContactMode,
  TAX_CASE_KEYS,
} from '../../../domain/accounting/accounting-settings.js';
import {
  Badge,
  Banner,
  CheckField,
  CsrfField,
  type FieldErrors,
  SelectField,
  TextField,
  ShopField,
} from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { SettingsTabs } from '../partials/settings-tabs.partial.js';
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

export interface PaymentMethod {
  id: string;
  title: string;
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
  return (
    <Layout page={page} title={`${t.settings.title} · ${t.settings.tabSevdesk}`} nav="settings">
      <div class="page-head">
        <h1>{t.settings.title}</h1>
      </div>
      <SettingsTabs t={t} active="sevdesk" />
      {!page.shop ? <Banner tone="info">{t.common.noShop}</Banner> : null}
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
      {page.shop ? (
        <>
          <section class="card" aria-labelledby="conn-title">
            <h2 id="conn-title">{t.settings.connection}</h2>
            <dl class="facts">
              <dt>{t.settings.connectionState}</dt>
              <dd>
                <Badge tone={tone} id="connection-state">
                  {stateText}
                </Badge>{' '}
                {conn?.sandbox ? <span class="badge-test">{t.common.testMode}</span> : null}
              </dd>
              {status?.baseUrl ? (
                <>
                  <dt>{t.settings.baseUrl}</dt>
                  <dd class="mono">{status.baseUrl}</dd>
                </>
              ) : null}
              {status?.bookkeepingVersion ? (
                <>
                  <dt>{t.settings.bookkeepingVersion}</dt>
                  <dd>{status.bookkeepingVersion}</dd>
                </>
              ) : null}
              {status?.checkedAt ? (
                <>
                  <dt>{t.settings.lastChecked}</dt>
                  <dd>{fmt.dateTime(status.checkedAt)}</dd>
                </>
              ) : null}
              {connected ? (
                <>
                  <dt>{t.settings.checkAccounts}</dt>
                  <dd>{checkAccounts.length}</dd>
                  <dt>{t.settings.revenueAccountsAvailable}</dt>
                  <dd>{status?.revenueAccounts.length ?? 0}</dd>
                </>
              ) : null}
            </dl>
            {diagnosis && (tested || !diagnosis.ok || connected) ? (
              <div role={tested ? 'status' : undefined} id="diagnosis">
                <h3>{t.settings.diagnosis}</h3>
                <Banner tone={diagnosis.ok ? 'ok' : conn?.state === 'unreachable' ? 'warn' : 'danger'}>
                  {diagnosis[page.locale]}
                </Banner>
              </div>
            ) : null}
            {status && status.status !== 'not_connected' && status.status !== 'disconnected' ? (
              <div class="actions-row">
                <form method="post" action="/admin/settings/sevdesk/test">
                  <CsrfField token={page.csrfToken} />
                  <ShopField shopId={page.shop?.id} />
                  <button type="submit" class="btn-secondary">
                    {t.settings.testConnection}
                  </button>
                </form>
                <form
                  method="post"
                  action="/admin/settings/sevdesk/disconnect"
                  data-confirm={t.settings.disconnectConfirm}
                >
                  <CsrfField token={page.csrfToken} />
                  <ShopField shopId={page.shop?.id} />
                  <button type="submit" class="btn-danger">
                    {t.settings.disconnect}
                  </button>
                </form>
              </div>
            ) : null}
          </section>

          <form
            method="post"
            action="/admin/settings/sevdesk/connect"
            class="card"
            novalidate
            aria-labelledby="connect-title"
          >
            <h2 id="connect-title">
              {t.settings.apiToken}
              {connected ? ` · ${t.settings.apiTokenStored}` : ''}
            </h2>
            <CsrfField token={page.csrfToken} />
            <ShopField shopId={page.shop?.id} />
            {connectMessage ? (
              <Banner tone="danger" role="alert">
                {connectMessage}
              </Banner>
            ) : null}
            <div class="grid-2">
              <TextField
                name="token"
                type="password"
                label={t.settings.apiToken}
                hint={t.settings.apiTokenHint}
                errors={connectErrors}
                autocomplete="off"
              />
              <TextField name="baseUrl" type="url" label={t.settings.baseUrl} value={baseUrl} errors={connectErrors} />
            </div>
            <div class="actions-row">
              <button type="submit">{t.settings.connect}</button>
            </div>
          </form>

          <form method="post" action="/admin/settings/sevdesk" class="card" novalidate aria-labelledby="iface-title">
            <h2 id="iface-title">{t.settings.transferAndBooking}</h2>
            <CsrfField token={page.csrfToken} />
            <ShopField shopId={page.shop?.id} />
            <fieldset>
              <legend>{t.settings.interface}</legend>
              <CheckField
                name="sevdesk.active"
                label={t.settings.active}
                hint={t.settings.activeHint}
                checked={form.active}
                errors={errors}
              />
              <CheckField
                name="sevdesk.autoTransfer"
                label={t.settings.autoTransfer}
                checked={form.autoTransfer}
                errors={errors}
              />
              <CheckField
                name="sevdesk.customerSync"
                label={t.settings.customerSync}
                checked={form.customerSync}
                errors={errors}
              />
              <div class="grid-2">
                <TextField
                  name="sevdesk.customerNumberPrefix"
                  label={t.settings.customerNumberPrefix}
                  value={form.customerNumberPrefix}
                  errors={errors}
                />
                <SelectField
                  name="sevdesk.guestContacts"
                  label={t.settings.guestContacts}
                  value={form.guestContacts}
                  options={[
                    { value: 'per_order', label: t.settings.guestPerOrder },
                    { value: 'per_email', label: t.settings.guestPerEmail },
                    { value: 'collective', label: t.settings.guestCollective },
                    { value: 'none', label: t.settings.guestNone },
                  ]}
                  errors={errors}
                />
                <TextField
                  name="sevdesk.collectiveContactName"
                  label={t.settings.collectiveContactName}
                  value={form.collectiveContactName}
                  errors={errors}
                />
                <SelectField
                  name="sevdesk.companyContacts"
                  label={t.settings.companyContacts}
                  value={form.companyContacts}
                  options={[
                    { value: 'organisation', label: t.settings.companyOrganisation },
                    { value: 'organisation_and_person', label: t.settings.companyWithPerson },
                  ]}
                  errors={errors}
                />
              </div>
            </fieldset>
            <fieldset>
              <legend>{t.settings.revenueAccounts}</legend>
              <p class="hint">{t.settings.revenueAccountsHint}</p>
              <div class="grid-2">
                {REVENUE_KEYS.map((key) =>
                  hasGuidance ? (
                    <SelectField
                      name={`revenue.${key}`}
                      label={t.settings.revenueCases[key] ?? key}
                      value={form.revenueAccounts[key] ?? ''}
                      options={revenueOptions(key)}
                      path={`sevdesk.revenueAccounts.byTaxCase.${key}`}
                      errors={errors}
                    />
                  ) : (
                    <TextField
                      name={`revenue.${key}`}
                      label={t.settings.revenueCases[key] ?? key}
                      value={form.revenueAccounts[key] ?? ''}
                      path={`sevdesk.revenueAccounts.byTaxCase.${key}`}
                      errors={errors}
                    />
                  ),
                )}
              </div>
            </fieldset>
            <fieldset>
              <legend>{t.settings.booking}</legend>
              <CheckField
                name="booking.enabled"
                label={t.settings.bookingEnabled}
                hint={t.settings.bookingHint}
                checked={form.bookingEnabled}
                errors={errors}
              />
              <SelectField
                name="booking.defaultCheckAccountId"
                label={t.settings.defaultCheckAccount}
                value={form.defaultCheckAccountId}
                options={accountOptions}
                errors={errors}
              />
              <h3>{t.settings.accountByPaymentMethod}</h3>
              <p class="hint">{t.settings.paymentMethodsHint}</p>
              {paymentMethods.length === 0 ? <p class="muted">{t.settings.noPaymentMethods}</p> : null}
              <div class="grid-2">
                {paymentMethods.map((pm, i) => (
                  <>
                    <input type="hidden" name={`pmkey.${i}`} value={pm.id} />
                    <SelectField
                      name={`pm.${i}`}
                      label={pm.title === pm.id ? pm.id : `${pm.title} (${pm.id})`}
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
                label={t.settings.linkTransactions}
                checked={form.linkTransactions}
                errors={errors}
              />
              <div class="grid-2">
                <TextField
                  name="booking.searchKey"
                  label={t.settings.searchKey}
                  hint={t.settings.searchKeyHint}
                  value={form.searchKey}
                  errors={errors}
                />
                <TextField
                  name="booking.rematchDays"
                  type="number"
                  min={0}
                  max={90}
                  label={t.settings.rematchDays}
                  value={form.rematchDays}
                  errors={errors}
                />
              </div>
            </fieldset>
            <div class="actions-row">
              <button type="submit">{t.settings.saveSevdesk}</button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
};
