// The sevDesk operations Belegfluss uses, with their wire shapes parsed into plain values. Requests follow
// sevdesk-api.md (§2 contacts, §4 vouchers, §6.3 ReceiptGuidance); the official spec's response shapes are not
// trusted (everything is wrapped in `objects`; by-id GETs return lists; numbers may be strings).
import type { Minor } from '../../domain/documents/document.js';
import type { RateBp } from '../../domain/money/vat.js';
import type { SevdeskHttp } from './sevdesk-http.js';
import { asList, asObject, wireBool, wireId, wireMinor, wireNumber, wireRate, wireString } from './wire.js';

export interface CheckAccountInfo {
  id: string;
  name: string;
  type: string;
  currency: string | null;
  accountingNumber: string | null;
  status: number | null;
  defaultAccount: boolean;
}

export interface GuidanceRow {
  accountDatevId: string;
  accountNumber: string;
  accountName: string;
  receiptTypes: string[];
  /** rule id → allowed rate names (ZERO/SEVEN/NINETEEN) */
  rules: { id: number; name: string; taxRates: string[] }[];
}

export interface CostCentreInfo {
  id: string;
  name: string;
  number: string | null;
}

export interface CountryInfo {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

export interface CategoryInfo {
  id: string;
  name: string;
  code: string | null;
}

export interface ContactInfo {
  id: string;
  customerNumber: string | null;
  name: string | null;
  surename: string | null;
  familyname: string | null;
  vatNumber: string | null;
  categoryId: string | null;
}

export interface AddressInfo {
  id: string;
  categoryId: string | null;
  street: string | null;
  zip: string | null;
  city: string | null;
  countryId: string | null;
  name: string | null;
}

export interface CommunicationWayInfo {
  id: string;
  contactId: string | null;
  type: string;
  value: string;
  main: boolean;
}

export interface VoucherInfo {
  id: string;
  description: string | null;
  status: number | null;
  creditDebit: string | null;
  currency: string | null;
  taxRuleId: number | null;
  taxType: string | null;
  supplierId: string | null;
  sumNet: Minor;
  sumTax: Minor;
  sumGross: Minor;
}

export interface VoucherPosInfo {
  id: string | null;
  rateBp: RateBp;
  net: boolean;
  sumNet: Minor;
  sumTax: Minor;
  sumGross: Minor;
  accountDatevId: string | null;
  comment: string | null;
}

const PAGE = 100;
/** A marker or customer-number search that needs more pages than this is not a lookup any more. */
const MAX_PAGES = 20;

export class SevdeskApi {
  constructor(readonly http: SevdeskHttp) {}

  // --- account and static data -------------------------------------------------------------

  async bookkeepingVersion(): Promise<string | null> {
    const o = asObject(await this.http.get('/Tools/bookkeepingSystemVersion'));
    return wireString(o.version);
  }

  async checkAccounts(): Promise<CheckAccountInfo[]> {
    const rows = await this.getAll('/CheckAccount', {});
    return rows.map((r) => ({
      id: wireId(r.id) ?? '',
      name: wireString(r.name) ?? '',
      type: wireString(r.type) ?? '',
      currency: wireString(r.currency),
      accountingNumber: wireString(r.accountingNumber),
      status: wireNumber(r.status),
      defaultAccount: wireBool(r.defaultAccount),
    }));
  }

  async revenueGuidance(): Promise<GuidanceRow[]> {
    const rows = asList(await this.http.get('/ReceiptGuidance/forRevenue'));
    return rows.map((r) => ({
      accountDatevId: wireId(r.accountDatevId) ?? '',
      accountNumber: wireString(r.accountNumber) ?? '',
      accountName: wireString(r.accountName) ?? '',
      receiptTypes: Array.isArray(r.allowedReceiptTypes) ? r.allowedReceiptTypes.map(String) : [],
      rules: Array.isArray(r.allowedTaxRules)
        ? (r.allowedTaxRules as Record<string, unknown>[]).map((t) => ({
            id: wireNumber(t.id) ?? -1,
            name: wireString(t.name) ?? '',
            taxRates: Array.isArray(t.taxRates) ? t.taxRates.map(String) : [],
          }))
        : [],
    }));
  }

  /** The account's cost centres (`GET /CostCentre`, served although the spec's paths omit it, sevdesk-api.md §10). */
  async costCentres(): Promise<CostCentreInfo[]> {
    const rows = await this.getAll('/CostCentre', {});
    return rows.map((r) => ({
      id: wireId(r.id) ?? '',
      name: wireString(r.name) ?? '',
      number: wireString(r.number),
    }));
  }

