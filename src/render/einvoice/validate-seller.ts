// What must be known before an e-invoice (ZUGFeRD/Factur-X EN 16931, XRechnung) can be issued.
// Finalization of B2B documents stops with these messages, naming the missing field, instead of producing
// an e-invoice that a validator (or the recipient) would reject.
import type { DocumentData } from '../../domain/documents/document.js';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';
import { needsSellerIban } from './payment-means.js';

export interface MissingField {
  /** Path in SellerProfile (or `customer.…` in DocumentData for the buyer checks). */
  field: string;
  message: string;
}

export type EInvoiceProfile = 'EN16931' | 'XRECHNUNG';

const blank = (v: string | null | undefined): boolean => v == null || v.trim() === '';

/** Tax cases whose e-invoice must carry the seller's VAT id (BR-IC-02, BR-G-02), not only a tax number. */
const NEEDS_SELLER_VAT_ID = new Set(['eu_b2b_goods', 'export_goods']);

export function missingSellerFields(
  seller: SellerProfile,
  doc: DocumentData,
  opts: { profile?: EInvoiceProfile } = {},
): MissingField[] {
  const missing: MissingField[] = [];
  const add = (field: string, message: string) => missing.push({ field, message });

  if (blank(seller.legalName)) add('legalName', 'Seller legal name (BT-27) is missing.');
  if (blank(seller.address?.street)) add('address.street', 'Seller street (BT-35) is missing.');
  if (blank(seller.address?.zip)) add('address.zip', 'Seller post code (BT-38) is missing.');
  if (blank(seller.address?.city)) add('address.city', 'Seller city (BT-37) is missing.');
  if (!/^[A-Z]{2}$/.test(seller.address?.country ?? '')) {
    add('address.country', 'Seller country (BT-40) is missing or not an ISO 3166-1 alpha-2 code.');
  }

  if (doc.taxCase && NEEDS_SELLER_VAT_ID.has(doc.taxCase)) {
    if (blank(seller.vatId)) {
      add(
        'vatId',
        `Seller VAT id (USt-IdNr., BT-31) is required for ${doc.taxCase} documents; a tax number is not enough.`,
      );
    }
  } else if (blank(seller.vatId) && blank(seller.taxNumber)) {
    add('vatId', 'Seller VAT id (USt-IdNr., BT-31) or tax number (Steuernummer, BT-32) is required.');
  }

  if (needsSellerIban(doc) && blank(seller.bank?.iban)) {
    add('bank.iban', 'Seller IBAN (BT-84) is required for an unpaid invoice payable by bank transfer.');
  }

  if (opts.profile === 'XRECHNUNG') {
    if (blank(seller.contactName)) add('contactName', 'Seller contact person (BT-41) is required for XRechnung.');
    if (blank(seller.phone)) add('phone', 'Seller contact telephone (BT-42) is required for XRechnung.');
    if (blank(seller.email)) add('email', 'Seller contact email (BT-43) is required for XRechnung.');
  }
  return missing;
}

/** Buyer data the document itself must carry for its tax case (BR-IC-02, BR-AE-02) and for XRechnung. */
export function missingBuyerFields(doc: DocumentData, opts: { profile?: EInvoiceProfile } = {}): MissingField[] {
  const missing: MissingField[] = [];
  const c = doc.customer;
  if ((doc.taxCase === 'eu_b2b_goods' || doc.taxCase === 'eu_b2b_services') && blank(c.vatId)) {
    missing.push({
      field: 'customer.vatId',
      message: `Buyer VAT id (BT-48) is required for ${doc.taxCase} documents.`,
    });
  }
  if (blank(c.billing?.country))
    missing.push({ field: 'customer.billing.country', message: 'Buyer country (BT-55) is missing.' });
  if (opts.profile === 'XRECHNUNG') {
    if (blank(c.billing?.zip))
      missing.push({ field: 'customer.billing.zip', message: 'Buyer post code (BT-53) is required for XRechnung.' });
    if (blank(c.billing?.city))
      missing.push({ field: 'customer.billing.city', message: 'Buyer city (BT-52) is required for XRechnung.' });
  }
  if (!doc.taxCase)
    missing.push({ field: 'taxCase', message: 'The document has no tax case; the VAT category cannot be chosen.' });
  return missing;
}
