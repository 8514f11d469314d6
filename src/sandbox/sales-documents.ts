// What Invoice and CreditNote share: saving drafts, positions and sums, tax-rule checks (incl. OSS), the read
// routes, rendering and the life cycle draft (100) → open (200, enshrined, numbered) → partially paid (750) → paid
// (1000). SALES holds what differs between the two kinds.
import { allowedRates, isEuMemberState } from '../domain/tax/eu-countries.js';
import type { ApiRequest, ApiRouter } from './api-router.js';
import { bookingInput, bookPayment, refuseCurrencyFluctuation, removePayments, renderBookingLog } from './booking.js';
import { deletedPositionIds, positionRateBp, positionToReplace, requestedTaxRule } from './document-input.js';
import { addSums, priceToScaledMinor, salesPositionSums } from './document-math.js';
import { badRequest, conflict, notFound, unprocessable } from './errors.js';
import { applyFields, type FieldTable, head, refFilter, renderSums, sevClientRef } from './records.js';
import { type ApiResult, created, ok, one, page, textParam } from './respond.js';
import { COUNTRIES_BY_ID, countryByCode, OSS_RULE_IDS, TAX_RULES_BY_ID, UNITIES } from './static-data.js';
import type { AccountState, SalesDocRec, SalesPosRec } from './state.js';
import { renderTextPdf } from './pdf.js';
import {
  berlinDay,
  flag,
  formatMinor,
  formatRateBp,
  isoBerlin,
  minorAsNumber,
  parseDateInput,
  toMinor,
} from './wire.js';

type Bag = Record<string, unknown>;
export type SalesKind = SalesDocRec['kind'];

/** What differs between the two document kinds: wire names, ids, numbering and wording. */
interface SalesKindInfo {
  /** Key of the document in save bodies, booking logs and position filters (`invoice[id]=`). */
  key: 'invoice' | 'creditNote';
  /** Wire name of the number, also the key of its number sequence. */
  number: 'invoiceNumber' | 'creditNoteNumber';
  date: string;
  type: string;
  pos: 'InvoicePos' | 'CreditNotePos';
  /** Prefix of `…PosSave` / `…PosDelete`, also the id kind of positions. */
  posKey: 'invoicePos' | 'creditNotePos';
  /** Route of one document and its id parameter. */
  path: string;
  idParam: string;
  plural: string;
  numberPrefix: string;
  documentType: string;
  pdfTitle: string;
  /** Invoices are paid by incoming money, credit notes by outgoing money (−58.31 pays 58.31). */
  direction: 1 | -1;
  /** The statuses a 1.0 save may set; anything else saves a draft. */
  saveStatuses: readonly number[];
}

const SALES: Readonly<Record<SalesKind, SalesKindInfo>> = {
  Invoice: {
    key: 'invoice',
    number: 'invoiceNumber',
    date: 'invoiceDate',
    type: 'invoiceType',
    pos: 'InvoicePos',
    posKey: 'invoicePos',
    path: '/Invoice/{invoiceId}',
    idParam: 'invoiceId',
    plural: 'invoices',
    numberPrefix: 'RE-',
    documentType: 'RE',
    pdfTitle: 'Rechnung',
    direction: 1,
    saveStatuses: [100, 200],
  },
  CreditNote: {
    key: 'creditNote',
    number: 'creditNoteNumber',
    date: 'creditNoteDate',
    type: 'creditNoteType',
    pos: 'CreditNotePos',
    posKey: 'creditNotePos',
    path: '/CreditNote/{creditNoteId}',
    idParam: 'creditNoteId',
    plural: 'credit notes',
    numberPrefix: 'GU-',
    documentType: 'CN',
    pdfTitle: 'Gutschrift',
    direction: -1,
    saveStatuses: [100],
  },
};

const HEADER_FIELDS: FieldTable = {
  number: 'string',
  date: 'date',
  documentType: 'string',
  contact: { ref: 'Contact' },
  contactPerson: { ref: 'SevUser' },
  header: 'string',
  headText: 'string',
  footText: 'string',
  timeToPay: 'int',
  discount: 'int',
  address: 'string',
  addressCountry: { ref: 'StaticCountry' },
  deliveryAddressCountry: 'string',
  deliveryDate: 'date',
  deliveryDateUntil: 'date',
  smallSettlement: 'bool',
  taxText: 'string',
  taxType: 'string',
  paymentMethod: { ref: 'PaymentMethod' },
  currency: 'string',
  showNet: 'bool',
  customerInternalNote: 'string',
  propertyIsEInvoice: 'bool',
  bookingCategory: 'string',
  refSrcInvoice: { ref: 'Invoice' },
};