  async staticCountries(): Promise<CountryInfo[]> {
    const rows = await this.getAll('/StaticCountry', {}, 1000);
    return rows.map((r) => ({
      id: wireId(r.id) ?? '',
      code: (wireString(r.code) ?? '').toLowerCase(),
      name: wireString(r.name) ?? '',
      nameEn: wireString(r.nameEn) ?? '',
    }));
  }

  async categories(objectType: string): Promise<CategoryInfo[]> {
    const rows = await this.getAll('/Category', { objectType });
    return rows
      .filter((r) => r.objectType === undefined || String(r.objectType) === objectType)
      .map((r) => ({ id: wireId(r.id) ?? '', name: wireString(r.name) ?? '', code: wireString(r.code) }));
  }

  // --- contacts ------------------------------------------------------------------------------

  /** Exact match on the client side (the filter may be a prefix match or ignored). depth=1 includes persons. */
  async contactsByCustomerNumber(customerNumber: string): Promise<ContactInfo[]> {
    const rows = await this.getAll('/Contact', { customerNumber, depth: 1 });
    return rows.map(toContact).filter((c) => c.customerNumber === customerNumber);
  }

  async getContact(id: string): Promise<ContactInfo> {
    return toContact(asObject(await this.http.get(`/Contact/${enc(id)}`)));
  }

  async createContact(body: Record<string, unknown>): Promise<string> {
    const o = asObject(await this.http.write('POST', '/Contact', { json: body }, 'POST /Contact'));
    return requireId(o, 'POST /Contact');
  }

  async updateContact(id: string, body: Record<string, unknown>): Promise<void> {
    await this.http.write('PUT', `/Contact/${enc(id)}`, { json: body }, 'PUT /Contact');
  }

  async contactAddresses(contactId: string): Promise<AddressInfo[]> {
    const rows = await this.getAll('/ContactAddress', { 'contact[id]': contactId, 'contact[objectName]': 'Contact' });
    return rows
      .filter((r) => wireId(r.contact) === null || wireId(r.contact) === contactId)
      .map((r) => ({
        id: wireId(r.id) ?? '',
        categoryId: wireId(r.category),
        street: wireString(r.street),
        zip: wireString(r.zip),
        city: wireString(r.city),
        countryId: wireId(r.country),
        name: wireString(r.name),
      }));
  }

  async createContactAddress(body: Record<string, unknown>): Promise<string> {
    const o = asObject(await this.http.write('POST', '/ContactAddress', { json: body }, 'POST /ContactAddress'));
    return requireId(o, 'POST /ContactAddress');
  }

  async updateContactAddress(id: string, body: Record<string, unknown>): Promise<void> {
    await this.http.write('PUT', `/ContactAddress/${enc(id)}`, { json: body }, 'PUT /ContactAddress');
  }

  /** All ways of a contact, filtered locally (the combined server filter returned empty lists in some accounts). */
  async communicationWaysOf(contactId: string): Promise<CommunicationWayInfo[]> {
    const rows = await this.getAll('/CommunicationWay', {
      'contact[id]': contactId,
      'contact[objectName]': 'Contact',
    });
    return rows.map(toCommunicationWay).filter((w) => w.contactId === null || w.contactId === contactId);
  }

  /** E-mail lookup: the `value` filter is undocumented, so the match is made case-insensitively here. */
  async communicationWaysByEmail(email: string): Promise<CommunicationWayInfo[]> {
    const rows = await this.getAll('/CommunicationWay', { type: 'EMAIL', value: email });
    const wanted = email.trim().toLowerCase();
    return rows
      .map(toCommunicationWay)
      .filter((w) => w.type.toUpperCase() === 'EMAIL' && w.value.trim().toLowerCase() === wanted);
  }

  async createCommunicationWay(body: Record<string, unknown>): Promise<string> {
    const o = asObject(await this.http.write('POST', '/CommunicationWay', { json: body }, 'POST /CommunicationWay'));
    return requireId(o, 'POST /CommunicationWay');
  }

  async updateCommunicationWay(id: string, body: Record<string, unknown>): Promise<void> {
    await this.http.write('PUT', `/CommunicationWay/${enc(id)}`, { json: body }, 'PUT /CommunicationWay');
  }

  // --- vouchers ------------------------------------------------------------------------------

