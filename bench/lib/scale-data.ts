import { sql } from 'kysely';
import { documentSearchTerms } from '../../src/app/documents/search-terms.js';
import type { CustomersTable, Db, DocumentsTable, OrdersTable, TransfersTable } from '../../src/db/database.js';
import { searchKey } from '../../src/db/repos/documents-list.repo.js';
import { documentColumns } from '../../src/db/repos/documents.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { berlinDate } from '../../src/domain/documents/dates.js';
import { newId } from '../../src/lib/ids.js';
import { documentData } from './documents.js';
import { seededRandom } from './stats.js';

// A shop's history of N documents, bulk-inserted with Kysely in large batches: orders, documents (finalized and the
// newest few as drafts), their search terms and transfer records, and the shop's customers — with the shape of a
// real shop over three years: ~8 % cancellations, ~15 % guest orders, returning customers (a few buy often), almost
// all transfers done and a few failed, needing attention, paused or queued.

export interface ScaleShape {
  documents: number;
  cancellations: number;
  drafts: number;
  byTransferState: Record<string, number>;
  searchTerms: number;
  customers: number;
  orders: number;
  /** Samples for the queries: numbers to search, ids at depth for cursors. */
  sampleNumbers: string[];
  deepIds: string[];
}

const FIRST = [
  'Anna',
  'Jonas',
  'Mia',
  'Lukas',
  'Lea',
  'Felix',
  'Emma',
  'Paul',
  'Sophie',
  'Ben',
  'Hannah',
  'Noah',
  'Marie',
  'Elias',
  'Lina',
];
const LAST = [
  'Schmidt',
  'Müller',
  'Weber',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
];

const BATCH = 1000;
const BATCHES_PER_TRANSACTION = 10;

function transferState(r: number): string | null {
  if (r < 0.02) return null; // before the interface was activated
  if (r < 0.024) return 'failed';
  if (r < 0.026) return 'needs_attention';
  if (r < 0.0265) return 'paused';
  return 'transferred';
}

