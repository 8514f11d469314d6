import { handleWooCommerceWebhook } from '../../app/ingest/handle-woocommerce-webhook.js';
import type { HttpApp } from '../app.js';
import { documentChangeView } from '../api/api-responses.js';
import { readRawBody } from '../middleware/read-body.js';

export const WOO_WEBHOOK_PATH = '/webhooks/woocommerce/:shopId';

/** WooCommerce webhooks (orders, customers). The body is read once, as bytes, for the HMAC. */
export function mountWooCommerceWebhook(app: HttpApp): void {
  app.post(WOO_WEBHOOK_PATH, async (c) => {
    const rawBody = await readRawBody(c);
    const result = await handleWooCommerceWebhook(c.get('ctx'), {
      shopId: c.req.param('shopId'),
      topic: c.req.header('x-wc-webhook-topic'),
      deliveryId: c.req.header('x-wc-webhook-delivery-id'),
      signature: c.req.header('x-wc-webhook-signature'),
      rawBody,
    });
    if ('documents' in result && result.documents) {
      return c.json({ ...result, documents: result.documents.map(documentChangeView) });
    }
    return c.json(result);
  });
}
