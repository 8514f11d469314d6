import type { Shop } from '../../db/repos/shops.repo.js';
import type { DocumentData } from '../../domain/documents/document.js';

// When a document gets an e-invoice (CII XML, and the Factur-X hybrid PDF): always for business customers with
// a VAT id (the buyer can process it; B2B e-invoicing is becoming mandatory in Germany), and for every document
// when the shop opts in.

export function wantsEInvoice(shop: Shop, doc: DocumentData): boolean {
  if (doc.customer.vatId?.trim()) return true;
  // The opt-in is `settings.documents.eInvoices`, read loosely until the settings schema declares it.
  return (shop.settings.documents as Record<string, unknown>).eInvoices === true;
}