export async function loadScaleData(
  db: Db,
  shopId: string,
  total: number,
  opts: { log?: (message: string) => void; seed?: number } = {},
): Promise<ScaleShape> {
  const random = seededRandom(opts.seed ?? 42);
  const customers = Math.max(10, Math.round(total * 0.15));
  const start = Date.parse('2023-12-01T08:00:00Z');
  const spacing = (Date.parse('2026-11-26T20:00:00Z') - start) / total;
  const seqByYear = new Map<string, number>();
  const nextNumber = (prefix: string, year: string) => {
    const key = `${prefix}-${year}`;
    const n = (seqByYear.get(key) ?? 0) + 1;
    seqByYear.set(key, n);
    return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
  };
  const shape: ScaleShape = {
    documents: 0,
    cancellations: 0,
    drafts: 0,
    byTransferState: {},
    searchTerms: 0,
    customers,
    orders: 0,
    sampleNumbers: [],
    deepIds: [],
  };
  // Invoices that may still be cancelled: the recent ones (a cancellation follows its invoice within weeks).
  const recentInvoices: { id: string; orderId: string; number: string; data: ReturnType<typeof documentData> }[] = [];
  const draftsFrom = total - Math.max(1, Math.round(total * 0.0005));
  const started = performance.now();
  let orderSeq = 10_000;
  let i = 0;

  while (i < total) {
    await inTransaction(db, async (tx) => {
      for (let b = 0; b < BATCHES_PER_TRANSACTION && i < total; b++) {
        const orders: OrdersTable[] = [];
        const docs: DocumentsTable[] = [];
        const transfers: TransfersTable[] = [];
        const terms: { shop_id: string; term: string; document_id: string }[] = [];
        for (let k = 0; k < BATCH && i < total; k++, i++) {
          const ts = Math.floor(start + i * spacing + random() * spacing * 0.5);
          const iso = new Date(ts).toISOString();
          const issueDate = berlinDate(iso);
          const year = issueDate.slice(0, 4);
          const draft = i >= draftsFrom;
          const cancel = !draft && recentInvoices.length > 50 && random() < 0.08;
          const id = newId('doc', ts);
          let data: ReturnType<typeof documentData>;
          let orderId: string;
          let cancels: string | null = null;
          let number: string | null = null;
          if (cancel) {
            const pick = recentInvoices.splice(Math.floor(random() * recentInvoices.length), 1)[0]!;
            orderId = pick.orderId;
            cancels = pick.id;
            number = nextNumber('ST', year);
            const inv = pick.data;
            data = {
              ...inv,
              type: 'cancellation',
              issueDate,
              lines: inv.lines.map((l) => ({
                ...l,
                quantity: `-${l.quantity}`,
                net: -l.net,
                tax: -l.tax,
                gross: -l.gross,
              })),
              totals: {
                net: -inv.totals.net,
                tax: -inv.totals.tax,
                gross: -inv.totals.gross,
                byRate: inv.totals.byRate.map((r) => ({ ...r, net: -r.net, tax: -r.tax, gross: -r.gross })),
              },
              cancels: { documentId: pick.id, number: pick.number, full: true },
            };
            shape.cancellations++;
          } else {
            // Returning customers: a small core buys often (squared uniform), 15 % guests.
            const guest = random() < 0.15;
            const customer = guest ? null : 1 + Math.floor(random() ** 2 * customers);
            const person = customer ?? 1_000_000 + i;
            const orderNumber = String(++orderSeq);
            data = documentData({
              lines: 1 + Math.floor(random() * 3),
              orderNumber,
              customerId: customer === null ? null : String(customer),
              name: {
                first: FIRST[person % FIRST.length]!,
                last: LAST[Math.floor(person / FIRST.length) % LAST.length]!,
              },
              email: customer === null ? `gast${i}@example.org` : `kunde${customer}@example.de`,
              issueDate,
              seed: i,
            });
            orderId = newId('ord', ts);
            orders.push({
              id: orderId,
              shop_id: shopId,
              external_id: orderNumber,
              number: orderNumber,
              status: 'completed',
              currency: 'EUR',
              data: JSON.stringify({
                shopOrderId: orderNumber,
                number: orderNumber,
                status: 'completed',
                currency: 'EUR',
                customer: data.customer,
                totals: data.totals,
              }),
              attention: '[]',
              source_modified_at: iso,
              deleted_at: null,
              customer_id: data.customer.customerId ?? null,
              placed_at: iso,
              created_at: iso,
              updated_at: iso,
            });
            if (!draft) number = nextNumber('RE', year);
          }
          if (!draft && random() < 0.003) data = { ...data, attentionReasons: ['Ein Posten hat keinen Steuersatz.'] };
          docs.push({
            id,
            shop_id: shopId,
            order_id: orderId,
            type: data.type,
            status: draft ? 'draft' : 'finalized',
            number,
            issue_date: draft ? null : issueDate,
            cancels_document_id: cancels,
            source_key: cancel ? `order:${data.orderNumber}:cancellation` : `order:${data.orderNumber}:invoice`,
            created_at: iso,
            finalized_at: draft ? null : iso,
            ...documentColumns(data),
          });
          for (const term of documentSearchTerms(data, number))
            terms.push({ shop_id: shopId, term: searchKey(term), document_id: id });
          if (draft) shape.drafts++;
          const state = draft ? null : transferState(random());
          if (state) {
            shape.byTransferState[state] = (shape.byTransferState[state] ?? 0) + 1;
            transfers.push({
              id: newId('trf', ts),
              shop_id: shopId,
              document_id: id,
              target: 'sevdesk',
              state,
              checkpoint: '{}',
              sevdesk_voucher_id: state === 'transferred' ? String(100_000_000 + i) : null,
              sevdesk_contact_id: null,
              booking_state: null,
              last_error: state === 'failed' ? '{"code":"readback_mismatch","de":"…","en":"…"}' : null,
              error_code: state === 'failed' ? 'readback_mismatch' : null,
              attempts: 1,
              created_at: iso,
              updated_at: iso,
              transferred_at: state === 'transferred' ? iso : null,
            });
          } else if (!draft) shape.byTransferState.not_transferred = (shape.byTransferState.not_transferred ?? 0) + 1;
          if (!cancel && !draft) {
            recentInvoices.push({ id, orderId, number: number!, data });
            if (recentInvoices.length > 2000) recentInvoices.shift();
          }
          if (number && random() < 200 / total) shape.sampleNumbers.push(number);
          // Deep = old: the list is newest first, so these lie behind ≥ 80 % of the documents.
          if (i < total * 0.2 && random() < 1000 / total) shape.deepIds.push(id);
        }
        if (orders.length) await tx.insertInto('orders').values(orders).execute();
        await tx.insertInto('documents').values(docs).execute();
        if (transfers.length) await tx.insertInto('transfers').values(transfers).execute();
        for (let t = 0; t < terms.length; t += 5000)
          await tx
            .insertInto('document_search_terms')
            .values(terms.slice(t, t + 5000))
            .execute();
        shape.documents += docs.length;
        shape.orders += orders.length;
        shape.searchTerms += terms.length;
      }
    });
    if (i % 100_000 === 0 || i === total) {
      const s = (performance.now() - started) / 1000;
      opts.log?.(`${i.toLocaleString('en')} documents loaded (${Math.round(i / s).toLocaleString('en')}/s)`);
    }
  }

  // The shop's customer records (the list does not read them; they make the database the size it would be).
  const now = new Date().toISOString();
  for (let c = 1; c <= customers; c += 5000) {
    const rows: CustomersTable[] = [];
    for (let k = c; k < Math.min(customers + 1, c + 5000); k++)
      rows.push({
        id: newId('cus'),
        shop_id: shopId,
        external_id: String(k),
        email: `kunde${k}@example.de`,
        data: JSON.stringify({
          email: `kunde${k}@example.de`,
          billing: {
            firstName: FIRST[k % FIRST.length],
            lastName: LAST[k % LAST.length],
            street: 'Lindenstraße 12',
            zip: '50667',
            city: 'Köln',
            country: 'DE',
          },
        }),
        source_modified_at: now,
        deleted_at: null,
        created_at: now,
        updated_at: now,
      });
    await inTransaction(db, async (tx) => {
      for (let r = 0; r < rows.length; r += 1000)
        await tx
          .insertInto('customers')
          .values(rows.slice(r, r + 1000))
          .execute();
    });
  }
  return shape;
}

/** Planner statistics after a bulk load (PostgreSQL's autovacuum would collect them within a minute). */
export async function analyze(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}
