import type { Kysely } from 'kysely';
import { bigintType } from '../dialect.js';

// The sevDesk connection per shop (token encrypted), a shared cache of sevDesk's static data per connection,
// the link between shop customers and sevDesk contacts (with the last synced state), and error columns on
// transfers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sevdesk_connections')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    // New on every connect: scopes the cache, so a reconnect never reads another account's data.
    .addColumn('connection_id', 'text', (c) => c.notNull())
    // Identifies the sevDesk account (hash of base URL and token): rate-limit key and contact-link scope.
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('token_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('bookkeeping_version', 'text')
    .addColumn('requests_per_second', 'real')
    .addColumn('account_info', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_error', 'text')
    .addColumn('paused_at', 'text')
    .addColumn('connected_at', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sevdesk_connections_status').on('sevdesk_connections').column('status').execute();

  await db.schema
    .createTable('sevdesk_cache')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', bigintType, (c) => c.notNull())
    .addPrimaryKeyConstraint('sevdesk_cache_pk', ['connection_id', 'key'])
    .execute();

  await db.schema
    .createTable('customer_links')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    // "c:<shop customer id>" or "g:<order number>" for guest contacts per order.
    .addColumn('customer_key', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('customer_number', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    // 'creating': POST /Contact may have happened (search before any further create); 'linked': contact_id is known.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('synced_hash', 'text')
    // JSON: the last synced intent and the sevDesk ids of its addresses and communication ways.
    .addColumn('synced', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_links_pk', ['shop_id', 'customer_key'])
    .execute();

  await db.schema.alterTable('transfers').addColumn('error_code', 'text').execute();
  await db.schema.alterTable('transfers').addColumn('transferred_at', 'text').execute();
}
