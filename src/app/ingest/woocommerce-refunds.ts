import type { NormalizedOrder, OrderRefund } from '../../domain/orders/order.js';
import { mapWooRefund } from '../../integrations/woocommerce/map-refund.js';
import { parseWooRefund } from '../../integrations/woocommerce/schemas.js';
import type { WooCommerceClient } from '../../integrations/woocommerce-rest/woocommerce-client.js';
import { isAppError } from '../../lib/errors.js';

// An order payload names its refunds only by id and total. With REST credentials we fetch their lines, so each
// partial cancellation carries the refunded items with their own VAT; without, they are split by proportion.

export interface RefundDetails {
  order: NormalizedOrder;
  /** Refund ids left out of the snapshot: details not fetchable now, or held back for a person's check. */
  deferred: string[];
  notes: string[];
}

export async function withRefundDetails(
  client: WooCommerceClient | null,
  order: NormalizedOrder,
  known: ReadonlySet<string>,
): Promise<RefundDetails> {
  const missing = order.refunds.filter((r) => r.lines === null && !known.has(r.refundId));
  if (!client || missing.length === 0) return { order, deferred: [], notes: [] };
  let fetched: unknown[];
  try {
    fetched = await client.listRefunds(order.shopOrderId);
  } catch (e) {
    const why = isAppError(e) ? e.message : (e as Error).message;
    const ids = missing.map((r) => r.refundId);
    return {
      order: { ...order, refunds: order.refunds.filter((r) => !ids.includes(r.refundId)) },
      deferred: ids,
      notes: [
        `Details of refund(s) ${ids.join(', ')} could not be fetched from WooCommerce (${why}); their cancellations follow with the next update or import.`,
      ],
    };
  }
  const notes: string[] = [];
  const details = new Map<string, OrderRefund>();
  const held: string[] = [];
  for (const raw of fetched) {
    const parsed = parseWooRefund(raw);
    if (!parsed.ok) {
      notes.push(`A refund fetched from WooCommerce is malformed (${parsed.issues.map((i) => i.path).join(', ')}).`);
      continue;
    }
    const mapped = mapWooRefund(parsed.value, order);
    const { refund } = mapped;
    if (mapped.held.length > 0) {
      // Neither its lines nor a split by proportion would be right: no cancellation until a person has looked.
      held.push(refund.refundId);
      notes.push(
        ...(refund.issues ?? []),
        ...mapped.held,
        `Refund ${refund.refundId} is held back; no cancellation is issued for it.`,
      );
      continue;
    }
    // A refund whose lines contradict themselves or the order keeps only its summary and its problems: its
    // cancellation is flagged with them (see buildPartialCancellation), and as a refund without known lines its
    // details are fetched again with the next update, so a corrected refund replaces it.
    details.set(refund.refundId, refund.issues ? { ...refund, lines: null } : refund);
  }
  return {
    order: {
      ...order,
      refunds: order.refunds
        .filter((r) => !held.includes(r.refundId))
        .map((r) => (r.lines === null ? (details.get(r.refundId) ?? r) : r)),
    },
    deferred: held,
    notes,
  };
}
