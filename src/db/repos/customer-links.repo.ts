import type { ContactIntent } from '../../domain/transfer/contact-intent.js';
import type { CustomerLinksTable, Db } from '../database.js';

/** The sevDesk ids of a contact's parts that Belegfluss writes. */
export interface LinkedParts {
  billingAddressId?: string | null;
  shippingAddressId?: string | null;
  emailId?: string | null;
  phoneId?: string | null;
}

export interface CustomerLink {
  shopId: string;
  customerKey: string;
  accountKey: string;
  customerNumber: string;
  contactId: string | null;
  state: 'creating' | 'linked';
  syncedHash: string | null;
  /** The intent as last written to sevDesk (null until the first complete sync). */
  intent: ContactIntent | null;
  parts: LinkedParts;
  /** ISO time of the last write (read-only: saveCustomerLink sets it). */
  updatedAt?: string;
}

interface SyncedJson {
  intent?: ContactIntent | null;
  parts?: LinkedParts;
}

function toLink(row: CustomerLinksTable): CustomerLink {
  const synced = JSON.parse(row.synced || '{}') as SyncedJson;
  return {
    shopId: row.shop_id,
    customerKey: row.customer_key,
    accountKey: row.account_key,
    customerNumber: row.customer_number,
    contactId: row.contact_id,
    state: row.state === 'creating' ? 'creating' : 'linked',
    syncedHash: row.synced_hash,
    intent: synced.intent ?? null,
    parts: synced.parts ?? {},
    updatedAt: row.updated_at,
  };
}

export async function findCustomerLink(db: Db, shopId: string, customerKey: string): Promise<CustomerLink | null> {
  const row = await db
    .selectFrom('customer_links')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('customer_key', '=', customerKey)
    .executeTakeFirst();
  return row ? toLink(row) : null;
}

/** Insert or replace the whole link. */
export async function saveCustomerLink(db: Db, link: CustomerLink, now: string): Promise<void> {
  const values = {
    account_key: link.accountKey,
    customer_number: link.customerNumber,
    contact_id: link.contactId,
    state: link.state,
    synced_hash: link.syncedHash,
    synced: JSON.stringify({ intent: link.intent, parts: link.parts } satisfies SyncedJson),
    updated_at: now,
  };
  await db
    .insertInto('customer_links')
    .values({ shop_id: link.shopId, customer_key: link.customerKey, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['shop_id', 'customer_key']).doUpdateSet(values))
    .execute();
}

/**
 * Take the right to create the customer's contact: the link becomes `creating` only if it is still as the caller
 * read it (`read`, null = no row). Two runs that raced past the lookup cannot both POST /Contact.
 */
export async function claimContactCreation(
  db: Db,
  link: Omit<CustomerLink, 'contactId' | 'state' | 'syncedHash' | 'intent' | 'parts' | 'updatedAt'>,
  read: { state: string; updatedAt: string } | null,
  now: string,
): Promise<boolean> {
  const values = {
    account_key: link.accountKey,
    customer_number: link.customerNumber,
    contact_id: null,
    state: 'creating',
    synced_hash: null,
    synced: '{}',
    updated_at: now,
  };
  if (read === null) {
    const r = await db
      .insertInto('customer_links')
      .values({ shop_id: link.shopId, customer_key: link.customerKey, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['shop_id', 'customer_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('customer_links')
    .set(values)
    .where('shop_id', '=', link.shopId)
    .where('customer_key', '=', link.customerKey)
    .where('state', '=', read.state)
    .where('updated_at', '=', read.updatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteCustomerLink(db: Db, shopId: string, customerKey: string): Promise<void> {
  await db.deleteFrom('customer_links').where('shop_id', '=', shopId).where('customer_key', '=', customerKey).execute();
}
