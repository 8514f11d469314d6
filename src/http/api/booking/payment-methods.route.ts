import { listPaymentMethods } from '../../../app/booking/list-payment-methods.js';
import type { HttpApp } from '../../app.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const PAYMENT_METHODS_PATH = '/api/v1/shops/:shopId/booking/payment-methods';

/** Payment methods as seen in the shop's documents, with the check account chosen for each. */
export function mountPaymentMethods(app: HttpApp): void {
  app.get(PAYMENT_METHODS_PATH, requireShopApiKey, async (c) =>
    c.json({ paymentMethods: await listPaymentMethods(c.get('ctx'), c.get('shop').id) }),
  );
}
