import type { Shop } from '../../db/repos/shops.repo.js';
import type { DocumentData } from '../../domain/documents/document.js';

// When a document gets an e-invoice (CII XML, and the Factur-X hybrid PDF): always for business customers with
// a VAT id (the buyer can process it; B2B e-invoicing is becoming mandatory in Germany), and for every document
// when the shop opts in (`documents.eInvoices`).

export function wantsEInvoice(shop: Shop, doc: DocumentData): boolean {
  if (doc.customer.vatId?.trim()) return true;
  return shop.settings.documents.eInvoices;
}

/**
 * The buyer reference / Leitweg-ID (BT-10) an XRechnung is addressed to, when the shop produces XRechnungen
 * (`documents.xrechnung`) and the customer has one; null otherwise. Public buyers require it, so without it
 * there is no XRechnung to build.
 */
export function xrechnungBuyerReference(shop: Shop, doc: DocumentData): string | null {
  if (!shop.settings.documents.xrechnung) return null;
  return doc.customer.buyerReference?.trim() || null;
}
