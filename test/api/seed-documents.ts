import { documentSearchTerms } from '../../src/app/documents/search-terms.js';
import type { Db, DocumentsTable } from '../../src/db/database.js';
import { replaceSearchTerms } from '../../src/db/repos/documents-list.repo.js';
import { documentColumns } from '../../src/db/repos/documents.repo.js';
import { newId } from '../../src/lib/ids.js';
import { insertTestOrder, sampleDocumentData } from '../support/factories.js';

// Documents with varied list attributes, written straight into the tables (the list reads only columns, so
// this is much faster than finalizing each one). Deterministic: document i has a known shape.

export const NAMES = ['Anna Schmidt', 'Bernd Müller', 'Carla Weber', 'Dieter Wagner', 'Eva Becker'];
export const TRANSFER_STATES = [null, 'transferred', 'failed', 'queued'] as const;

export interface SeededDocument {
  id: string;
  i: number;
  type: 'invoice' | 'cancellation';
  status: 'draft' | 'finalized';
  number: string | null;
  issueDate: string | null;
  orderNumber: string;
  name: string;
  email: string;
  needsAttention: boolean;
  transferState: string | null;
}

export async function seedDocuments(db: Db, shopId: string, n: number): Promise<SeededDocument[]> {
  const out: SeededDocument[] = [];
  const orderIds = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const orderNumber = `WC-${1000 + Math.floor(i / 2)}`;
    let orderId = orderIds.get(orderNumber);
    if (!orderId) {
      orderId = await insertTestOrder(db, shopId, orderNumber);
      await db.updateTable('orders').set({ number: orderNumber }).where('id', '=', orderId).execute();
      orderIds.set(orderNumber, orderId);
    }
    const type = i % 4 === 3 ? 'cancellation' : 'invoice';
    const status = i % 5 === 0 ? 'draft' : 'finalized';
    const name = NAMES[i % NAMES.length]!;
    const [firstName, lastName] = name.split(' ');
    const email = `${firstName!.toLowerCase()}.${i}@example.com`;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const issueDate = status === 'finalized' ? `2026-${month}-${day}` : null;
    const number =
      status === 'finalized' ? `${type === 'invoice' ? 'RE' : 'ST'}-2026-${String(i).padStart(5, '0')}` : null;
    const needsAttention = i % 7 === 0;
    const data = sampleDocumentData({
      type,
      orderNumber,
      attentionReasons: needsAttention ? ['check me'] : [],
      customer: {
        ...sampleDocumentData().customer,
        email,
        billing: { ...sampleDocumentData().customer.billing, firstName, lastName },
      },
    });
    const row: DocumentsTable = {
      id: newId('doc'),
      shop_id: shopId,
      order_id: orderId,
      type,
      status,
      number,
      issue_date: issueDate,
      cancels_document_id: null,
      source_key: `seed:${i}`,
      created_at: new Date().toISOString(),
      finalized_at: status === 'finalized' ? new Date().toISOString() : null,
      ...documentColumns(data),
    };
    await db.insertInto('documents').values(row).execute();
    await replaceSearchTerms(db, shopId, row.id, documentSearchTerms(data, number));
    const transferState = status === 'finalized' ? TRANSFER_STATES[i % TRANSFER_STATES.length]! : null;
    if (transferState) {
      const now = new Date().toISOString();
      await db
        .insertInto('transfers')
        .values({
          id: newId('trf'),
          shop_id: shopId,
          document_id: row.id,
          target: 'sevdesk',
          state: transferState,
          checkpoint: '{}',
          sevdesk_voucher_id: null,
          sevdesk_contact_id: null,
          booking_state: null,
          last_error: null,
          attempts: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    out.push({
      id: row.id,
      i,
      type,
      status,
      number,
      issueDate,
      orderNumber,
      name,
      email,
      needsAttention,
      transferState,
    });
  }
  return out;
}
