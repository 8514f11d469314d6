import type { Context } from 'hono';
import { ACCOUNTING_REFUSED } from '../../../app/accounting/validate-accounting-settings.js';
import { setSevdeskActive } from '../../../app/sevdesk/activate-sevdesk.js';
import { connectSevdesk } from '../../../app/sevdesk/connect-sevdesk.js';
import { disconnectSevdesk } from '../../../app/sevdesk/disconnect-sevdesk.js';
import { sevdeskStatus, type StatusView } from '../../../app/sevdesk/sevdesk-status.js';
import { updateShopSettings } from '../../../app/shops/update-shop-settings.js';
import { validateShopSettings } from '../../../app/shops/validate-shop-settings.js';
import type { Shop } from '../../../db/repos/shops.repo.js';
import { COMPANY_CONTACT_MODES, GUEST_CONTACT_MODES } from '../../../domain/accounting/accounting-settings.js';
import { mergeSettings } from '../../../domain/shops/shop-settings.js';
import { type AppError, isAppError } from '../../../lib/errors.js';
import type { AdminEnv, AdminRoute } from '../admin-env.js';
import { fieldErrors } from '../components.js';
import { loadConnectionView } from '../connection-view.js';
import { type PageContext, pageContext } from '../page-context.js';
import { REVENUE_KEYS, type SevdeskForm, SettingsSevdeskPage } from '../pages/settings-sevdesk.page.js';
import { knownPaymentMethods } from '../queries/payment-methods.js';
import { type FormBody, formBool, formValue, localizedFieldErrors, validationRefusal } from '../settings-form.js';

// GET /admin/settings/sevdesk and its four actions: save settings, connect (token), test (live diagnosis),
// disconnect. The token is write-only: it goes to the connect use case and is never rendered.

function formOf(shop: Shop): SevdeskForm {
  const s = shop.settings;
  return {
    active: s.sevdesk.active,
    autoTransfer: s.sevdesk.autoTransfer,
    customerSync: s.sevdesk.customerSync,
    customerNumberPrefix: s.sevdesk.customerNumberPrefix,
    guestContacts: s.sevdesk.guestContacts,
    collectiveContactName: s.sevdesk.collectiveContactName,
    companyContacts: s.sevdesk.companyContacts,
    revenueAccounts: { ...s.sevdesk.revenueAccounts.byTaxCase },
    bookingEnabled: s.booking.enabled,
    defaultCheckAccountId: s.booking.defaultCheckAccountId ?? '',
    checkAccountByPaymentMethod: s.booking.checkAccountByPaymentMethod,
    linkTransactions: s.booking.linkTransactions,
    searchKey: s.booking.searchKey,
    rematchDays: String(s.booking.rematchDays),
  };
}

function pick<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

function readForm(body: FormBody): SevdeskForm {
  const revenueAccounts: Record<string, string> = {};
  for (const key of REVENUE_KEYS) {
    const v = (formValue(body, `revenue.${key}`) ?? '').trim();
    if (v) revenueAccounts[key] = v;
  }
  const checkAccountByPaymentMethod: Record<string, string> = {};
  for (let i = 0; i < 200; i++) {
    const key = formValue(body, `pmkey.${i}`);
    if (key === undefined) break;
    const v = formValue(body, `pm.${i}`) ?? '';
    if (key && v) checkAccountByPaymentMethod[key] = v;
  }
  return {
    active: formBool(body, 'sevdesk.active'),
    autoTransfer: formBool(body, 'sevdesk.autoTransfer'),
    customerSync: formBool(body, 'sevdesk.customerSync'),
    customerNumberPrefix: formValue(body, 'sevdesk.customerNumberPrefix') ?? '',
    guestContacts: pick(GUEST_CONTACT_MODES, formValue(body, 'sevdesk.guestContacts'), 'per_order'),
    collectiveContactName: formValue(body, 'sevdesk.collectiveContactName') ?? '',
    companyContacts: pick(COMPANY_CONTACT_MODES, formValue(body, 'sevdesk.companyContacts'), 'organisation'),
    revenueAccounts,
    bookingEnabled: formBool(body, 'booking.enabled'),
    defaultCheckAccountId: formValue(body, 'booking.defaultCheckAccountId') ?? '',
    checkAccountByPaymentMethod,
    linkTransactions: formBool(body, 'booking.linkTransactions'),
    searchKey: formValue(body, 'booking.searchKey') ?? '',
    rematchDays: (formValue(body, 'booking.rematchDays') ?? '').trim(),
  };
}

/** The operator-facing sentence of an error from sevDesk or the connect use case, in the page's language. */
function localizedMessage(e: AppError, locale: 'de' | 'en'): string {
  const d = e.detail as { de?: unknown; en?: unknown } | undefined;
  const text = d?.[locale];
  return typeof text === 'string' ? text : e.message;
}

