import { updateShopSettings } from '../../../app/shops/update-shop-settings.js';
import { validateShopSettings } from '../../../app/shops/validate-shop-settings.js';
import { updateShop, type Shop } from '../../../db/repos/shops.repo.js';
import { mergeSettings } from '../../../domain/shops/shop-settings.js';
import type { FieldIssue } from '../../../lib/errors.js';
import type { AdminRoute } from '../admin-env.js';
import { eInvoiceSettingIssues } from '../e-invoice-settings.js';
import { pageContext } from '../page-context.js';
import { type ShopForm, SettingsShopPage } from '../pages/settings-shop.page.js';
import { type FormBody, formBool, formValue, localizedFieldErrors, validationRefusal } from '../settings-form.js';

// GET /admin/settings — shop name, number formats, Kleinunternehmer, OSS, e-invoices (Factur-X, XRechnung). POST /admin/settings/shop saves them:
// everything is validated first (the shop settings schema names the failing field), then stored, or nothing is.

const formOf = (shop: Shop): ShopForm => ({
  name: shop.name,
  invoiceFormat: shop.settings.numbering.invoice,
  cancellationFormat: shop.settings.numbering.cancellation,
  smallBusiness: shop.settings.tax.smallBusiness,
  ossRegistered: shop.settings.tax.ossRegistered,
  autoFinalize: shop.settings.documents.autoFinalize,
  eInvoices: shop.settings.documents.eInvoices,
  xrechnung: shop.settings.documents.xrechnung,
});

function readForm(body: FormBody): ShopForm {
  return {
    name: (formValue(body, 'name') ?? '').trim(),
    invoiceFormat: formValue(body, 'numbering.invoice') ?? '',
    cancellationFormat: formValue(body, 'numbering.cancellation') ?? '',
    smallBusiness: formBool(body, 'tax.smallBusiness'),
    ossRegistered: formBool(body, 'tax.ossRegistered'),
    autoFinalize: formBool(body, 'documents.autoFinalize'),
    eInvoices: formBool(body, 'documents.eInvoices'),
    xrechnung: formBool(body, 'documents.xrechnung'),
  };
}

export const mountSettingsShop: AdminRoute = (admin) => {
  admin.get('/settings', async (c) => {
    const page = await pageContext(c);
    const form = page.shop ? formOf(page.shop) : readForm({});
    return c.html(<SettingsShopPage page={page} form={form} saved={c.req.query('saved') === '1'} />);
  });

  admin.post('/settings/shop', async (c) => {
    const ctx = c.get('ctx');
    const page = await pageContext(c);
    if (!page.shop) return c.redirect('/admin/settings', 303);
    const form = readForm((await c.req.parseBody({ all: true })) as FormBody);
    const change = {
      numbering: { invoice: form.invoiceFormat, cancellation: form.cancellationFormat },
      tax: { smallBusiness: form.smallBusiness, ossRegistered: form.ossRegistered },
      documents: { autoFinalize: form.autoFinalize, eInvoices: form.eInvoices, xrechnung: form.xrechnung },
    };
    const issues: FieldIssue[] = [];
    if (form.name.length < 1 || form.name.length > 200) issues.push({ path: 'name', message: 'name' });
    const shopSettings = page.shop.settings;
    const refused = await validationRefusal(() => validateShopSettings(mergeSettings(shopSettings, change), ''));
    if (refused) issues.push(...refused.issues);
    issues.push(...eInvoiceSettingIssues(page.shop.seller, page.shop.settings.documents, form, page.t));
    if (issues.length > 0) {
      return c.html(<SettingsShopPage page={page} form={form} errors={localizedFieldErrors(issues, page.t)} />, 400);
    }
    await updateShopSettings(ctx, page.shop.id, change);
    if (form.name !== page.shop.name) {
      await updateShop(ctx.db, page.shop.id, { name: form.name }, ctx.now().toISOString());
    }
    return c.redirect('/admin/settings?saved=1', 303);
  });
};
