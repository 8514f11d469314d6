import { findOrderByExternalId } from '../../db/repos/orders.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { mapWooOrder, wooGmtToIso } from '../../integrations/woocommerce/map-order.js';
import { parseWooOrder } from '../../integrations/woocommerce/schemas.js';
import type { WooCommerceClient } from '../../integrations/woocommerce-rest/woocommerce-client.js';
import { AppError, isAppError, notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { type IngestOutcome, ingestOrder } from './ingest-order.js';
import { wooClientFor } from './woocommerce-client-for.js';
import { withRefundDetails } from './woocommerce-refunds.js';

// `belegfluss import woocommerce --since DATE`: page through the shop's orders created since DATE (oldest first),
// fetch each order's refund details, and ingest them exactly like webhook deliveries. Re-running is harmless:
// unchanged orders change nothing and every document has its idempotency key.

export interface ImportProgress {
  page: number;
  totalPages: number;
  done: number;
  total: number;
}

export interface ImportResult {
  orders: number;
  outcomes: Record<IngestOutcome, number>;
  documentsFinalized: number;
  failed: { orderId: string; reason: string }[];
}

export async function importWooCommerceOrders(
  ctx: AppContext,
  shopId: string,
  opts: { since: string; perPage?: number; onProgress?: (p: ImportProgress) => void; client?: WooCommerceClient },
): Promise<ImportResult> {
  const shop = await findShop(ctx.db, shopId);
  if (!shop) throw notFound(`Shop ${shopId}`);
  const client = opts.client ?? (await wooClientFor(ctx, shopId));
  if (!client) {
    throw new AppError(
      'validation',
      'woocommerce_not_configured',
      `Shop ${shopId} has no WooCommerce REST credentials; set them with \`belegfluss shop woocommerce\`.`,
    );
  }
  const result: ImportResult = {
    orders: 0,
    outcomes: { created: 0, updated: 0, unchanged: 0, stale: 0 },
    documentsFinalized: 0,
    failed: [],
  };
  const after = new Date(opts.since).toISOString().replace(/\.\d{3}Z$/, '');
  for (let page = 1; ; page++) {
    const batch = await client.listOrders({ after, page, perPage: opts.perPage ?? 50 });
    for (const raw of batch.items) {
      const id = String((raw as { id?: unknown })?.id ?? '?');
      try {
        const parsed = parseWooOrder(raw);
        if (!parsed.ok) throw new Error(`invalid order payload (${parsed.issues.map((i) => i.path).join(', ')})`);
        const mapped = mapWooOrder(parsed.value, { productTypes: shop.settings.documents.productTypes });
        const stored = await findOrderByExternalId(ctx.db, shop.id, mapped.shopOrderId);
        const known = new Set((stored?.data.refunds ?? []).filter((r) => r.lines !== null).map((r) => r.refundId));
        const details = await withRefundDetails(client, mapped, known);
        const r = await ingestOrder(ctx, shop, {
          order: details.order,
          sourceModifiedAt: wooGmtToIso(parsed.value.date_modified_gmt),
          notes: details.notes,
        });
        result.outcomes[r.outcome]++;
        result.documentsFinalized += r.documents.filter((d) => d.action === 'finalized').length;
      } catch (e) {
        // Credentials and rate limits stop the import; a bad order is reported and skipped.
        if (isAppError(e) && (e.kind === 'connection' || e.kind === 'rate_limited')) throw e;
        result.failed.push({ orderId: id, reason: (e as Error).message });
      }
      result.orders++;
    }
    opts.onProgress?.({ page, totalPages: batch.totalPages, done: result.orders, total: batch.total });
    if (page >= batch.totalPages || batch.items.length === 0) return result;
  }
}
