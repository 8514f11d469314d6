import {
  insertCustomerIfAbsent,
  lockCustomer,
  markCustomerDeleted,
  updateCustomer,
} from '../../db/repos/customers.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import type { CustomerSnapshot } from '../../domain/documents/document.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import { onCustomerChanged } from '../transfer/on-customer-changed.js';
import { isStale } from './ingest-order.js';

// Customers: upsert by (shop, external id), stale deliveries ignored, deletion is a soft delete. Every stored
// change tells the sevDesk sync in the same transaction (it coalesces quick successive edits).

export type CustomerOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'deleted' | 'unknown';

export async function ingestCustomer(
  ctx: AppContext,
  shop: Shop,
  input: { externalId: string; customer: CustomerSnapshot; sourceModifiedAt?: string | null },
): Promise<{ outcome: CustomerOutcome; customerId: string }> {
  const now = ctx.now().toISOString();
  const data = JSON.stringify(input.customer);
  const email = input.customer.email?.toLowerCase() ?? null;
  const modifiedAt = input.sourceModifiedAt ?? null;
  const result = await inTransaction(ctx.db, async (tx) => {
    const id = newId('cus', ctx.now().getTime());
    const inserted = await insertCustomerIfAbsent(
      tx,
      {
        id,
        shop_id: shop.id,
        external_id: input.externalId,
        email,
        data,
        source_modified_at: modifiedAt,
        deleted_at: null,
      },
      now,
    );
    if (inserted) {
      await onCustomerChanged(tx, ctx, shop, id);
      return { outcome: 'created' as const, customerId: id };
    }
    const existing = (await lockCustomer(tx, shop.id, input.externalId))!;
    if (isStale(existing.sourceModifiedAt, modifiedAt)) return { outcome: 'stale' as const, customerId: existing.id };
    if (JSON.stringify(existing.data) === data && existing.deletedAt === null) {
      return { outcome: 'unchanged' as const, customerId: existing.id };
    }
    await updateCustomer(
      tx,
      existing.id,
      { email, data, source_modified_at: modifiedAt ?? existing.sourceModifiedAt, deleted_at: null },
      now,
    );
    await onCustomerChanged(tx, ctx, shop, existing.id);
    return { outcome: 'updated' as const, customerId: existing.id };
  });
  if (result.outcome === 'created' || result.outcome === 'updated') ctx.onJobsEnqueued?.();
  return result;
}

export async function deleteCustomer(
  ctx: AppContext,
  shop: Shop,
  externalId: string,
  sourceModifiedAt: string | null = null,
): Promise<{ outcome: CustomerOutcome; customerId: string | null }> {
  return inTransaction(ctx.db, async (tx) => {
    const existing = await lockCustomer(tx, shop.id, externalId);
    if (!existing) return { outcome: 'unknown' as const, customerId: null };
    if (existing.deletedAt) return { outcome: 'unchanged' as const, customerId: existing.id };
    await markCustomerDeleted(tx, existing.id, sourceModifiedAt ?? existing.sourceModifiedAt, ctx.now().toISOString());
    await onCustomerChanged(tx, ctx, shop, existing.id);
    return { outcome: 'deleted' as const, customerId: existing.id };
  });
}