const LEGACY_TAX_TYPES: Readonly<Record<string, number>> = { default: 1, eu: 3, noteu: 17, ss: 11 };

export const documentMap = (account: AccountState, kind: SalesKind) =>
  kind === 'Invoice' ? account.invoices : account.creditNotes;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function requireDocument(account: AccountState, kind: SalesKind, id: number): SalesDocRec {
  const doc = documentMap(account, kind).get(id);
  if (!doc) throw notFound(kind, id);
  return doc;
}

export function emptyDocument(kind: SalesKind, account: AccountState, now: number): SalesDocRec {
  return {
    id: 0,
    create: now,
    update: now,
    kind,
    number: null,
    contact: 0,
    contactPerson: account.sevUserId,
    date: now,
    header: null,
    headText: null,
    footText: null,
    timeToPay: null,
    discount: 0,
    address: null,
    addressCountry: null,
    deliveryAddressCountry: null,
    payDate: null,
    deliveryDate: null,
    deliveryDateUntil: null,
    status: 100,
    smallSettlement: false,
    taxRule: null,
    taxType: null,
    taxText: null,
    paymentMethod: null,
    sendDate: null,
    sendType: null,
    documentType: SALES[kind].documentType,
    currency: 'EUR',
    showNet: true,
    sumNet: 0,
    sumTax: 0,
    sumGross: 0,
    paidAmount: 0,
    enshrined: null,
    origin: null,
    customerInternalNote: null,
    propertyIsEInvoice: null,
    bookingCategory: null,
    refSrcInvoice: null,
    cancelledBy: null,
    positions: [],
  };
}

/** Applies a saveInvoice/saveCreditNote header, renaming the kind-specific wire names to the shared fields. */
export function applyHeader(doc: SalesDocRec, input: Bag): void {
  const names = SALES[doc.kind];
  const renamed: Bag = { ...input };
  if (names.number in input) renamed.number = input[names.number];
  if (names.date in input) renamed.date = input[names.date];
  if (doc.kind === 'Invoice' && 'invoiceType' in input) renamed.documentType = input.invoiceType;
  applyFields(doc, renamed, HEADER_FIELDS);
  if (typeof doc.deliveryAddressCountry === 'string')
    doc.deliveryAddressCountry = doc.deliveryAddressCountry.toLowerCase();
}

/** Contact, user and country references must exist. */
export function checkReferences(account: AccountState, doc: SalesDocRec): void {
  if (!account.contacts.has(doc.contact)) throw notFound('Contact', doc.contact);
  if (doc.contactPerson !== account.sevUserId) throw notFound('SevUser', doc.contactPerson);
  if (doc.addressCountry !== null && !COUNTRIES_BY_ID.has(doc.addressCountry))
    throw notFound('StaticCountry', doc.addressCountry);
  if (doc.deliveryAddressCountry && !countryByCode(doc.deliveryAddressCountry))
    throw unprocessable(`Unknown deliveryAddressCountry ${doc.deliveryAddressCountry}`);
}

const DOMESTIC_RATES_BP: readonly number[] = [0, 700, 1900];

/** Resolves the tax rule (2.0) or checks the tax type (1.0); returns the allowed rates in basis points. */
export function resolveTax(account: AccountState, doc: SalesDocRec, input: Bag): readonly number[] {
  if (account.bookkeepingVersion === '1.0') {
    if (!doc.taxType) throw unprocessable('taxType is required in bookkeeping 1.0');
    doc.taxRule = null;
    return DOMESTIC_RATES_BP;
  }
  const ruleId = requestedTaxRule(input, doc, LEGACY_TAX_TYPES);
  const rule = TAX_RULES_BY_ID.get(ruleId);
  // Commission (PROVISION) credit notes take the expense rule 9; everything else needs a revenue rule.
  const expected = doc.bookingCategory === 'PROVISION' ? 'EXPENSE' : 'REVENUE';
  if (rule?.receiptType !== expected) throw unprocessable(`Invalid tax rule ${ruleId}`);
  doc.taxRule = rule.id;
  doc.taxType = null;
  if (['AR', 'TR', 'ER'].includes(doc.documentType) && rule.id !== 1 && rule.id !== 11)
    throw unprocessable(`Tax rule ${rule.id} can not be used for advance, partial or final invoices`);
  if (!OSS_RULE_IDS.has(rule.id)) return rule.rates.map((percent) => percent * 100);
  // One Stop Shop: the rates in force in the destination country (deliveryAddressCountry, else the billing
  // country) on the document date, from the same EU rate table the transfer code uses.
  if (doc.propertyIsEInvoice) throw unprocessable('One Stop Shop tax rules can not be used for e-invoices');
  const destination = doc.deliveryAddressCountry
    ? countryByCode(doc.deliveryAddressCountry)
    : doc.addressCountry !== null
      ? COUNTRIES_BY_ID.get(doc.addressCountry)
      : undefined;
  if (!destination || destination.code === 'de' || !isEuMemberState(destination.code))
    throw unprocessable('One Stop Shop tax rules need an EU destination country other than Germany');
  return allowedRates(destination.code, berlinDay(doc.date));
}

