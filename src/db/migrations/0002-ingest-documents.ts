import type { Kysely } from 'kysely';

// Ingestion and the document list: search terms for the list's `q`, and indexes for its filters, so that
// every filter combination the API offers is an index range read even at a million documents per shop.
export async function up(db: Kysely<any>): Promise<void> {
  // Prefix search over number, order number, customer name words and e-mail. One row per (document, term), the term
  // lower-cased and hex-encoded (collation-proof prefix ranges, see documents-list.repo.ts); maintained by the
  // document use cases. A separate table keeps `documents` (immutable once finalized) untouched.
  await db.schema
    .createTable('document_search_terms')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addPrimaryKeyConstraint('document_search_terms_pk', ['shop_id', 'term', 'document_id'])
    .execute();
  await db.schema
    .createIndex('document_search_terms_document')
    .on('document_search_terms')
    .column('document_id')
    .execute();

  // List filters, each ordered by id so keyset pagination reads the index in order and stops at the limit.
  await db.schema
    .createIndex('documents_shop_status_id')
    .on('documents')
    .columns(['shop_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('documents_shop_attention_id')
    .on('documents')
    .columns(['shop_id', 'needs_attention', 'id'])
    .execute();
  await db.schema.createIndex('documents_cancels').on('documents').column('cancels_document_id').execute();
  // Transfer-state filter: driven from transfers, in document id order.
  await db.schema
    .createIndex('transfers_shop_state_document')
    .on('transfers')
    .columns(['shop_id', 'state', 'document_id'])
    .execute();
  // Redelivery lookups and the retention cleanup.
  await db.schema
    .createIndex('webhook_deliveries_resource')
    .on('webhook_deliveries')
    .columns(['shop_id', 'resource_key'])
    .execute();
  await db.schema.createIndex('customers_shop_email').on('customers').columns(['shop_id', 'email']).execute();
}
