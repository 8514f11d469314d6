import { type Kysely, sql } from 'kysely';
import { bigintType } from '../dialect.js';

// Booking of transferred vouchers in sevDesk (issue 5): one row per document with its state, the chosen check
// account, the linked transaction, the candidates a person may pick from, and the re-match schedule. The per-
// document log of what was decided lives in transfer_attempts (action 'book').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bookings')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('transfer_id', 'text', (c) => c.references('transfers.id'))
    .addColumn('voucher_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON {code, de, en}; the code again as a column for filters.
    .addColumn('reason', 'text')
    .addColumn('reason_code', 'text')
    // Signed minor units: invoices > 0, cancellations < 0.
    .addColumn('amount', bigintType)
    .addColumn('currency', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('payment_method', 'text')
    .addColumn('search_key', 'text')
    .addColumn('check_account_id', 'text')
    .addColumn('check_account_type', 'text')
    .addColumn('check_account_name', 'text')
    .addColumn('transaction_id', 'text')
    // 'auto' | 'link' | 'manual': who asked for the booking that was written (or requested).
    .addColumn('origin', 'text')
    // JSON array of candidate transactions (full matches when ambiguous, near misses while waiting).
    .addColumn('candidates', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_checked_at', 'text')
    .addColumn('last_checked_at', 'text')
    // Epoch ms; null = no automatic check planned.
    .addColumn('next_check_at', bigintType)
    .addColumn('write_requested_at', 'text')
    .addColumn('booking_date', 'text')
    .addColumn('booked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The match job: due rows per shop and state.
  await db.schema
    .createIndex('bookings_shop_state_due')
    .on('bookings')
    .columns(['shop_id', 'state', 'next_check_at'])
    .execute();
  // Keyset lists per shop (admin UI), newest documents first.
  await db.schema.createIndex('bookings_shop_document').on('bookings').columns(['shop_id', 'document_id']).execute();
  // One transaction pays one document: a second claim by us is refused by the database itself.
  await db.schema
    .createIndex('bookings_transaction_once')
    .on('bookings')
    .columns(['shop_id', 'transaction_id'])
    .unique()
    .where(sql.ref('state'), 'in', sql`('booking', 'linked')`)
    .execute();
}