export function buildPositions(
  req: ApiRequest,
  doc: SalesDocRec,
  items: Bag[],
  allowedRatesBp: readonly number[],
  rateNotAllowed?: (rate: string) => Error,
) {
  return items.map((input, index): SalesPosRec => {
    const where = `${SALES[doc.kind].pos}Save.${index}`;
    const rateBp = positionRateBp(input, where);
    if (!allowedRatesBp.includes(rateBp))
      throw (
        rateNotAllowed?.(formatRateBp(rateBp)) ??
        unprocessable(
          `Tax rate ${formatRateBp(rateBp)} is not allowed with tax rule ${doc.taxRule ?? doc.taxType}; allowed: ${allowedRatesBp.map(formatRateBp).join(', ')}`,
        )
      );
    const unity = Number((input.unity as { id?: unknown } | undefined)?.id);
    if (!UNITIES.some((u) => u.id === unity)) throw notFound('Unity', unity);
    const { id, existing } = positionToReplace(doc.positions, input, SALES[doc.kind].pos);
    const price = input.price ?? 0;
    const quantity = Number(input.quantity);
    const discountPercent = Number(input.discount ?? 0);
    let scaledPrice: bigint;
    try {
      scaledPrice = priceToScaledMinor(price);
    } catch {
      throw badRequest(`Validation error: ${where}.price must be a number`);
    }
    return {
      id,
      create: existing?.create ?? req.now,
      update: req.now,
      part: (input.part as { id?: number } | undefined)?.id ?? null,
      quantity,
      price: Number(price),
      name: (input.name as string | null | undefined) ?? null,
      unity,
      positionNumber: input.positionNumber === undefined ? index : Number(input.positionNumber),
      text: (input.text as string | null | undefined) ?? null,
      discountPercent,
      taxRateBp: rateBp,
      ...salesPositionSums(doc.showNet, scaledPrice, quantity, discountPercent, rateBp),
    };
  });
}

/** Replaces the positions from a save call (ids update, no id adds, *PosDelete removes) and re-totals. */
export function mergePositions(doc: SalesDocRec, saved: SalesPosRec[] | null, deleteValue: unknown): void {
  const deletes = deletedPositionIds(deleteValue);
  if (saved) {
    const replaced = new Map(saved.filter((p) => p.id).map((p) => [p.id, p]));
    doc.positions = [
      ...doc.positions.filter((p) => !deletes.has(p.id)).map((p) => replaced.get(p.id) ?? p),
      ...saved.filter((p) => !p.id),
    ];
  } else {
    doc.positions = doc.positions.filter((p) => !deletes.has(p.id));
  }
  Object.assign(doc, addSums(doc.positions));
}

export function commitDocument(req: ApiRequest, doc: SalesDocRec, existing: SalesDocRec | undefined): SalesDocRec {
  const { account, store, now } = req;
  const names = SALES[doc.kind];
  if (!existing) doc.id = store.nextId(names.key);
  for (const p of doc.positions) if (!p.id) p.id = store.nextId(names.posKey);
  doc.update = now;
  if (existing) {
    Object.assign(existing, doc);
    return existing;
  }
  documentMap(account, doc.kind).set(doc.id, doc);
  return doc;
}

export function nextNumber(account: AccountState, kind: SalesKind): string {
  const names = SALES[kind];
  return `${names.numberPrefix}${account.sequences[names.number]++}`;
}

