import type { Context } from 'hono';
import { configureWooCommerce } from '../../../app/shops/configure-woocommerce.js';
import { rotateWebhookSecret } from '../../../app/shops/rotate-shop-secrets.js';
import { findShopRow } from '../../../db/repos/shops.repo.js';
import type { AdminEnv, AdminRoute } from '../admin-env.js';
import { pageContext } from '../page-context.js';
import { SettingsWooPage } from '../pages/settings-woocommerce.page.js';
import { type FormBody, formValue, localizedFieldErrors, validationRefusal } from '../settings-form.js';

// GET /admin/settings/woocommerce; POST …/keys (REST credentials); POST …/rotate-secret (shown once, in the
// response to this request only — never stored in a URL or a cookie).

export function webhookUrl(c: Context<AdminEnv>, shopId: string): string {
  const base = c.get('ctx').config.publicUrl ?? new URL(c.req.url).origin;
  return `${base.replace(/\/+$/, '')}/webhooks/woocommerce/${encodeURIComponent(shopId)}`;
}

async function hasKeys(c: Context<AdminEnv>, shopId: string): Promise<boolean> {
  const row = await findShopRow(c.get('ctx').db, shopId);
  return Boolean(row?.woo_consumer_key_enc && row.woo_consumer_secret_enc);
}

export const mountSettingsWoo: AdminRoute = (admin) => {
  admin.get('/settings/woocommerce', async (c) => {
    const page = await pageContext(c);
    return c.html(
      <SettingsWooPage
        page={page}
        webhookUrl={page.shop ? webhookUrl(c, page.shop.id) : null}
        hasKeys={page.shop ? await hasKeys(c, page.shop.id) : false}
        notice={c.req.query('saved') === '1' ? page.t.settings.keysSaved : null}
      />,
    );
  });

  admin.post('/settings/woocommerce/keys', async (c) => {
    const page = await pageContext(c);
    if (!page.shop) return c.redirect('/admin/settings/woocommerce', 303);
    const body = (await c.req.parseBody()) as FormBody;
    const input = {
      url: (formValue(body, 'url') ?? '').trim(),
      consumerKey: formValue(body, 'consumerKey') ?? '',
      consumerSecret: formValue(body, 'consumerSecret') ?? '',
    };
    const shopId = page.shop.id;
    const refused = await validationRefusal(() => configureWooCommerce(c.get('ctx'), shopId, input));
    if (refused) {
      return c.html(
        <SettingsWooPage
          page={page}
          webhookUrl={webhookUrl(c, page.shop.id)}
          url={input.url}
          errors={localizedFieldErrors(refused.issues, page.t)}
          hasKeys={await hasKeys(c, page.shop.id)}
        />,
        400,
      );
    }
    return c.redirect('/admin/settings/woocommerce?saved=1', 303);
  });

  admin.post('/settings/woocommerce/rotate-secret', async (c) => {
    const page = await pageContext(c);
    if (!page.shop) return c.redirect('/admin/settings/woocommerce', 303);
    const { webhookSecret } = await rotateWebhookSecret(c.get('ctx'), page.shop.id);
    page.shop = { ...page.shop, hasWebhookSecret: true };
    return c.html(
      <SettingsWooPage
        page={page}
        webhookUrl={webhookUrl(c, page.shop.id)}
        newSecret={webhookSecret}
        hasKeys={await hasKeys(c, page.shop.id)}
      />,
    );
  });
};
