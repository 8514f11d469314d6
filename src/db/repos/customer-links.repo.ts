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

export async function deleteCustomerLink(db: Db, shopId: string, customerKey: string): Promise<void> {
  await db.deleteFrom('customer_links').where('shop_id', '=', shopId).where('customer_key', '=', customerKey).execute();
}
