import type { Db } from '../../../db/database.js';
import type { Shop } from '../../../db/repos/shops.repo.js';
import type { DocumentData } from '../../../domain/documents/document.js';

export interface PaymentMethod {
  id: string;
  title: string;
}

/**
 * Payment methods of the shop's recent documents plus the ids a setting already maps (no scan over all documents),
 * sorted by id.
 */
export async function knownPaymentMethods(db: Db, shop: Shop, mapped: readonly string[]): Promise<PaymentMethod[]> {
  const rows = await db
    .selectFrom('documents')
    .select('data')
    .where('shop_id', '=', shop.id)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const methods = new Map<string, string>();
  for (const r of rows) {
    const d = JSON.parse(r.data) as Pick<DocumentData, 'paymentMethod' | 'paymentMethodTitle'>;
    if (d.paymentMethod && !methods.has(d.paymentMethod))
      methods.set(d.paymentMethod, d.paymentMethodTitle ?? d.paymentMethod);
  }
  for (const id of mapped) if (!methods.has(id)) methods.set(id, id);
  return [...methods].map(([id, title]) => ({ id, title })).sort((a, b) => a.id.localeCompare(b.id));
}
