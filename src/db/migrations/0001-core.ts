import { type Kysely, sql } from 'kysely';
import { autoIdColumn, bigintType, blobType, createImmutabilityTriggers } from '../dialect.js';

// Shops, customers, orders, webhook deliveries, documents with their files and number sequences, the job queue,
// and transfer records. Portable schema-builder statements; dialect specifics come from dialect.ts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('seller', 'text', (c) => c.notNull())
    .addColumn('webhook_secret_enc', 'text')
    .addColumn('api_key_hash', 'text')
    .addColumn('woo_url', 'text')
    .addColumn('woo_consumer_key_enc', 'text')
    .addColumn('woo_consumer_secret_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shops_api_key_hash').on('shops').column('api_key_hash').unique().execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('source_modified_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('customers_shop_external', ['shop_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('attention', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source_modified_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('orders_shop_external', ['shop_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text')
    .addColumn('topic', 'text')
    .addColumn('resource_key', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('body', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_delivery')
    .on('webhook_deliveries')
    .columns(['shop_id', 'source', 'delivery_id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_received').on('webhook_deliveries').column('received_at').execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('invoice', 'cancellation')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'finalized')`))
    .addColumn('number', 'text')
    .addColumn('issue_date', 'text')
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('net', bigintType, (c) => c.notNull())
    .addColumn('tax', bigintType, (c) => c.notNull())
    .addColumn('gross', bigintType, (c) => c.notNull())
    .addColumn('payment_method', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('tax_case', 'text')
    .addColumn('needs_attention', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('cancels_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'text')
    .addUniqueConstraint('documents_shop_source', ['shop_id', 'source_key'])
    .addUniqueConstraint('documents_shop_number', ['shop_id', 'type', 'number'])
    .execute();
  // Keyset pagination of the document list: newest first per shop, optionally filtered.
  await db.schema.createIndex('documents_shop_id').on('documents').columns(['shop_id', 'id']).execute();
  await db.schema.createIndex('documents_shop_type_id').on('documents').columns(['shop_id', 'type', 'id']).execute();
  await db.schema
    .createIndex('documents_shop_issue')
    .on('documents')
    .columns(['shop_id', 'issue_date', 'id'])
    .execute();
  await db.schema.createIndex('documents_order').on('documents').column('order_id').execute();
  await createImmutabilityTriggers(db, 'documents', "$ROW.status = 'finalized'");

  await db.schema
    .createTable('document_files')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', blobType(db), (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_files_pk', ['document_id', 'kind'])
    .execute();
  // Rendered files of a finalized document are part of the record: never changed, never deleted.
  await createImmutabilityTriggers(db, 'document_files', '1 = 1');

  await db.schema
    .createTable('number_sequences')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pk', ['shop_id', 'doc_type', 'period'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', bigintType, (c) => c.notNull())
    .addColumn('locked_until', bigintType)
    .addColumn('lease_token', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', bigintType, (c) => c.notNull())
    .addColumn('updated_at', bigintType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'queue', 'run_at']).execute();
  await db.schema.createIndex('jobs_shop').on('jobs').columns(['shop_id', 'status']).execute();
  // At most one active job per dedupe key and queue.
  await db.schema
    .createIndex('jobs_dedupe_active')
    .on('jobs')
    .columns(['queue', 'dedupe_key'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('pending', 'running')`)
    .execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sevdesk_voucher_id', 'text')
    .addColumn('sevdesk_contact_id', 'text')
    .addColumn('booking_state', 'text')
    .addColumn('last_error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('transfers_document_target', ['document_id', 'target'])
    .execute();
  await db.schema.createIndex('transfers_shop_state').on('transfers').columns(['shop_id', 'state']).execute();

  await autoIdColumn(db, db.schema.createTable('transfer_attempts'))
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('transfer_attempts_document')
    .on('transfer_attempts')
    .columns(['document_id', 'id'])
    .execute();
}