/** What saveInvoice or saveCreditNote adds to the shared rules, once the tax rule is resolved. */
export interface SaveRules {
  /** The tax rates (basis points) the saved positions may carry. */
  rates: readonly number[];
  /** The error for a position rate outside `rates`; default a 422 that lists the allowed rates. */
  rateNotAllowed?: (rate: string) => Error;
  /** Last check of the document with its merged positions, before it is stored. */
  check?: (doc: SalesDocRec) => void;
}

/**
 * saveInvoice / saveCreditNote: creates a draft or changes one (drafts only). Everything is validated on a copy;
 * the store changes only when all checks passed.
 */
export function saveDraft(
  req: ApiRequest,
  kind: SalesKind,
  kindRules: (doc: SalesDocRec, rates: readonly number[]) => SaveRules,
): ApiResult {
  const { account, body, now } = req;
  const names = SALES[kind];
  const input = body[names.key] as Bag;
  const existing =
    input.id !== undefined && input.id !== null ? requireDocument(account, kind, Number(input.id)) : undefined;
  if (existing && existing.status !== 100) throw unprocessable(`Only draft ${names.plural} can be changed`);
  const doc: SalesDocRec = existing
    ? { ...existing, positions: existing.positions.map((p) => ({ ...p })) }
    : emptyDocument(kind, account, now);
  applyHeader(doc, input);
  const status = Number(input.status);
  if (account.bookkeepingVersion === '2.0' && status !== 100)
    throw unprocessable(`${capitalised(names.plural)} can only be created with the status DRAFT (100)`);
  doc.status = names.saveStatuses.includes(status) ? status : 100;
  checkReferences(account, doc);
  const rules = kindRules(doc, resolveTax(account, doc, input));
  const saves = body[`${names.posKey}Save`];
  const saved = Array.isArray(saves)
    ? buildPositions(req, doc, saves as Bag[], rules.rates, rules.rateNotAllowed)
    : null;
  mergePositions(doc, saved, body[`${names.posKey}Delete`]);
  rules.check?.(doc);
  return created(renderSaved(account, commitDocument(req, doc, existing)));
}

/**
 * The list (filters status, number, contact[id], startDate/endDate; `moreFilters` adds a kind's own), one document,
 * and the position list with its `invoice[id]` / `creditNote[id]` filter.
 */
export function registerReadRoutes(
  api: ApiRouter,
  kind: SalesKind,
  moreFilters?: (query: URLSearchParams) => (doc: SalesDocRec) => boolean,
): void {
  const names = SALES[kind];
  api.get(`/${kind}`, (req) => {
    const { account, query } = req;
    const status = textParam(query, 'status');
    const number = query.get(names.number);
    const contact = refFilter(query, 'contact');
    const start = textParam(query, 'startDate');
    const end = textParam(query, 'endDate');
    const more = moreFilters?.(query);
    const found = [...documentMap(account, kind).values()].filter(
      (d) =>
        (status === undefined || d.status === Number(status)) &&
        (number === null || d.number === number) &&
        (contact === undefined || d.contact === contact) &&
        (start === undefined || d.date >= Number(start)) &&
        (end === undefined || d.date <= Number(end)) &&
        (more === undefined || more(d)),
    );
    return page(query, found, (d) => renderDocument(account, d));
  });

  api.get(names.path, (req) =>
    one(renderDocument(req.account, requireDocument(req.account, kind, req.params[names.idParam]!))),
  );

  api.get(`/${names.pos}`, (req) => {
    const { account, query } = req;
    const docId = refFilter(query, names.key);
    const rows: Array<[SalesDocRec, SalesPosRec]> = [];
    for (const doc of documentMap(account, kind).values())
      if (docId === undefined || doc.id === docId) for (const p of doc.positions) rows.push([doc, p]);
    return page(query, rows, ([doc, p]) => renderPosition(account, doc, p));
  });
}

// --- rendering ---

