import type { Context } from 'hono';
import {
  accountingSettingsChangeSchema,
  accountingSettingsOf,
  updateAccountingSettings,
} from '../../../app/accounting/accounting-settings.js';
import { availableAccounts } from '../../../app/accounting/available-accounts.js';
import { ACCOUNTING_REFUSED } from '../../../app/accounting/validate-accounting-settings.js';
import { type FieldIssue, issuesFromZod } from '../../../lib/errors.js';
import type { AdminEnv, AdminRoute } from '../admin-env.js';
import { type FieldErrors, fieldErrors } from '../components.js';
import { type PageContext, pageContext } from '../page-context.js';
import { knownPaymentMethods } from '../queries/payment-methods.js';
import { type FormBody, validationRefusal } from '../settings-form.js';
import { type AccountingForm, changeOf, fieldPathOf, formOf, readForm } from './accounting-form.js';
import { accountingTexts } from './accounting-i18n.js';
import { AccountingSettingsPage } from './accounting-settings.page.js';

// GET /admin/settings/accounting and POST (save). Saving goes through the accounting use case: bad input and
// choices the connected sevDesk account would refuse come back next to their fields, with sevDesk's reason, in the
// page's language; nothing is stored unless everything passes.

async function render(
  c: Context<AdminEnv>,
  page: PageContext,
  opts: { form?: AccountingForm; errors?: FieldErrors; notice?: string | null } = {},
  status: 200 | 400 = 200,
) {
  const shop = page.shop;
  const data = shop
    ? {
        form: opts.form ?? formOf(accountingSettingsOf(shop.settings)),
        available: await availableAccounts(c.get('ctx'), shop.id),
        paymentMethods: await knownPaymentMethods(c.get('ctx').db, shop, [
          ...Object.keys(shop.settings.sevdesk.costCentre.byPaymentMethod),
          ...Object.keys(shop.settings.booking.checkAccountByPaymentMethod),
        ]),
        smallBusiness: shop.settings.tax.smallBusiness,
      }
    : null;
  return c.html(
    <AccountingSettingsPage page={page} data={data} errors={opts.errors} notice={opts.notice ?? null} />,
    status,
  );
}

export const mountAccountingSettings: AdminRoute = (admin) => {
  admin.get('/settings/accounting', async (c) => {
    const page = await pageContext(c);
    const notice = c.req.query('done') === 'saved' ? accountingTexts(page.locale).saved : null;
    return render(c, page, { notice });
  });

  admin.post('/settings/accounting', async (c) => {
    const page = await pageContext(c);
    const shop = page.shop;
    if (!shop) return c.redirect('/admin/settings/accounting', 303);
    const x = accountingTexts(page.locale);
    const form = readForm((await c.req.parseBody({ all: true })) as FormBody, accountingSettingsOf(shop.settings));
    const { change, issues } = changeOf(form, x);
    const refuse = (list: { path: string; message: string }[]) =>
      render(c, page, { form, errors: fieldErrors(list.map((i) => ({ ...i, path: fieldPathOf(i.path, form) }))) }, 400);
    const localize = (list: FieldIssue[]) =>
      list.map((i) => ({
        path: i.path,
        message: i.path.startsWith('revenueAccounts.')
          ? page.t.settings.errors.accountNumber
          : i.path.startsWith('voucher.description.')
            ? x.templateError
            : i.path.startsWith('costCentre.')
              ? x.costCentreError
              : i.message,
      }));
    if (issues.length > 0) {
      // Show the schema's findings too, so one round trip names every field.
      const parsed = accountingSettingsChangeSchema.safeParse(change);
      return refuse([...issues, ...(parsed.success ? [] : localize(issuesFromZod(parsed.error.issues)))]);
    }
    const refused = await validationRefusal(() =>
      updateAccountingSettings(c.get('ctx'), shop.id, change, { locale: page.locale }),
    );
    // sevDesk's refusals arrive in the page's language; the schema's own sentences are replaced by ours.
    if (refused) return refuse(refused.code === ACCOUNTING_REFUSED ? refused.issues : localize(refused.issues));
    return c.redirect('/admin/settings/accounting?done=saved', 303);
  });
};
