import type { OrderRefund } from '../../domain/orders/order.js';

/**
 * Refunds known so far plus the ones in a new snapshot, by refund id. A refund with lines (fetched details,
 * or sent separately) is never replaced by the amount-only summary a later order payload carries; a refund
 * missing from a new snapshot is kept, since a cancellation may already have been issued for it. A refund's known
 * problems survive a summary that cannot confirm or refute them.
 */
export function mergeRefunds(known: readonly OrderRefund[], incoming: readonly OrderRefund[]): OrderRefund[] {
  const byId = new Map<string, OrderRefund>();
  for (const r of known) byId.set(r.refundId, r);
  for (const r of incoming) {
    const old = byId.get(r.refundId);
    if (old?.lines && !r.lines) continue;
    // The problems found in a refund's details stay until details without them arrive: a bare summary (no lines)
    // knows nothing about them, and dropping them would let its cancellation be finalized.
    byId.set(r.refundId, old?.issues && !r.lines && !r.issues ? { ...r, issues: old.issues } : r);
  }
  return [...byId.values()].sort((a, b) => compareIds(a.refundId, b.refundId));
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isSafeInteger(na) && Number.isSafeInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