async function render(
  c: Context<AdminEnv>,
  page: PageContext,
  opts: {
    status?: StatusView | null;
    form?: SevdeskForm;
    errors?: Map<string, string>;
    connectErrors?: Map<string, string>;
    connectMessage?: string | null;
    notice?: string | null;
    tested?: boolean;
  } = {},
  code: 200 | 400 | 422 | 502 = 200,
) {
  const ctx = c.get('ctx');
  const shop = page.shop;
  const status = opts.status !== undefined ? opts.status : shop ? await sevdeskStatus(ctx, shop.id) : null;
  if (shop) page.connection = await loadConnectionView(ctx.db, shop.id);
  return c.html(
    <SettingsSevdeskPage
      page={page}
      status={status}
      form={opts.form ?? (shop ? formOf(shop) : readForm({}))}
      paymentMethods={
        shop
          ? await knownPaymentMethods(ctx.db, shop, Object.keys(shop.settings.booking.checkAccountByPaymentMethod))
          : []
      }
      errors={opts.errors}
      connectErrors={opts.connectErrors}
      connectMessage={opts.connectMessage ?? null}
      notice={opts.notice ?? null}
      tested={opts.tested ?? false}
      baseUrl={status?.baseUrl ?? ctx.config.sevdesk.baseUrl}
    />,
    code,
  );
}

export const mountSettingsSevdesk: AdminRoute = (admin) => {
  admin.get('/settings/sevdesk', async (c) => {
    const page = await pageContext(c);
    const done = c.req.query('done');
    const notice =
      done === 'saved'
        ? page.t.common.saved
        : done === 'connected'
          ? page.t.settings.connectedNotice
          : done === 'disconnected'
            ? page.t.settings.disconnectedNotice
            : null;
    return render(c, page, { notice });
  });

  admin.post('/settings/sevdesk', async (c) => {
    const ctx = c.get('ctx');
    const page = await pageContext(c);
    const shop = page.shop;
    if (!shop) return c.redirect('/admin/settings/sevdesk', 303);
    const form = readForm((await c.req.parseBody({ all: true })) as FormBody);
    const days = /^\d{1,6}$/.test(form.rematchDays) ? Number(form.rematchDays) : form.rematchDays;
    const change = {
      sevdesk: {
        autoTransfer: form.autoTransfer,
        customerSync: form.customerSync,
        customerNumberPrefix: form.customerNumberPrefix,
        guestContacts: form.guestContacts,
        collectiveContactName: form.collectiveContactName,
        companyContacts: form.companyContacts,
        // Only the per-tax-case level is edited here; the other levels stay as they are.
        revenueAccounts: { byTaxCase: form.revenueAccounts },
      },
      booking: {
        enabled: form.bookingEnabled,
        defaultCheckAccountId: form.defaultCheckAccountId || null,
        checkAccountByPaymentMethod: form.checkAccountByPaymentMethod,
        linkTransactions: form.linkTransactions,
        searchKey: form.searchKey,
        rematchDays: days,
      },
    };
    const refused = await validationRefusal(async () => {
      validateShopSettings(mergeSettings(shop.settings, change), '');
      // Also refuses a revenue account the connected sevDesk account would refuse (with its reason).
      await updateShopSettings(ctx, shop.id, change, { locale: page.locale });
    });
    if (refused) {
      // sevDesk's refusal of an account comes with its own reason, already in the page's language.
      const errors =
        refused.code === ACCOUNTING_REFUSED
          ? fieldErrors(refused.issues)
          : localizedFieldErrors(refused.issues, page.t);
      return render(c, page, { form, errors }, 400);
    }
    // Activation has its own use case: switching on sends the transfers that waited for it.
    if (form.active !== shop.settings.sevdesk.active) await setSevdeskActive(ctx, shop.id, form.active);
    return c.redirect('/admin/settings/sevdesk?done=saved', 303);
  });

  admin.post('/settings/sevdesk/connect', async (c) => {
    const ctx = c.get('ctx');
    const page = await pageContext(c);
    if (!page.shop) return c.redirect('/admin/settings/sevdesk', 303);
    const body = (await c.req.parseBody()) as FormBody;
    const token = (formValue(body, 'token') ?? '').trim();
    const baseUrl = (formValue(body, 'baseUrl') ?? '').trim();
    try {
      await connectSevdesk(ctx, page.shop.id, { token, ...(baseUrl ? { baseUrl } : {}) });
    } catch (e) {
      if (!isAppError(e) || e.kind === 'internal' || e.kind === 'config') throw e;
      const message = localizedMessage(e, page.locale);
      if (e.kind === 'validation') {
        const errors = localizedFieldErrors(e.issues, page.t);
        // sevDesk's own refusal of the token says more than our generic sentence.
        if (e.code === 'sevdesk_token_rejected') errors.set('token', message);
        return render(c, page, { connectErrors: errors }, 400);
      }
      return render(c, page, { connectMessage: message, connectErrors: fieldErrors([]) }, 502);
    }
    return c.redirect('/admin/settings/sevdesk?done=connected', 303);
  });

  admin.post('/settings/sevdesk/test', async (c) => {
    const page = await pageContext(c);
    if (!page.shop) return c.redirect('/admin/settings/sevdesk', 303);
    const status = await sevdeskStatus(c.get('ctx'), page.shop.id, { live: true });
    return render(c, page, { status, tested: true });
  });

  admin.post('/settings/sevdesk/disconnect', async (c) => {
    const page = await pageContext(c);
    if (!page.shop) return c.redirect('/admin/settings/sevdesk', 303);
    await disconnectSevdesk(c.get('ctx'), page.shop.id);
    return c.redirect('/admin/settings/sevdesk?done=disconnected', 303);
  });
};
