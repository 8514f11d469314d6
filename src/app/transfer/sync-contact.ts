import { createHash } from 'node:crypto';
import {
  type CustomerLink,
  claimContactCreation,
  findCustomerLink,
  type LinkedParts,
  saveCustomerLink,
} from '../../db/repos/customer-links.repo.js';
import type { CustomerSnapshot } from '../../domain/documents/document.js';
import {
  type AddressIntent,
  type ContactIntent,
  type CustomerRef,
  canonicalIntent,
  contactIntent,
  diffIntent,
} from '../../domain/transfer/contact-intent.js';
import { messages } from '../../domain/transfer/messages.js';
import type { AddressInfo, CommunicationWayInfo, ContactInfo } from '../../integrations/sevdesk/sevdesk-api.js';
import {
  SevdeskAmbiguousWriteError,
  SevdeskError,
  SevdeskNotFoundError,
} from '../../integrations/sevdesk/sevdesk-errors.js';
import type { AppContext } from '../context.js';
import type { SevdeskSession } from '../sevdesk/sevdesk-session.js';
import { assertWriteSettled, writeInFlight } from '../sevdesk/write-fence.js';
import {
  addressCategories,
  addressCategoryIds,
  countries,
  countryCodeOf,
  countryIdOf,
} from '../sevdesk/static-data.js';

// The sevDesk contact of a shop customer: created once, found again by stored id → customer number → e-mail,
// never created twice, and updated only where the customer's data changed since the last sync (a hash of the
// synced state makes an unchanged returning customer cost no call at all).

export const CUSTOMER_CATEGORY_ID = 3;
/** CommunicationWayKey "Arbeit" (sevdesk-api.md §2.6). */
const WAY_KEY_WORK = 2;

export type ContactAction = 'unchanged' | 'updated' | 'created' | 'adopted';

export interface ContactResult {
  contactId: string;
  action: ContactAction;
}

export const hashIntent = (intent: ContactIntent): string =>
  createHash('sha256').update(canonicalIntent(intent)).digest('hex');

export function intentHashOf(snapshot: CustomerSnapshot, customerNumber: string): string {
  return hashIntent(contactIntent(snapshot, customerNumber));
}

/** The contact was deleted in sevDesk (404/151 on the contact itself). */
class ContactGone extends Error {}

export async function ensureContact(
  ctx: AppContext,
  session: SevdeskSession,
  ref: Exclude<CustomerRef, { kind: 'none' }>,
  snapshot: CustomerSnapshot,
  opts: { parentId?: string | null } = {},
): Promise<ContactResult> {
  const intent = contactIntent(snapshot, ref.customerNumber);
  const hash = hashIntent(intent);
  const shopId = session.shopId;
  const stored = await findCustomerLink(ctx.db, shopId, ref.key);
  // Another run may have just sent POST /Contact for this customer: its contact may not be findable yet.
  if (stored?.state === 'creating') assertWriteSettled(ctx, stored.updatedAt, 'new contact of this customer');
  // A link made in another sevDesk account (reconnected elsewhere) says nothing about this one.
  const link = stored && stored.accountKey === session.accountKey ? stored : null;
  // The row as this run last saw or wrote it: the create below only goes ahead if nobody changed it since.
  let seen = stored?.updatedAt ? { state: stored.state, updatedAt: stored.updatedAt } : null;

  const save = async (l: CustomerLink) => {
    const at = ctx.now().toISOString();
    await saveCustomerLink(ctx.db, l, at);
    seen = { state: l.state, updatedAt: at };
  };
  const base = {
    shopId,
    customerKey: ref.key,
    accountKey: session.accountKey,
    customerNumber: ref.customerNumber,
  };

  if (link?.state === 'linked' && link.contactId) {
    if (link.syncedHash === hash) return { contactId: link.contactId, action: 'unchanged' };
    const contactId = link.contactId;
    try {
      const parts = await writeChanges(ctx, session, contactId, link.intent, link.parts, intent, (p) =>
        save({ ...link!, parts: p }),
      );
      await save({ ...base, contactId, state: 'linked', syncedHash: hash, intent, parts });
      return { contactId, action: 'updated' };
    } catch (e) {
      if (!(e instanceof ContactGone)) throw e;
      ctx.logger.info({ shopId, contactId }, 'sevDesk contact was deleted; looking it up again');
    }
  }

  // No usable link (or a create that may have happened): search before any create.
  const existing = await lookupContact(session, ref, intent);
  if (existing) {
    const contactId = existing.id;
    await save({ ...base, contactId, state: 'linked', syncedHash: null, intent: null, parts: {} });
    const observed = await observeContact(ctx, session, existing, intent);
    const parts = await writeChanges(ctx, session, contactId, observed.intent, observed.parts, intent, (p) =>
      save({ ...base, contactId, state: 'linked', syncedHash: null, intent: null, parts: p }),
    );
    await save({ ...base, contactId, state: 'linked', syncedHash: hash, intent, parts });
    return { contactId, action: 'adopted' };
  }

  // Create: the checkpoint comes first, so an unclear answer is resolved by a search, never a second POST.
  const claimedAt = ctx.now().toISOString();
  if (!(await claimContactCreation(ctx.db, base, seen, claimedAt)))
    throw writeInFlight('new contact of this customer', 1_000);
  let contactId: string;
  try {
    contactId = await session.api.createContact(contactBody(intent, opts.parentId ?? null));
  } catch (e) {
    if (!(e instanceof SevdeskAmbiguousWriteError)) throw e;
    const again = await session.api.contactsByCustomerNumber(ref.customerNumber);
    if (again.length > 1) throw ambiguous(`customer number ${ref.customerNumber}`);
    if (!again[0]) throw e;
    contactId = again[0].id;
  }
  await save({ ...base, contactId, state: 'linked', syncedHash: null, intent: null, parts: {} });
  const created: ContactIntent = { ...intent, billing: null, shipping: null, email: null, phone: null };
  const parts = await writeChanges(ctx, session, contactId, created, {}, intent, (p) =>
    save({ ...base, contactId, state: 'linked', syncedHash: null, intent: null, parts: p }),
  );
  await save({ ...base, contactId, state: 'linked', syncedHash: hash, intent, parts });
  return { contactId, action: 'created' };
}

