// OSS plan → saveInvoice / saveCreditNote bodies (sevdesk-api.md §5.2, §5.4). The shop's own number is kept
// (invoiceNumber / creditNoteNumber), the order number is the reference sevDesk filters on exactly
// (customerInternalNote), the address is sent with the invoice (sevDesk does not copy the contact's), and the foot
// text points to the shop's PDF — the legal document, which a sevDesk invoice cannot carry.
import type { Address, CustomerSnapshot, DocumentData } from '../../domain/documents/document.js';
import type { OssBasis } from '../../domain/oss/plan-oss.js';
import type { SalesPosition } from '../../domain/oss/plan-positions.js';
import { countryName } from '../../domain/tax/country-names.js';
import { transferMarker } from '../../domain/transfer/marker.js';
import { displayName, personName } from '../../domain/transfer/contact-intent.js';
import { amountOut, dottedDate, rateOut } from './wire.js';

/** Unity 1 = "Stück" (piece). */
export const UNITY_PIECE_ID = 1;

export interface SalesDocumentInput {
  documentId: string;
  number: string;
  data: DocumentData;
  contactId: string;
  /** GET /SevUser: the user named as the document's contact person. */
  contactPersonId: string;
  /** StaticCountry id of the destination. */
  addressCountryId: string;
  /** The shop's PDF: the legal document. */
  pdf: { sha256: string | null };
}

export interface AddressFields {
  address: string;
  addressName: string;
  addressStreet: string;
  addressZip: string;
  addressCity: string;
}

/** The recipient block of the shop's document (billing address), as lines and as the split fields. */
export function addressFields(customer: CustomerSnapshot): AddressFields {
  const billing: Address = customer.billing;
  const company = customer.company?.trim() || billing.company?.trim() || '';
  const person = personName(billing) ?? '';
  const name = company || person || displayName(customer);
  const street = [billing.street, billing.street2]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(', ');
  const lines = [name, company && person ? person : '', street, `${billing.zip} ${billing.city}`.trim()];
  lines.push(countryName(billing.country, 'de'));
  return {
    address: lines.filter((l) => l && l.trim() !== '').join('\n'),
    addressName: name,
    addressStreet: street,
    addressZip: billing.zip,
    addressCity: billing.city,
  };
}

/** Foot text: the shop's PDF is the legal document (sevDesk invoices take no uploaded PDF), and our marker. */
export function shopDocumentReference(input: { documentId: string; number: string; pdfSha256: string | null }): string {
  const hash = input.pdfSha256 ? `, SHA-256 ${input.pdfSha256.slice(0, 16)}…` : '';
  return (
    `Maßgeblich ist der Beleg ${input.number} des Shops (PDF im Shop-Archiv${hash}); ` +
    `dieser Datensatz dient der OSS-Verbuchung. ${transferMarker(input.documentId)}`
  );
}

export function ossTaxText(basis: Pick<OssBasis, 'destination'>): string {
  return `Umsatzsteuer ${countryName(basis.destination, 'de')} (OSS)`;
}

function positionsOut(
  positions: readonly SalesPosition[],
  objectName: 'InvoicePos' | 'CreditNotePos',
  currency: string,
): Record<string, unknown>[] {
  return positions.map((p, i) => ({
    objectName,
    mapAll: true,
    quantity: p.quantity,
    price: amountOut(p.unitAmount, currency),
    name: p.name,
    unity: { id: UNITY_PIECE_ID, objectName: 'Unity' },
    taxRate: rateOut(p.rateBp),
    positionNumber: i + 1,
  }));
}

/** saveInvoice: a draft (status 100) of type RE. The last four keys stay in the order the spec demands. */
export function saveInvoiceBody(
  plan: OssBasis & { showNet: boolean; positions: readonly SalesPosition[] },
  input: SalesDocumentInput,
): Record<string, unknown> {
  const { data } = input;
  const currency = data.currency.toUpperCase();
  const invoice: Record<string, unknown> = {
    objectName: 'Invoice',
    mapAll: true,
    invoiceNumber: input.number,
    contact: { id: Number(input.contactId), objectName: 'Contact' },
    contactPerson: { id: Number(input.contactPersonId), objectName: 'SevUser' },
    invoiceDate: dottedDate(data.issueDate),
    deliveryDate: dottedDate(data.deliveryDate || data.issueDate),
    header: `Rechnung ${input.number}`,
    footText: shopDocumentReference({
      documentId: input.documentId,
      number: input.number,
      pdfSha256: input.pdf.sha256,
    }),
    discount: 0,
    taxRate: 0,
    ...addressFields(data.customer),
    addressCountry: { id: Number(input.addressCountryId), objectName: 'StaticCountry' },
    deliveryAddressCountry: plan.destination.toLowerCase(),
    status: 100,
    taxRule: { id: String(plan.ruleId), objectName: 'TaxRule' },
    taxText: ossTaxText(plan),
    invoiceType: 'RE',
    currency,
    showNet: plan.showNet,
    customerInternalNote: data.orderNumber,
    propertyIsEInvoice: false,
    smallSettlement: false,
  };
  return {
    invoice,
    invoicePosSave: positionsOut(plan.positions, 'InvoicePos', currency),
    invoicePosDelete: null,
    discountSave: null,
    discountDelete: null,
    takeDefaultAddress: false,
  };
}

/**
 * saveCreditNote: an UNDERACHIEVEMENT credit note referring to the origin invoice (the only booking category that
 * takes the OSS rules), with the origin's rule and destination, numbered with the shop's cancellation number.
 */
export function saveCreditNoteBody(
  plan: OssBasis & { showNet: boolean; positions: readonly SalesPosition[] },
  input: SalesDocumentInput & { originInvoiceId: string; originNumber: string },
): Record<string, unknown> {
  const { data } = input;
  const currency = data.currency.toUpperCase();
  const { address } = addressFields(data.customer);
  const creditNote: Record<string, unknown> = {
    objectName: 'CreditNote',
    mapAll: true,
    creditNoteNumber: input.number,
    contact: { id: Number(input.contactId), objectName: 'Contact' },
    contactPerson: { id: Number(input.contactPersonId), objectName: 'SevUser' },
    creditNoteDate: dottedDate(data.issueDate),
    deliveryDate: dottedDate(data.deliveryDate || data.issueDate),
    status: 100,
    header: `Gutschrift ${input.number} zur Rechnung ${input.originNumber}`,
    footText: shopDocumentReference({
      documentId: input.documentId,
      number: input.number,
      pdfSha256: input.pdf.sha256,
    }),
    address,
    addressCountry: { id: Number(input.addressCountryId), objectName: 'StaticCountry' },
    deliveryAddressCountry: plan.destination.toLowerCase(),
    taxRule: { id: String(plan.ruleId), objectName: 'TaxRule' },
    taxRate: 0,
    taxText: ossTaxText(plan),
    bookingCategory: 'UNDERACHIEVEMENT',
    refSrcInvoice: { id: Number(input.originInvoiceId), objectName: 'Invoice' },
    currency,
    showNet: plan.showNet,
    customerInternalNote: data.orderNumber,
    smallSettlement: false,
  };
  return {
    creditNote,
    creditNotePosSave: positionsOut(plan.positions, 'CreditNotePos', currency),
    creditNotePosDelete: null,
    discountSave: null,
    discountDelete: null,
  };
}
