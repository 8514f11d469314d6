import { ingestOrder } from '../../../src/app/ingest/ingest-order.js';
import type { AppContext } from '../../../src/app/context.js';
import { demoOrders } from '../../../src/app/demo/demo-data.js';
import type { Db } from '../../../src/db/database.js';
import { documentColumns } from '../../../src/db/repos/documents.repo.js';
import { replaceSearchTerms } from '../../../src/db/repos/documents-list.repo.js';
import type { Shop } from '../../../src/db/repos/shops.repo.js';
import { parseOrderInput } from '../../../src/domain/orders/order-from-input.js';
import { newId } from '../../../src/lib/ids.js';
import { insertTestOrder, sampleDocumentData } from '../../support/factories.js';

/** Finalized invoices inserted directly (for list tests that need many rows), with their search terms. */
export async function insertFinalizedDocuments(
  db: Db,
  shopId: string,
  count: number,
  opts: { type?: 'invoice' | 'cancellation'; prefix?: string; issueDate?: string } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const prefix = opts.prefix ?? 'RE';
  for (let i = 1; i <= count; i++) {
    const orderId = await insertTestOrder(db, shopId, `${prefix}-${i}-${newId('x').slice(-6)}`);
    const number = `${prefix}-2026-${String(i).padStart(5, '0')}`;
    const data = sampleDocumentData({
      type: opts.type ?? 'invoice',
      customer: {
        customerId: String(i),
        email: `kunde${i}@example.com`,
        phone: null,
        company: null,
        vatId: null,
        billing: {
          firstName: 'Kunde',
          lastName: `Nummer${i}`,
          street: 'Weg 2',
          zip: '80331',
          city: 'München',
          country: 'DE',
        },
        shipping: null,
      },
    });
    const id = newId('doc');
    await db
      .insertInto('documents')
      .values({
        id,
        shop_id: shopId,
        order_id: orderId,
        type: opts.type ?? 'invoice',
        status: 'finalized',
        number,
        issue_date: opts.issueDate ?? '2026-11-27',
        cancels_document_id: null,
        source_key: newId('src'),
        created_at: new Date().toISOString(),
        finalized_at: new Date().toISOString(),
        ...documentColumns(data),
      })
      .execute();
    await replaceSearchTerms(db, shopId, id, [number.toLowerCase(), `nummer${i}`, `kunde${i}@example.com`]);
    ids.push(id);
  }
  return ids;
}

/** The demo shop's sample orders, through the real ingestion (invoices, a refund's cancellation, every tax case). */
export async function ingestDemoOrders(ctx: AppContext, shop: Shop, kind: 'standard' | 'small_business' = 'standard') {
  for (const json of demoOrders(kind, new Date('2026-11-20T12:00:00Z'))) {
    const parsed = parseOrderInput(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await ingestOrder(ctx, shop, { order: parsed.value });
  }
}
