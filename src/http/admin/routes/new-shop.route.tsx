import { createShop, createShopInputSchema } from '../../../app/shops/create-shop.js';
import { prefixIssues } from '../../../app/shops/parse-input.js';
import { sellerProfileSchema } from '../../../app/shops/seller-profile.schema.js';
import { type FieldIssue, issuesFromZod } from '../../../lib/errors.js';
import type { AdminRoute } from '../admin-env.js';
import { SHOP_COOKIE, writePreferenceCookie } from '../cookies.js';
import { pageContext } from '../page-context.js';
import { emptyNewShopForm, type NewShopForm, NewShopPage } from '../pages/new-shop.page.js';
import { type FormBody, formValue, localizedFieldErrors, validationRefusal } from '../settings-form.js';
import { webhookUrl } from './settings-woocommerce.route.js';

// GET /admin/shops/new and POST /admin/shops: a shop with its seller profile, through the same use case as the
// CLI. The answer to the POST itself shows the webhook URL, webhook secret and API key once — not a redirect, so
// the secrets never appear in a URL, a cookie or a cache (no-store); afterwards only their hash/ciphertext exists.

function readForm(body: FormBody): NewShopForm {
  const v = (name: string) => (formValue(body, name) ?? '').trim();
  return {
    name: v('name'),
    legalName: v('seller.legalName'),
    street: v('seller.address.street'),
    zip: v('seller.address.zip'),
    city: v('seller.address.city'),
    country: v('seller.address.country'),
    vatId: v('seller.vatId'),
    taxNumber: v('seller.taxNumber'),
    email: v('seller.email'),
  };
}

export const mountNewShop: AdminRoute = (admin) => {
  admin.get('/shops/new', async (c) => {
    const page = await pageContext(c);
    return c.html(<NewShopPage page={page} form={emptyNewShopForm} />);
  });

  admin.post('/shops', async (c) => {
    const ctx = c.get('ctx');
    const form = readForm((await c.req.parseBody({ all: true })) as FormBody);
    const orNull = (s: string) => (s === '' ? null : s);
    const input = {
      name: form.name,
      seller: {
        legalName: form.legalName,
        address: { street: form.street, zip: form.zip, city: form.city, country: form.country },
        vatId: orNull(form.vatId),
        taxNumber: orNull(form.taxNumber),
        email: orNull(form.email),
      },
    };
    const refuse = async (issues: readonly FieldIssue[]) => {
      const page = await pageContext(c);
      return c.html(<NewShopPage page={page} form={form} errors={localizedFieldErrors(issues, page.t)} />, 400);
    };
    // The use case stops at the first invalid part; the form names every failing field at once.
    const issues = [
      ...issuesFromZod(createShopInputSchema.safeParse(input).error?.issues ?? []),
      ...prefixIssues(issuesFromZod(sellerProfileSchema.safeParse(input.seller).error?.issues ?? []), 'seller'),
    ];
    if (issues.length > 0) return refuse(issues);
    let created: Awaited<ReturnType<typeof createShop>> | undefined;
    const refused = await validationRefusal(async () => {
      created = await createShop(ctx, input);
    });
    if (refused || !created) return refuse(refused?.issues ?? []);
    const { shop, apiKey, webhookSecret } = created;
    // The new shop becomes the selected one for the next pages.
    writePreferenceCookie(c, SHOP_COOKIE, shop.id);
    c.header('Cache-Control', 'no-store');
    const page = await pageContext(c);
    page.shop = page.shops.find((s) => s.id === shop.id) ?? page.shop;
    return c.html(
      <NewShopPage
        page={page}
        form={form}
        created={{ shopId: shop.id, name: shop.name, webhookUrl: webhookUrl(c, shop.id), webhookSecret, apiKey }}
      />,
      201,
    );
  });
};