function ambiguous(what: string): SevdeskError {
  return new SevdeskError('permanent', messages.contactAmbiguous(what));
}

/** Customer number (exact), then — for registered customers — the e-mail address (case-insensitive). */
async function lookupContact(
  session: SevdeskSession,
  ref: Exclude<CustomerRef, { kind: 'none' }>,
  intent: ContactIntent,
): Promise<ContactInfo | null> {
  const byNumber = await session.api.contactsByCustomerNumber(ref.customerNumber);
  if (byNumber.length > 1) throw ambiguous(`customer number ${ref.customerNumber}`);
  if (byNumber[0]) return byNumber[0];
  // Guests get a contact per order; matching them by e-mail would merge orders the merchant wants apart.
  if (ref.kind !== 'customer' || !intent.email) return null;
  const ways = await session.api.communicationWaysByEmail(intent.email);
  const ids = [...new Set(ways.map((w) => w.contactId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return null;
  const customers: ContactInfo[] = [];
  for (const id of ids) {
    try {
      const c = await session.api.getContact(id);
      // A contact carrying another of our customer numbers belongs to another shop customer: not this one.
      const ours = ref.prefix !== '' && c.customerNumber?.startsWith(ref.prefix);
      if ((c.categoryId === null || c.categoryId === String(CUSTOMER_CATEGORY_ID)) && !ours) customers.push(c);
    } catch (e) {
      if (!(e instanceof SevdeskNotFoundError)) throw e;
    }
  }
  if (customers.length > 1) throw ambiguous(`e-mail ${intent.email}`);
  return customers[0] ?? null;
}

/** The state of an adopted contact as sevDesk holds it, to write only what differs. */
async function observeContact(
  ctx: AppContext,
  session: SevdeskSession,
  contact: ContactInfo,
  desired: ContactIntent,
): Promise<{ intent: ContactIntent; parts: LinkedParts }> {
  const [addresses, ways, countryList, categoryList] = await Promise.all([
    session.api.contactAddresses(contact.id),
    session.api.communicationWaysOf(contact.id),
    countries(ctx, session),
    addressCategories(ctx, session),
  ]);
  const cats = addressCategoryIds(categoryList);
  const billing = addresses.find((a) => a.categoryId === cats.billing) ?? null;
  const shipping = addresses.find((a) => a.categoryId === cats.shipping) ?? null;
  const pickWay = (type: string, want: string | null): CommunicationWayInfo | null => {
    const of = ways.filter((w) => w.type.toUpperCase() === type);
    return (
      of.find((w) => want !== null && w.value.trim().toLowerCase() === want.toLowerCase()) ??
      of.find((w) => w.main) ??
      of[0] ??
      null
    );
  };
  const email = pickWay('EMAIL', desired.email);
  const phone = pickWay('PHONE', desired.phone);
  const toIntent = (a: AddressInfo | null): AddressIntent | null =>
    a
      ? {
          name: a.name,
          street: a.street ?? '',
          zip: a.zip ?? '',
          city: a.city ?? '',
          country: countryCodeOf(countryList, a.countryId) ?? '',
        }
      : null;
  return {
    intent: {
      customerNumber: desired.customerNumber,
      fields: {
        name: contact.name,
        surename: contact.surename,
        familyname: contact.familyname,
        vatNumber: contact.vatNumber,
      },
      billing: toIntent(billing),
      shipping: toIntent(shipping),
      email: email?.value.trim().toLowerCase() ?? null,
      phone: phone?.value ?? null,
    },
    parts: {
      billingAddressId: billing?.id ?? null,
      shippingAddressId: shipping?.id ?? null,
      emailId: email?.id ?? null,
      phoneId: phone?.id ?? null,
    },
  };
}

/** The POST /Contact body; a contact person carries its organisation as `parent` (sevdesk-api.md §2.1). */
export function contactBody(intent: ContactIntent, parentId: string | null = null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    category: { id: CUSTOMER_CATEGORY_ID, objectName: 'Category' },
    status: 1000,
    customerNumber: intent.customerNumber,
  };
  for (const [k, v] of Object.entries(intent.fields)) if (v !== null) body[k] = v;
  if (parentId) body.parent = { id: Number(parentId), objectName: 'Contact' };
  return body;
}

/** Writes what differs between `previous` and `desired`; returns the ids of the written parts. */
async function writeChanges(
  ctx: AppContext,
  session: SevdeskSession,
  contactId: string,
  previous: ContactIntent | null,
  knownParts: LinkedParts,
  desired: ContactIntent,
  persistParts: (parts: LinkedParts) => Promise<void>,
): Promise<LinkedParts> {
  const api = session.api;
  const parts: LinkedParts = { ...knownParts };
  const changes = diffIntent(previous, desired);
  if (Object.keys(changes.fields).length > 0) {
    try {
      await api.updateContact(contactId, changes.fields);
    } catch (e) {
      if (e instanceof SevdeskNotFoundError) throw new ContactGone();
      throw e;
    }
  }
  if (changes.billing || changes.shipping) {
    const [countryList, categoryList] = await Promise.all([countries(ctx, session), addressCategories(ctx, session)]);
    const cats = addressCategoryIds(categoryList);
    for (const kind of ['billing', 'shipping'] as const) {
      const address = desired[kind];
      if (!changes[kind] || !address) continue;
      const key = kind === 'billing' ? 'billingAddressId' : 'shippingAddressId';
      const countryId = countryIdOf(countryList, address.country);
      if (!countryId) throw new SevdeskError('permanent', messages.countryUnknown(address.country));
      const fields = {
        street: address.street,
        zip: address.zip,
        city: address.city,
        country: { id: Number(countryId), objectName: 'StaticCountry' },
        ...(address.name ? { name: address.name } : {}),
      };
      parts[key] = await upsertPart(
        parts[key] ?? null,
        (id) => api.updateContactAddress(id, fields),
        () =>
          api.createContactAddress({
            contact: { id: Number(contactId), objectName: 'Contact' },
            ...fields,
            category: { id: Number(cats[kind]), objectName: 'Category' },
          }),
        async () =>
          (await api.contactAddresses(contactId)).find(
            (a) => a.categoryId === cats[kind] && (a.street ?? '') === address.street && (a.zip ?? '') === address.zip,
          )?.id ?? null,
      );
      await persistParts(parts);
    }
  }
  for (const kind of ['email', 'phone'] as const) {
    const value = desired[kind];
    if (!changes[kind] || !value) continue;
    const key = kind === 'email' ? 'emailId' : 'phoneId';
    const type = kind === 'email' ? 'EMAIL' : 'PHONE';
    parts[key] = await upsertPart(
      parts[key] ?? null,
      (id) => api.updateCommunicationWay(id, { value }),
      () =>
        api.createCommunicationWay({
          contact: { id: Number(contactId), objectName: 'Contact' },
          type,
          value,
          key: { id: WAY_KEY_WORK, objectName: 'CommunicationWayKey' },
          main: kind === 'email',
        }),
      async () =>
        (await api.communicationWaysOf(contactId)).find(
          (w) => w.type.toUpperCase() === type && w.value.trim().toLowerCase() === value.toLowerCase(),
        )?.id ?? null,
    );
    await persistParts(parts);
  }
  return parts;
}

/**
 * Update a known part (PUT is idempotent), or create it. A part that was deleted in sevDesk is created again;
 * an unclear create is resolved by listing the contact's parts, never by a second POST.
 */
async function upsertPart(
  id: string | null,
  update: (id: string) => Promise<void>,
  create: () => Promise<string>,
  findCreated: () => Promise<string | null>,
): Promise<string> {
  if (id) {
    try {
      await update(id);
      return id;
    } catch (e) {
      if (!(e instanceof SevdeskNotFoundError)) throw e;
    }
  }
  try {
    return await create();
  } catch (e) {
    if (e instanceof SevdeskNotFoundError) throw new ContactGone();
    if (!(e instanceof SevdeskAmbiguousWriteError)) throw e;
    const found = await findCreated();
    if (found) return found;
    throw e;
  }
}