export function renderDocument(account: AccountState, doc: SalesDocRec) {
  const names = SALES[doc.kind];
  const out: Bag = head(doc, doc.kind);
  out[names.number] = doc.number;
  out.contact = { id: String(doc.contact), objectName: 'Contact' };
  out.sevClient = sevClientRef(account.sevClientId);
  out[names.date] = isoBerlin(doc.date);
  out.header = doc.header;
  out.headText = doc.headText;
  out.footText = doc.footText;
  out.timeToPay = doc.timeToPay === null ? null : String(doc.timeToPay);
  out.discountTime = null;
  out.discount = String(doc.discount);
  out.addressCountry =
    doc.addressCountry === null ? null : { id: String(doc.addressCountry), objectName: 'StaticCountry' };
  out.payDate = isoBerlin(doc.payDate);
  out.createUser = { id: String(account.sevUserId), objectName: 'SevUser' };
  out.deliveryDate = isoBerlin(doc.deliveryDate);
  out.status = String(doc.status);
  out.smallSettlement = flag(doc.smallSettlement);
  out.contactPerson = { id: String(doc.contactPerson), objectName: 'SevUser' };
  out.taxRate = '0';
  out.taxText = doc.taxText;
  out.taxType = doc.taxType;
  out.sendDate = isoBerlin(doc.sendDate);
  if (doc.origin) out.origin = { id: String(doc.origin.id), objectName: doc.origin.objectName };
  out[names.type] = doc.documentType;
  out.address = doc.address;
  out.currency = doc.currency;
  out.sumNet = formatMinor(doc.sumNet);
  out.sumTax = formatMinor(doc.sumTax);
  out.sumGross = formatMinor(doc.sumGross);
  out.sumDiscounts = '0';
  out.sumNetForeignCurrency = '0';
  out.sumTaxForeignCurrency = '0';
  out.sumGrossForeignCurrency = '0';
  out.sumDiscountsForeignCurrency = '0';
  out.sumNetAccounting = out.sumNet;
  out.sumTaxAccounting = out.sumTax;
  out.sumGrossAccounting = out.sumGross;
  if (doc.kind === 'Invoice') out.paidAmount = minorAsNumber(doc.paidAmount);
  out.customerInternalNote = doc.customerInternalNote;
  out.showNet = flag(doc.showNet);
  out.enshrined = isoBerlin(doc.enshrined);
  out.sendType = doc.sendType;
  out.deliveryDateUntil = isoBerlin(doc.deliveryDateUntil);
  if (doc.kind === 'Invoice') {
    out.propertyIsEInvoice = doc.propertyIsEInvoice;
    if (doc.deliveryAddressCountry) out.deliveryAddressCountry = doc.deliveryAddressCountry;
  } else {
    out.bookingCategory = doc.bookingCategory;
    out.refSrcInvoice = doc.refSrcInvoice === null ? null : { id: String(doc.refSrcInvoice), objectName: 'Invoice' };
  }
  if (doc.taxRule !== null) out.taxRule = { id: String(doc.taxRule), objectName: 'TaxRule' };
  return out;
}

export function renderPosition(account: AccountState, doc: SalesDocRec, p: SalesPosRec) {
  const names = SALES[doc.kind];
  const out: Bag = head(p, names.pos);
  out[names.key] = { id: String(doc.id), objectName: doc.kind };
  if (p.part !== null) out.part = { id: String(p.part), objectName: 'Part' };
  out.quantity = String(p.quantity);
  out.price = String(p.price);
  out.name = p.name;
  out.unity = { id: String(p.unity), objectName: 'Unity' };
  out.sevClient = sevClientRef(account.sevClientId);
  out.positionNumber = p.positionNumber === null ? null : String(p.positionNumber);
  out.text = p.text;
  out.discount = String(p.discountPercent);
  out.taxRate = formatRateBp(p.taxRateBp);
  out.sumDiscount = '0';
  renderSums(out, p);
  return out;
}

export function renderSaved(account: AccountState, doc: SalesDocRec) {
  const { key } = SALES[doc.kind];
  return {
    [key]: renderDocument(account, doc),
    [`${key}Pos`]: doc.positions.map((p) => renderPosition(account, doc, p)),
  };
}

// --- life cycle ---

/** Opens a draft: status 200, number assigned, enshrined (sevdesk-api.md §5.3). */
export function openDocument(account: AccountState, doc: SalesDocRec, sendType: string, now: number): void {
  if (doc.status === 100) {
    doc.number ??= nextNumber(account, doc.kind);
    doc.status = 200;
    doc.enshrined ??= now;
  }
  doc.sendType = sendType;
  doc.sendDate ??= now;
  doc.update = now;
}

