import { seededRandom } from './stats.js';
import { wooCustomer, wooOrder } from './woo-orders.js';

// A shop day as webhooks: new and returning customers, guests, changed addresses, cancellations of earlier orders
// and customer edits — deterministic per seed. `documents` is the number of documents it produces.

export interface Delivery {
  shop: number;
  topic: 'order.created' | 'order.updated' | 'customer.updated';
  payload: Record<string, unknown>;
  deliveryId: string;
}

export function mixedWorkload(documents: number, shops: number, seed = 7): Delivery[] {
  const random = seededRandom(seed);
  const out: Delivery[] = [];
  const customersPerShop = Math.max(3, Math.round(documents / shops / 4));
  const orders: Record<string, unknown>[][] = Array.from({ length: shops }, () => []);
  const addressVersion = new Map<string, number>();
  let orderId = 100_000;
  let produced = 0;
  let n = 0;
  while (produced < documents) {
    const shop = n++ % shops;
    const mine = orders[shop]!;
    if (mine.length > 5 && random() < 0.1) {
      const [order] = mine.splice(Math.floor(random() * mine.length), 1);
      const modified = new Date(Date.parse(`${String(order!.date_modified_gmt)}Z`) + 86_400_000)
        .toISOString()
        .slice(0, 19);
      out.push({
        shop,
        topic: 'order.updated',
        payload: { ...order!, status: 'cancelled', date_modified_gmt: modified, date_modified: modified },
        deliveryId: `c-${order!.id}`,
      });
      produced++;
      continue;
    }
    const guest = random() < 0.15;
    const customerId = guest ? 0 : shop * 100_000 + 1 + Math.floor(random() ** 2 * customersPerShop);
    const key = `${shop}:${customerId}`;
    if (!guest && random() < 0.1) addressVersion.set(key, (addressVersion.get(key) ?? 0) + 1);
    if (!guest && random() < 0.03) {
      const version = addressVersion.get(key) ?? 0;
      out.push({
        shop,
        topic: 'customer.updated',
        payload: wooCustomer(customerId, version, new Date(Date.UTC(2026, 10, 1) + n * 60_000)),
        deliveryId: `u-${customerId}-${n}`,
      });
    }
    const order = wooOrder({ id: ++orderId, customerId, addressVersion: addressVersion.get(key) ?? 0 });
    mine.push(order);
    out.push({ shop, topic: 'order.created', payload: order, deliveryId: `o-${orderId}` });
    produced++;
  }
  return out;
}
