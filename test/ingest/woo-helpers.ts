import { signWooBody } from '../../src/integrations/woocommerce/signature.js';
import type { TestApp } from '../support/test-app.js';

let deliveries = 0;

/** A WooCommerce webhook delivery as WooCommerce sends it (signature over the raw bytes). */
export async function deliver(
  app: TestApp,
  shopId: string,
  secret: string,
  opts: {
    topic?: string;
    body: unknown;
    deliveryId?: string;
    signature?: string | null;
    contentType?: string;
  },
) {
  const raw =
    opts.body instanceof Uint8Array
      ? opts.body
      : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
  const headers: Record<string, string> = {
    'content-type': opts.contentType ?? 'application/json',
    'x-wc-webhook-source': 'https://shop.example.de/',
    'x-wc-webhook-delivery-id': opts.deliveryId ?? `d${++deliveries}-${Date.now()}`,
  };
  if (opts.topic) headers['x-wc-webhook-topic'] = opts.topic;
  const signature = opts.signature === undefined ? signWooBody(raw, secret) : opts.signature;
  if (signature !== null) headers['x-wc-webhook-signature'] = signature;
  return app.call('POST', `/webhooks/woocommerce/${shopId}`, { body: raw, headers });
}

export async function counts(app: TestApp, shopId: string) {
  const count = async (table: 'orders' | 'documents' | 'customers' | 'webhook_deliveries') =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('shop_id', '=', shopId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    orders: await count('orders'),
    documents: await count('documents'),
    customers: await count('customers'),
    deliveries: await count('webhook_deliveries'),
  };
}
