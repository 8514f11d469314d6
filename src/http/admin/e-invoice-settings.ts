import type { DocumentData } from '../../domain/documents/document.js';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';
import type { FieldIssue } from '../../lib/errors.js';
import { missingSellerFields } from '../../render/einvoice/validate-seller.js';
import type { Messages } from './i18n/de.js';

// Switching on e-invoices for every document (documents.eInvoices) or XRechnung (documents.xrechnung) while the
// seller profile lacks what they need would make every later finalization refuse. The settings form says so next
// to the switch instead, naming the missing seller fields.

/**
 * The document-independent requirements: a cancellation without a tax case needs no IBAN and takes the
 * "VAT id or tax number" rule, so only what every e-invoice of the profile needs is reported.
 */
const ANY_DOCUMENT = { type: 'cancellation', taxCase: null, paidAt: null } as unknown as DocumentData;

function label(field: string, t: Messages): string {
  const labels: Record<string, string> = {
    legalName: t.settings.legalName,
    'address.street': t.settings.street,
    'address.zip': t.settings.zip,
    'address.city': t.settings.city,
    'address.country': t.settings.country,
    vatId: `${t.settings.vatId} / ${t.settings.taxNumber}`,
    email: t.settings.email,
    contactName: t.settings.contactName,
    phone: t.settings.phone,
  };
  return labels[field] ?? field;
}

export function eInvoiceSettingIssues(
  seller: SellerProfile,
  before: { eInvoices: boolean; xrechnung: boolean },
  after: { eInvoices: boolean; xrechnung: boolean },
  t: Messages,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (path: string, profile: 'EN16931' | 'XRECHNUNG') => {
    const missing = missingSellerFields(seller, ANY_DOCUMENT, { profile });
    if (missing.length === 0) return;
    const fields = missing.map((m) => label(m.field, t)).join(', ');
    issues.push({ path, message: t.settings.errors.sellerIncomplete.replace('{fields}', fields) });
  };
  // Only a switch turned on now is judged, so an unrelated change is never blocked by an older state.
  if (after.eInvoices && !before.eInvoices) check('documents.eInvoices', 'EN16931');
  if (after.xrechnung && !before.xrechnung) check('documents.xrechnung', 'XRECHNUNG');
  return issues;
}
