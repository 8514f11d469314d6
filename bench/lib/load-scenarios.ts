import type { LoadRequest } from './loadgen.js';
import { signedWebhook, wooOrder } from './woo-orders.js';

// The request streams a load-generator child can produce (built in the child, so signing costs are its own).

export type LoadScenario = {
  url: string;
  concurrency: number;
  requests?: number;
  durationMs?: number;
  warmup?: number;
} & (
  | {
      kind: 'woo-orders';
      shopId: string;
      secret: string;
      /** Order ids start here (unique per request). */
      firstOrderId: number;
      /** Returning customers cycle through 1..customers. */
      customers: number;
      status: string;
    }
  | { kind: 'sandbox-simple'; token: string; path: string }
);

export function scenarioRequests(s: LoadScenario): (i: number) => LoadRequest | null {
  if (s.kind === 'sandbox-simple') {
    const req: LoadRequest = { method: 'GET', path: `/api/v1${s.path}`, headers: { authorization: s.token } };
    return () => req;
  }
  return (i) => {
    const id = s.firstOrderId + i;
    const hook = signedWebhook(
      s.shopId,
      s.secret,
      'order.created',
      wooOrder({ id, customerId: 1 + (i % s.customers), status: s.status }),
      `d-${id}`,
    );
    return { method: 'POST', path: hook.path, headers: hook.headers, body: hook.body };
  };
}
