// The sevDesk calls of the invoice path (sevdesk-api.md §5): invoices and credit notes — search, save, open
// (sendBy), cancel, positions, bookAmount — on the shared SevdeskHttp (pacing, error classes, no blind write
// retries). Filters are re-checked here on the client side: sevDesk ignores unknown ones silently.
import type { Minor } from '../../domain/documents/document.js';
import type { RateBp } from '../../domain/money/vat.js';
import type { SevdeskHttp } from './sevdesk-http.js';
import { amountOut, asList, asObject, wireBool, wireId, wireMinor, wireNumber, wireRate, wireString } from './wire.js';

export type SalesKind = 'Invoice' | 'CreditNote';

export interface SalesDocumentInfo {
  kind: SalesKind;
  id: string;
  number: string | null;
  /** Invoice: RE, SR …; credit note: CN. */
  type: string | null;
  /** 100 draft, 200 open, 750 partially paid, 1000 paid (cancelled invoices too). */
  status: number | null;
  contactId: string | null;
  customerInternalNote: string | null;
  footText: string | null;
  taxRuleId: number | null;
  currency: string | null;
  showNet: boolean | null;
  sumNet: Minor;
  sumTax: Minor;
  sumGross: Minor;
  /** Invoice: the document it came from (a cancellation invoice's original). */
  originId: string | null;
  /** Credit note: the invoice it credits. */
  refSrcInvoiceId: string | null;
  deliveryAddressCountry: string | null;
}

export interface SalesPositionInfo {
  id: string | null;
  rateBp: RateBp;
  quantity: number | null;
  name: string | null;
  sumNet: Minor;
  sumTax: Minor;
  sumGross: Minor;
}

export interface SalesBookInput {
  kind: SalesKind;
  id: string;
  /** Signed: positive pays an invoice, negative a credit note (−58.31 pays 58.31). */
  amount: Minor;
  currency: string;
  /** Unix seconds: invoices and credit notes take an integer date (sevdesk-api.md §5.3). */
  date: number;
  checkAccountId: string;
  /** Required for online accounts, absent for offline/register accounts. */
  transactionId: string | null;
}

const PAGE = 100;
const MAX_PAGES = 20;

const BASE: Record<SalesKind, string> = { Invoice: '/Invoice', CreditNote: '/CreditNote' };
const POSITIONS: Record<SalesKind, { path: string; parent: string }> = {
  Invoice: { path: '/InvoicePos', parent: 'invoice' },
  CreditNote: { path: '/CreditNotePos', parent: 'creditNote' },
};

export class InvoiceApi {
  constructor(readonly http: SevdeskHttp) {}

