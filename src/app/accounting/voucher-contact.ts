import { findCustomerLink } from '../../db/repos/customer-links.repo.js';
import { customerOfNewestOrder, findCustomerByExternalId } from '../../db/repos/customers.repo.js';
import type { StoredDocument } from '../../db/repos/documents.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import type { CustomerSnapshot } from '../../domain/documents/document.js';
import {
  type CustomerRef,
  collectiveSnapshot,
  contactIntent,
  contactPersonOf,
  diffIntent,
  displayName,
  customerRef,
} from '../../domain/transfer/contact-intent.js';
import type { AppContext } from '../context.js';
import type { SevdeskSession } from '../sevdesk/sevdesk-session.js';
import { type ContactAction, contactBody, ensureContact, hashIntent, intentHashOf } from '../transfer/sync-contact.js';

// The sevDesk contact(s) a document's voucher points at, per the shop's contact settings: registered customers by
// customer number; guests per order, per e-mail address, one collective contact or none; company orders as the
// organisation, optionally with the buyer as its contact person (sevDesk `parent`).

type LinkedRef = Exclude<CustomerRef, { kind: 'none' }>;

export interface VoucherContacts {
  ref: CustomerRef;
  /** The data the contact is made from (registered customers: their latest data). */
  snapshot: CustomerSnapshot;
  /** supplierName on the voucher: the customer's name even when the contact is collective or absent. */
  supplierName: string;
  person: { ref: LinkedRef; snapshot: CustomerSnapshot } | null;
}

/**
 * Registered customers: the newest data we know, so an old invoice or a late cancellation never reverts the
 * contact. That is the customer record when the shop sends them; else the customer's newest order (by order date,
 * see customerOfNewestOrder). With `ref`, that search (a scan of the shop's orders) runs only when the contact
 * holds other data than the document, i.e. when the document's data would be written: a contact never synced is
 * made from the document (a newer document's transfer moves it forward), one holding exactly the document's data
 * is left alone whatever its age.
 */
export async function currentCustomer(
  ctx: AppContext,
  shopId: string,
  fromDocument: CustomerSnapshot,
  ref?: Extract<CustomerRef, { kind: 'customer' }>,
): Promise<CustomerSnapshot> {
  const customerId = fromDocument.customerId;
  if (!customerId) return fromDocument;
  const stored = await findCustomerByExternalId(ctx.db, shopId, customerId).catch(() => null);
  if (stored && !stored.deletedAt && stored.data?.billing) return { ...stored.data, customerId };
  if (ref) {
    const link = await findCustomerLink(ctx.db, shopId, ref.key);
    if (!link?.syncedHash || link.syncedHash === intentHashOf(fromDocument, ref.customerNumber)) return fromDocument;
  }
  const newest = await customerOfNewestOrder(ctx.db, shopId, customerId);
  return newest?.billing ? { ...newest, customerId } : fromDocument;
}

export async function voucherContacts(ctx: AppContext, shop: Shop, doc: StoredDocument): Promise<VoucherContacts> {
  const s = shop.settings.sevdesk;
  const ref = customerRef(doc.data.customer, doc.data.orderNumber, {
    prefix: s.customerNumberPrefix,
    guestContacts: s.guestContacts,
  });
  const supplierName = displayName(doc.data.customer);
  if (ref.kind === 'collective')
    return { ref, snapshot: collectiveSnapshot(s.collectiveContactName), supplierName, person: null };
  const snapshot =
    ref.kind === 'customer' ? await currentCustomer(ctx, shop.id, doc.data.customer, ref) : doc.data.customer;
  const person =
    ref.kind !== 'none' && s.companyContacts === 'organisation_and_person' ? contactPersonOf(snapshot, ref) : null;
  return { ref, snapshot, supplierName: ref.kind === 'customer' ? displayName(snapshot) : supplierName, person };
}

export interface EnsuredContacts {
  contactId: string | null;
  action: ContactAction | null;
  personId: string | null;
  personAction: ContactAction | null;
}

/** Contact first (and its contact person), before the voucher that points at it. */
export async function ensureVoucherContacts(
  ctx: AppContext,
  session: SevdeskSession,
  contacts: VoucherContacts,
): Promise<EnsuredContacts> {
  if (contacts.ref.kind === 'none') return { contactId: null, action: null, personId: null, personAction: null };
  const org = await ensureContact(ctx, session, contacts.ref, contacts.snapshot);
  if (!contacts.person) return { contactId: org.contactId, action: org.action, personId: null, personAction: null };
  const person = await ensureContact(ctx, session, contacts.person.ref, contacts.person.snapshot, {
    parentId: org.contactId,
  });
  return { contactId: org.contactId, action: org.action, personId: person.contactId, personAction: person.action };
}

export interface ContactPlan {
  kind: CustomerRef['kind'];
  customerNumber: string | null;
  /** reuse: linked and unchanged; update: linked, changed fields are written; lookup_or_create: found by customer
   * number (or e-mail for registered customers) or created; none: the voucher carries only supplierName. */
  action: 'reuse' | 'update' | 'lookup_or_create' | 'none';
  contactId: string | null;
  /** What changes on update (contact fields, addresses, e-mail, phone). */
  changes: string[];
  /** The POST /Contact body used when the contact has to be created. */
  createBody: Record<string, unknown> | null;
  parentCustomerNumber?: string;
}

/** What ensureContact would do, judged from our own links only (no sevDesk call). */
async function planOne(
  ctx: AppContext,
  shopId: string,
  accountKey: string | null,
  ref: LinkedRef,
  snapshot: CustomerSnapshot,
  parentId: string | null,
): Promise<ContactPlan> {
  const intent = contactIntent(snapshot, ref.customerNumber);
  const link = await findCustomerLink(ctx.db, shopId, ref.key);
  const usable = link && link.state === 'linked' && link.contactId && (!accountKey || link.accountKey === accountKey);
  const base = { kind: ref.kind, customerNumber: ref.customerNumber };
  if (usable && link.contactId) {
    if (link.syncedHash === hashIntent(intent))
      return { ...base, action: 'reuse', contactId: link.contactId, changes: [], createBody: null };
    const diff = diffIntent(link.intent, intent);
    const changes = [
      ...Object.keys(diff.fields),
      ...(['billing', 'shipping', 'email', 'phone'] as const).filter((k) => diff[k]),
    ];
    return { ...base, action: 'update', contactId: link.contactId, changes, createBody: null };
  }
  return {
    ...base,
    action: 'lookup_or_create',
    contactId: null,
    changes: [],
    createBody: contactBody(intent, parentId),
  };
}

export async function planVoucherContacts(
  ctx: AppContext,
  shopId: string,
  accountKey: string | null,
  contacts: VoucherContacts,
): Promise<{ contact: ContactPlan; person: ContactPlan | null }> {
  if (contacts.ref.kind === 'none')
    return {
      contact: {
        kind: 'none',
        customerNumber: null,
        action: 'none',
        contactId: null,
        changes: [],
        createBody: null,
      },
      person: null,
    };
  const contact = await planOne(ctx, shopId, accountKey, contacts.ref, contacts.snapshot, null);
  if (!contacts.person) return { contact, person: null };
  const person = await planOne(
    ctx,
    shopId,
    accountKey,
    contacts.person.ref,
    contacts.person.snapshot,
    contact.contactId,
  );
  // The organisation's id is known only once it exists; the body shows where it goes.
  if (person.createBody && !contact.contactId) person.createBody.parent = { id: null, objectName: 'Contact' };
  return { contact, person: { ...person, parentCustomerNumber: contacts.ref.customerNumber } };
}
