// Contact, ContactAddress and CommunicationWay (sevdesk-api.md §2).
import type { ApiRequest, ApiRouter } from '../api-router.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import {
  applyFields,
  contains,
  type FieldTable,
  head,
  type RefResolver,
  refFilter,
  renderFields,
  sevClientRef,
} from '../records.js';
import { boolParam, created, embedSet, ok, one, page, textParam } from '../respond.js';
import { CATEGORIES_BY_ID, COMMUNICATION_WAY_KEYS, COUNTRIES_BY_ID } from '../static-data.js';
import type { AccountState, AddressRec, CommunicationWayRec, ContactRec } from '../state.js';
import { renderCategory, renderCountry } from './static.js';

const CONTACT_FIELDS: FieldTable = {
  name: 'string',
  status: 'int',
  customerNumber: 'string',
  parent: { ref: 'Contact' },
  surename: 'string',
  familyname: 'string',
  titel: 'string',
  category: { ref: 'Category' },
  description: 'string',
  academicTitle: 'string',
  gender: 'string',
  name2: 'string',
  birthday: 'string',
  vatNumber: 'string',
  bankAccount: 'string',
  bankNumber: 'string',
  defaultCashbackTime: 'int',
  defaultCashbackPercent: 'decimal',
  defaultTimeToPay: 'int',
  taxNumber: 'string',
  taxOffice: 'string',
  exemptVat: 'bool',
  defaultDiscountAmount: 'decimal',
  defaultDiscountPercentage: 'bool',
  buyerReference: 'string',
  governmentAgency: 'bool',
};

const ADDRESS_FIELDS: FieldTable = {
  contact: { ref: 'Contact' },
  street: 'string',
  zip: 'string',
  city: 'string',
  country: { ref: 'StaticCountry' },
  category: { ref: 'Category' },
  name: 'string',
  name2: 'string',
  name3: 'string',
  name4: 'string',
};

const COMMUNICATION_WAY_FIELDS: FieldTable = {
  contact: { ref: 'Contact' },
  type: 'string',
  value: 'string',
  key: { ref: 'CommunicationWayKey' },
  main: 'bool',
};

export function renderContact(account: AccountState, contact: ContactRec, embed?: ReadonlySet<string>) {
  const out = head(contact, 'Contact');
  renderFields(contact, CONTACT_FIELDS, out, embed, referenceResolver(account));
  if (contact.parent === null) delete out.parent;
  out.sevClient = sevClientRef(account.sevClientId);
  out.taxType = null;
  out.defaultShowVat = '1';
  return out;
}

function renderAddress(account: AccountState, address: AddressRec, embed?: ReadonlySet<string>) {
  const out = head(address, 'ContactAddress');
  renderFields(address, ADDRESS_FIELDS, out, embed, referenceResolver(account));
  for (const key of ['name2', 'name3', 'name4'] as const) if (address[key] === null) delete out[key];
  out.sevClient = sevClientRef(account.sevClientId);
  return out;
}

function renderCommunicationWay(account: AccountState, way: CommunicationWayRec, embed?: ReadonlySet<string>) {
  const out = head(way, 'CommunicationWay');
  renderFields(way, COMMUNICATION_WAY_FIELDS, out, embed, referenceResolver(account));
  out.sevClient = sevClientRef(account.sevClientId);
  return out;
}

export function referenceResolver(account: AccountState): RefResolver {
  return (objectName, id) => {
    if (objectName === 'Category') {
      const category = CATEGORIES_BY_ID.get(id);
      return category ? renderCategory(category) : undefined;
    }
    if (objectName === 'StaticCountry') {
      const country = COUNTRIES_BY_ID.get(id);
      return country ? renderCountry(country) : undefined;
    }
    if (objectName === 'Contact') {
      const contact = account.contacts.get(id);
      return contact ? renderContact(account, contact) : undefined;
    }
    return undefined;
  };
}

export function requireContact(account: AccountState, id: number): ContactRec {
  const contact = account.contacts.get(id);
  if (!contact) throw notFound('Contact', id);
  return contact;
}

function requireCategory(id: number | null, objectType: string): void {
  if (id === null) return;
  const category = CATEGORIES_BY_ID.get(id);
  if (!category) throw notFound('Category', id);
  if (category.objectType !== objectType)
    throw unprocessable(`Category ${id} (${category.name}) can not be used for ${objectType}`);
}

const isPerson = (contact: ContactRec): boolean => contact.name === null;

function nextCustomerNumber(req: ApiRequest): string {
  const { account, store } = req;
  let n = account.sequences.customerNumber;
  while (store.contactsByCustomerNumber(account, String(n)).length > 0) n++;
  return String(n);
}