  /** Users of the account (the contact person of an invoice), lowest id first. */
  async sevUsers(): Promise<{ id: string; name: string }[]> {
    const rows = await this.getAll('/SevUser', {});
    return rows
      .map((r) => ({
        id: wireId(r.id) ?? '',
        name: wireString(r.fullname) ?? wireString(r.username) ?? '',
      }))
      .filter((u) => u.id !== '')
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Invoices whose reference (Referenz/Bestellnummer) is exactly `reference`; the filter is exact, checked again. */
  async invoicesByReference(reference: string): Promise<SalesDocumentInfo[]> {
    const rows = await this.getAll('/Invoice', { customerInternalNote: reference });
    return rows.map((r) => toSalesDocument(r, 'Invoice')).filter((i) => i.customerInternalNote === reference);
  }

  async invoicesOfContact(contactId: string): Promise<SalesDocumentInfo[]> {
    const rows = await this.getAll('/Invoice', { 'contact[id]': contactId, 'contact[objectName]': 'Contact' });
    return rows
      .map((r) => toSalesDocument(r, 'Invoice'))
      .filter((i) => i.contactId === null || i.contactId === contactId);
  }

  async creditNotesByNumber(number: string): Promise<SalesDocumentInfo[]> {
    const rows = await this.getAll('/CreditNote', { creditNoteNumber: number });
    return rows.map((r) => toSalesDocument(r, 'CreditNote')).filter((c) => c.number === number);
  }

  async get(kind: SalesKind, id: string): Promise<SalesDocumentInfo> {
    return toSalesDocument(asObject(await this.http.get(`${BASE[kind]}/${enc(id)}`)), kind);
  }

  async positions(kind: SalesKind, id: string, currency = 'EUR'): Promise<SalesPositionInfo[]> {
    const { path, parent } = POSITIONS[kind];
    const rows = await this.getAll(path, { [`${parent}[id]`]: id, [`${parent}[objectName]`]: kind });
    return rows
      .filter((r) => wireId(r[parent]) === null || wireId(r[parent]) === id)
      .map((r) => toPosition(r, currency));
  }

  async saveInvoice(
    body: Record<string, unknown>,
  ): Promise<{ document: SalesDocumentInfo; positions: SalesPositionInfo[] }> {
    return this.save('Invoice', '/Invoice/Factory/saveInvoice', body, 'invoice', 'invoicePos');
  }

  async saveCreditNote(
    body: Record<string, unknown>,
  ): Promise<{ document: SalesDocumentInfo; positions: SalesPositionInfo[] }> {
    return this.save('CreditNote', '/CreditNote/Factory/saveCreditNote', body, 'creditNote', 'creditNotePos');
  }

  /** Opens a draft without e-mail (status 200, enshrined); the number sent with the draft is kept. */
  async send(kind: SalesKind, id: string): Promise<SalesDocumentInfo | null> {
    const o = await this.http.write(
      'PUT',
      `${BASE[kind]}/${enc(id)}/sendBy`,
      { json: { sendType: 'VPDF', sendDraft: false } },
      `PUT /${kind}/sendBy`,
    );
    const doc = asObject(o);
    return wireId(doc.id) ? toSalesDocument(doc, kind) : null;
  }

  /** The cancellation invoice (SR) of an open invoice; 421/170 and 390-inside-200 arrive as SevdeskRejectedError. */
  async cancelInvoice(id: string): Promise<SalesDocumentInfo | null> {
    const o = asObject(
      await this.http.write('POST', `/Invoice/${enc(id)}/cancelInvoice`, undefined, 'POST /Invoice/cancelInvoice'),
    );
    return wireId(o.id) ? toSalesDocument(o, 'Invoice') : null;
  }

  /** PUT /{Invoice|CreditNote}/{id}/bookAmount, type FULL_PAYMENT, date as Unix seconds. */
  async bookAmount(input: SalesBookInput): Promise<{ toStatus: number | null; logId: string | null }> {
    const body: Record<string, unknown> = {
      amount: amountOut(input.amount, input.currency),
      date: input.date,
      type: 'FULL_PAYMENT',
      checkAccount: { id: Number(input.checkAccountId), objectName: 'CheckAccount' },
      createFeed: false,
    };
    if (input.transactionId !== null)
      body.checkAccountTransaction = { id: Number(input.transactionId), objectName: 'CheckAccountTransaction' };
    const o = asObject(
      await this.http.write(
        'PUT',
        `${BASE[input.kind]}/${enc(input.id)}/bookAmount`,
        { json: body },
        `PUT /${input.kind}/bookAmount`,
      ),
    );
    return { toStatus: wireNumber(o.toStatus), logId: wireId(o.id) };
  }

  private async save(
    kind: SalesKind,
    path: string,
    body: Record<string, unknown>,
    key: string,
    posKey: string,
  ): Promise<{ document: SalesDocumentInfo; positions: SalesPositionInfo[] }> {
    const o = asObject(await this.http.write('POST', path, { json: body }, `POST ${path}`));
    const document = toSalesDocument((o[key] ?? o) as Record<string, unknown>, kind);
    if (!document.id) throw new Error(`${path} answered without an id`);
    const positions = asList(o[posKey]).map((p) => toPosition(p, document.currency ?? 'EUR'));
    return { document, positions };
  }

  /** Pages with limit/offset until a page is shorter than the limit (a full last page proves nothing). */
  private async getAll(path: string, query: Record<string, string | number>): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = asList(await this.http.get(path, { ...query, limit: PAGE, offset: page * PAGE }));
      all.push(...rows);
      if (rows.length < PAGE) return all;
    }
    throw new Error(`${path}: more than ${MAX_PAGES * PAGE} results; the filter was probably ignored`);
  }
}

const enc = (id: string) => encodeURIComponent(id);

export function toSalesDocument(r: Record<string, unknown>, kind: SalesKind): SalesDocumentInfo {
  const currency = wireString(r.currency);
  const cur = currency ?? 'EUR';
  const showNet = r.showNet === undefined || r.showNet === null ? null : wireBool(r.showNet);
  return {
    kind,
    id: wireId(r.id) ?? '',
    number: wireString(kind === 'Invoice' ? r.invoiceNumber : r.creditNoteNumber),
    type: wireString(kind === 'Invoice' ? r.invoiceType : (r.creditNoteType ?? 'CN')),
    status: wireNumber(r.status),
    contactId: wireId(r.contact),
    customerInternalNote: wireString(r.customerInternalNote),
    footText: wireString(r.footText),
    taxRuleId: r.taxRule ? wireNumber(wireId(r.taxRule)) : null,
    currency,
    showNet,
    sumNet: wireMinor(r.sumNet, cur),
    sumTax: wireMinor(r.sumTax, cur),
    sumGross: wireMinor(r.sumGross, cur),
    originId: wireId(r.origin),
    refSrcInvoiceId: wireId(r.refSrcInvoice),
    deliveryAddressCountry: wireString(r.deliveryAddressCountry),
  };
}

function toPosition(r: Record<string, unknown>, currency: string): SalesPositionInfo {
  return {
    id: wireId(r.id),
    rateBp: wireRate(r.taxRate),
    quantity: wireNumber(r.quantity),
    name: wireString(r.name),
    sumNet: wireMinor(r.sumNet, currency),
    sumTax: wireMinor(r.sumTax, currency),
    sumGross: wireMinor(r.sumGross, currency),
  };
}
