import { findDocument } from '../../db/repos/documents.repo.js';
import { paymentMethodSamples } from '../../db/repos/bookings.repo.js';
import type { AppContext } from '../context.js';
import { requireShop } from '../shops/require-shop.js';

// The payment methods as seen in the shop's documents, for the settings form "account per payment method":
// the method id the mapping is keyed by, its title, how many documents use it and the account chosen so far.

export interface PaymentMethodRow {
  /** The shop's payment method id (e.g. WooCommerce "paypal", "bacs"); null for documents without one. */
  id: string | null;
  title: string | null;
  documents: number;
  checkAccountId: string | null;
}

export async function listPaymentMethods(ctx: AppContext, shopId: string): Promise<PaymentMethodRow[]> {
  const shop = await requireShop(ctx.db, shopId);
  const samples = await paymentMethodSamples(ctx.db, shop.id);
  const byId = new Map<string, PaymentMethodRow>();
  for (const s of samples) {
    const doc = await findDocument(ctx.db, s.sampleDocumentId);
    const id = doc?.data.paymentMethod ?? null;
    const title = doc?.data.paymentMethodTitle ?? s.title;
    const key = id ?? `\u0000${title ?? ''}`;
    const row = byId.get(key) ?? {
      id,
      title,
      documents: 0,
      checkAccountId: id ? (shop.settings.booking.checkAccountByPaymentMethod[id] ?? null) : null,
    };
    row.documents += s.documents;
    byId.set(key, row);
  }
  return [...byId.values()].sort((a, b) => b.documents - a.documents || String(a.id).localeCompare(String(b.id)));
}