export function registerLifecycleRoutes(api: ApiRouter, kind: SalesKind): void {
  const names = SALES[kind];
  const load = (req: ApiRequest) => requireDocument(req.account, kind, req.params[names.idParam]!);

  api.put(`${names.path}/sendBy`, (req) => {
    const doc = load(req);
    if (req.body.sendDraft !== true) openDocument(req.account, doc, String(req.body.sendType), req.now);
    return ok(renderDocument(req.account, doc));
  });

  api.put(`${names.path}/bookAmount`, (req) => {
    const { account, store, now, body } = req;
    const doc = load(req);
    if (doc.status === 100) throw unprocessable(`A draft ${kind} can not be booked; open it with sendBy first`);
    if (doc.status === 1000) throw unprocessable(`The ${kind} is already paid`, 750);
    refuseCurrencyFluctuation(body.type, account);
    const contact = account.contacts.get(doc.contact);
    const date = parseDateInput(body.date);
    if (date === null) throw badRequest('Validation error: date must be a Unix timestamp');
    const log = bookPayment(doc, bookingInput(body, toMinor(body.amount), date), {
      account,
      store,
      now,
      ref: { objectName: kind, id: doc.id },
      openStatus: 200,
      direction: names.direction,
      purpose: doc.number,
      payeePayerName: contact
        ? (contact.name ?? [contact.surename, contact.familyname].filter(Boolean).join(' '))
        : null,
    });
    return ok(renderBookingLog(account, log, names.key, 'ammountPayed'));
  });

  api.get(`${names.path}/getPdf`, (req) => {
    const doc = load(req);
    const preventSendBy = /^(1|true)$/i.test(req.query.get('preventSendBy') ?? '');
    // Without preventSendBy, rendering a draft opens and enshrines it (sevdesk-api.md §5.3).
    if (doc.status === 100 && !preventSendBy) {
      openDocument(req.account, doc, 'VPDF', req.now);
      req.store.markChanged();
    }
    const pdf = renderTextPdf([
      `${names.pdfTitle} ${doc.number ?? '(Entwurf)'}`,
      doc.header ?? '',
      ...doc.positions.map((p) => `${p.quantity} x ${p.name ?? ''}: ${formatMinor(p.sumGross)} ${doc.currency}`),
      `Summe brutto: ${formatMinor(doc.sumGross)} ${doc.currency}`,
      'Belegfluss sevDesk-Sandbox (Testmodus)',
    ]);
    return ok({
      filename: `${doc.number ?? `${kind}-${doc.id}`}.pdf`,
      mimetype: 'application/pdf',
      base64Encoded: true,
      content: pdf.toString('base64'),
    });
  });

  api.put(`${names.path}/resetToOpen`, (req) => {
    const { account, now } = req;
    const doc = load(req);
    if (doc.status === 100) throw unprocessable(`A draft ${kind} can not be reset to open`);
    if (kind === 'Invoice' && hasCreditNote(account, doc.id))
      throw unprocessable('A credit note exists for this invoice', 170);
    if (doc.status > 200) removePayments(doc, { objectName: kind, id: doc.id }, 200, account, now);
    return ok(renderDocument(account, doc));
  });

  api.put(`${names.path}/resetToDraft`, (req) => {
    const doc = load(req);
    if (doc.status > 200) throw unprocessable(`The ${kind} has payments; reset it to open first`);
    if (doc.enshrined !== null) throw unprocessable(`The ${kind} is enshrined and can not be reset to draft`);
    doc.status = 100;
    doc.update = req.now;
    return ok(renderDocument(req.account, doc));
  });

  api.put(`${names.path}/enshrine`, (req) => {
    const doc = load(req);
    if (doc.status < 200) throw unprocessable(`Only opened ${kind} documents can be enshrined`);
    if (doc.enshrined !== null) throw unprocessable(`The ${kind} is already enshrined`);
    doc.enshrined = req.now;
    doc.update = req.now;
    return ok(null);
  });

  api.delete(names.path, (req) => {
    const doc = load(req);
    if (doc.status !== 100) throw conflict(`The ${kind} can not be deleted because it is no longer a draft`);
    documentMap(req.account, kind).delete(doc.id);
    return ok([null]);
  });
}

export function hasCreditNote(account: AccountState, invoiceId: number): boolean {
  for (const c of account.creditNotes.values()) if (c.refSrcInvoice === invoiceId) return true;
  return false;
}

/** Gross already credited against an invoice by credit notes. */
export function creditedGross(account: AccountState, invoiceId: number, exceptId = 0): number {
  let sum = 0;
  for (const c of account.creditNotes.values())
    if (c.refSrcInvoice === invoiceId && c.id !== exceptId) sum += c.sumGross;
  return sum;
}