export function registerContactRoutes(api: ApiRouter): void {
  // --- Contact ---
  api.get('/Contact/Factory/getNextCustomerNumber', (req) => ok(nextCustomerNumber(req)));
  api.get('/Contact/Mapper/checkCustomerNumberAvailability', (req) => {
    const number = req.query.get('customerNumber') ?? '';
    return ok(number !== '' && req.store.contactsByCustomerNumber(req.account, number).length === 0);
  });

  api.post('/Contact', (req) => {
    const { account, store, now } = req;
    const contact = emptyContact(store.nextId('contact'), now);
    applyFields(contact, req.body, CONTACT_FIELDS);
    if (contact.name === '') contact.name = null;
    if (contact.name === null && !contact.surename && !contact.familyname)
      throw unprocessable('A contact needs a name (organisation) or surename/familyname (person)');
    requireCategory(contact.category, 'Contact');
    if (contact.parent !== null) requireContact(account, contact.parent);
    if (contact.customerNumber === null || contact.customerNumber === '') {
      contact.customerNumber = nextCustomerNumber(req);
      account.sequences.customerNumber = Number(contact.customerNumber) + 1;
    }
    account.contacts.set(contact.id, contact);
    store.reindexContact(account, contact, null);
    return created(renderContact(account, contact));
  });

  api.get('/Contact', (req) => {
    const { account, query, store } = req;
    // depth=0 (the default) lists organisations only; persons need depth=1 (sevdesk-api.md §2.3).
    const withPersons = query.get('depth') === '1';
    const customerNumber = query.get('customerNumber');
    const name = textParam(query, 'name');
    const category = refFilter(query, 'category');
    const source =
      customerNumber !== null ? store.contactsByCustomerNumber(account, customerNumber) : account.contacts.values();
    const found: ContactRec[] = [];
    for (const c of source) {
      if (!withPersons && isPerson(c)) continue;
      if (name !== undefined && !contains(c.name, name) && !contains(c.surename, name) && !contains(c.familyname, name))
        continue;
      if (category !== undefined && c.category !== category) continue;
      found.push(c);
    }
    const embed = embedSet(query);
    return page(query, found, (c) => renderContact(account, c, embed));
  });

  api.get('/Contact/{contactId}', (req) =>
    one(renderContact(req.account, requireContact(req.account, req.params.contactId!), embedSet(req.query))),
  );

  api.put('/Contact/{contactId}', (req) => {
    const { account, store, body, now } = req;
    const contact = requireContact(account, req.params.contactId!);
    const previousNumber = contact.customerNumber;
    const wasPerson = isPerson(contact);
    const input = { ...body };
    // A name on a person does not turn it into an organisation (measured, sevdesk-api.md §2.1).
    if (wasPerson) delete input.name;
    const next = { ...contact };
    applyFields(next, input, CONTACT_FIELDS);
    requireCategory(next.category, 'Contact');
    if (next.parent !== null) requireContact(account, next.parent);
    Object.assign(contact, next, { update: now });
    store.reindexContact(account, contact, previousNumber);
    return ok(renderContact(account, contact));
  });

  api.delete('/Contact/{contactId}', (req) => {
    const { account, store } = req;
    const contact = requireContact(account, req.params.contactId!);
    const hasDocuments =
      [...account.vouchers.values()].some((v) => v.supplier === contact.id) ||
      [...account.invoices.values()].some((i) => i.contact === contact.id) ||
      [...account.creditNotes.values()].some((c) => c.contact === contact.id);
    if (hasDocuments) throw conflict('The contact has documents and can not be deleted', null);
    account.contacts.delete(contact.id);
    store.reindexContact(account, contact, contact.customerNumber);
    for (const [id, a] of account.addresses) if (a.contact === contact.id) account.addresses.delete(id);
    for (const [id, w] of account.communicationWays) if (w.contact === contact.id) account.communicationWays.delete(id);
    return ok([null]);
  });

  // --- ContactAddress ---
  api.post('/ContactAddress', (req) => {
    const { account, store, now } = req;
    const address: AddressRec = {
      id: store.nextId('address'),
      create: now,
      update: now,
      contact: 0,
      street: null,
      zip: null,
      city: null,
      country: 0,
      category: null,
      name: null,
      name2: null,
      name3: null,
      name4: null,
    };
    applyFields(address, req.body, ADDRESS_FIELDS);
    checkAddressReferences(account, address);
    account.addresses.set(address.id, address);
    // The create response embeds the full contact (observed).
    return created(renderAddress(account, address, new Set(['contact'])));
  });

  api.get('/ContactAddress', (req) => {
    const { account, query } = req;
    const contact = refFilter(query, 'contact');
    const found = [...account.addresses.values()].filter((a) => contact === undefined || a.contact === contact);
    const embed = embedSet(query);
    return page(query, found, (a) => renderAddress(account, a, embed));
  });

  api.get('/ContactAddress/{contactAddressId}', (req) =>
    one(renderAddress(req.account, requireAddress(req.account, req.params.contactAddressId!), embedSet(req.query))),
  );

  api.put('/ContactAddress/{contactAddressId}', (req) => {
    const { account, body, now } = req;
    const address = requireAddress(account, req.params.contactAddressId!);
    const next = { ...address };
    applyFields(next, body, ADDRESS_FIELDS);
    checkAddressReferences(account, next);
    Object.assign(address, next, { update: now });
    return ok(renderAddress(account, address));
  });

  api.delete('/ContactAddress/{contactAddressId}', (req) => {
    const address = requireAddress(req.account, req.params.contactAddressId!);
    req.account.addresses.delete(address.id);
    return ok([null]);
  });

  // --- CommunicationWay ---
  api.post('/CommunicationWay', (req) => {
    const { account, store, now } = req;
    const way: CommunicationWayRec = {
      id: store.nextId('communicationWay'),
      create: now,
      update: now,
      contact: null,
      type: '',
      value: '',
      key: 0,
      main: false,
    };
    applyFields(way, req.body, COMMUNICATION_WAY_FIELDS);
    checkCommunicationWayReferences(account, way);
    account.communicationWays.set(way.id, way);
    return created(renderCommunicationWay(account, way));
  });

  api.get('/CommunicationWay', (req) => {
    const { account, query } = req;
    const contact = refFilter(query, 'contact');
    const type = textParam(query, 'type');
    const main = boolParam(query, 'main');
    // `value` is not in the spec but filters server-side (exact, case-insensitive), as used by shop plugins.
    const value = textParam(query, 'value')?.toLowerCase();
    const found = [...account.communicationWays.values()].filter(
      (w) =>
        (contact === undefined || w.contact === contact) &&
        (type === undefined || w.type === type) &&
        (main === undefined || (w.main ?? false) === main) &&
        (value === undefined || w.value.toLowerCase() === value),
    );
    const embed = embedSet(query);
    return page(query, found, (w) => renderCommunicationWay(account, w, embed));
  });

  api.get('/CommunicationWay/{communicationWayId}', (req) =>
    one(
      renderCommunicationWay(
        req.account,
        requireCommunicationWay(req.account, req.params.communicationWayId!),
        embedSet(req.query),
      ),
    ),
  );

  api.put('/CommunicationWay/{communicationWayId}', (req) => {
    const { account, body, now } = req;
    const way = requireCommunicationWay(account, req.params.communicationWayId!);
    const next = { ...way };
    applyFields(next, body, COMMUNICATION_WAY_FIELDS);
    checkCommunicationWayReferences(account, next);
    Object.assign(way, next, { update: now });
    return ok(renderCommunicationWay(account, way));
  });

  api.delete('/CommunicationWay/{communicationWayId}', (req) => {
    const way = requireCommunicationWay(req.account, req.params.communicationWayId!);
    req.account.communicationWays.delete(way.id);
    return ok([null]);
  });
}