  /** Real multipart/form-data with the single field `file`; returns the temp file name for saveVoucher. */
  async uploadTempFile(content: Buffer, filename: string, contentType: string): Promise<string> {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(content)], { type: contentType }), filename);
    const o = asObject(
      await this.http.write(
        'POST',
        '/Voucher/Factory/uploadTempFile',
        { form },
        'POST /Voucher/Factory/uploadTempFile',
      ),
    );
    const name = wireString(o.filename);
    if (!name) throw new Error('uploadTempFile answered without a filename');
    return name;
  }

  /** Every voucher whose description contains `text` (substring filter, paged until a short page). */
  async vouchersByDescription(text: string): Promise<VoucherInfo[]> {
    const rows = await this.getAll('/Voucher', { descriptionLike: text });
    return rows.map(toVoucher);
  }

  async saveVoucher(body: Record<string, unknown>): Promise<{ voucher: VoucherInfo; positions: VoucherPosInfo[] }> {
    const o = asObject(
      await this.http.write(
        'POST',
        '/Voucher/Factory/saveVoucher',
        { json: body },
        'POST /Voucher/Factory/saveVoucher',
      ),
    );
    const voucherRaw = (o.voucher ?? o) as Record<string, unknown>;
    const voucher = toVoucher(voucherRaw);
    if (!voucher.id) throw new Error('saveVoucher answered without a voucher id');
    const currency = voucher.currency ?? 'EUR';
    const positions = asList(o.voucherPos).map((p) => toVoucherPos(p, currency));
    return { voucher, positions };
  }

  async getVoucher(id: string): Promise<VoucherInfo> {
    return toVoucher(asObject(await this.http.get(`/Voucher/${enc(id)}`)));
  }

  async voucherPositions(voucherId: string, currency = 'EUR'): Promise<VoucherPosInfo[]> {
    const rows = await this.getAll('/VoucherPos', { 'voucher[id]': voucherId, 'voucher[objectName]': 'Voucher' });
    return rows
      .filter((r) => wireId(r.voucher) === null || wireId(r.voucher) === voucherId)
      .map((r) => toVoucherPos(r, currency));
  }

  // --- paging --------------------------------------------------------------------------------

  /** Pages with limit/offset until a page is shorter than the limit (a full last page proves nothing). */
  private async getAll(
    path: string,
    query: Record<string, string | number>,
    limit = PAGE,
  ): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = asList(await this.http.get(path, { ...query, limit, offset: page * limit }));
      all.push(...rows);
      if (rows.length < limit) return all;
    }
    throw new Error(`${path}: more than ${MAX_PAGES * limit} results; the filter was probably ignored`);
  }
}

const enc = (id: string) => encodeURIComponent(id);

function requireId(o: Record<string, unknown>, operation: string): string {
  const id = wireId(o.id);
  if (!id) throw new Error(`${operation} answered without an id`);
  return id;
}

function toContact(r: Record<string, unknown>): ContactInfo {
  return {
    id: wireId(r.id) ?? '',
    customerNumber: wireString(r.customerNumber),
    name: wireString(r.name),
    surename: wireString(r.surename),
    familyname: wireString(r.familyname),
    vatNumber: wireString(r.vatNumber),
    categoryId: wireId(r.category),
  };
}

function toCommunicationWay(r: Record<string, unknown>): CommunicationWayInfo {
  return {
    id: wireId(r.id) ?? '',
    contactId: wireId(r.contact),
    type: wireString(r.type) ?? '',
    value: wireString(r.value) ?? '',
    main: wireBool(r.main),
  };
}

function toVoucher(r: Record<string, unknown>): VoucherInfo {
  const currency = wireString(r.currency);
  const cur = currency ?? 'EUR';
  return {
    id: wireId(r.id) ?? '',
    description: wireString(r.description),
    status: wireNumber(r.status),
    creditDebit: wireString(r.creditDebit),
    currency,
    taxRuleId: r.taxRule ? wireNumber(wireId(r.taxRule)) : null,
    taxType: wireString(r.taxType),
    supplierId: wireId(r.supplier),
    sumNet: wireMinor(r.sumNet, cur),
    sumTax: wireMinor(r.sumTax, cur),
    sumGross: wireMinor(r.sumGross, cur),
  };
}

function toVoucherPos(r: Record<string, unknown>, currency: string): VoucherPosInfo {
  return {
    id: wireId(r.id),
    rateBp: wireRate(r.taxRate),
    net: wireBool(r.net),
    sumNet: wireMinor(r.sumNet, currency),
    sumTax: wireMinor(r.sumTax, currency),
    sumGross: wireMinor(r.sumGross, currency),
    accountDatevId: wireId(r.accountDatev),
    comment: wireString(r.comment),
  };
}