function emptyContact(id: number, now: number): ContactRec {
  return {
    id,
    create: now,
    update: now,
    name: null,
    status: 100,
    customerNumber: null,
    parent: null,
    surename: null,
    familyname: null,
    titel: null,
    category: 0,
    description: null,
    academicTitle: null,
    gender: null,
    name2: null,
    birthday: null,
    vatNumber: null,
    bankAccount: null,
    bankNumber: null,
    defaultCashbackTime: null,
    defaultCashbackPercent: null,
    defaultTimeToPay: null,
    taxNumber: null,
    taxOffice: null,
    exemptVat: false,
    defaultDiscountAmount: null,
    defaultDiscountPercentage: true,
    buyerReference: null,
    governmentAgency: false,
  };
}

function requireAddress(account: AccountState, id: number): AddressRec {
  const address = account.addresses.get(id);
  if (!address) throw notFound('ContactAddress', id);
  return address;
}

function requireCommunicationWay(account: AccountState, id: number): CommunicationWayRec {
  const way = account.communicationWays.get(id);
  if (!way) throw notFound('CommunicationWay', id);
  return way;
}

function checkAddressReferences(account: AccountState, address: AddressRec): void {
  requireContact(account, address.contact);
  if (!COUNTRIES_BY_ID.has(address.country)) throw notFound('StaticCountry', address.country);
  requireCategory(address.category, 'ContactAddress');
}

function checkCommunicationWayReferences(account: AccountState, way: CommunicationWayRec): void {
  if (way.contact !== null) requireContact(account, way.contact);
  if (!COMMUNICATION_WAY_KEYS.some((k) => k.id === way.key)) throw notFound('CommunicationWayKey', way.key);
}
