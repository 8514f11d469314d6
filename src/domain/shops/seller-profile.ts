// What a shop must tell us about itself so that its documents (PDF and e-invoice) are legally complete.
import type { Address } from '../documents/document.js';

export interface SellerProfile {
  /** Legal name as registered. */
  legalName: string;
  address: Address;
  /** USt-IdNr., e.g. DE123456789. Required for intra-EU supplies and e-invoices (BT-31) unless a tax number is given. */
  vatId: string | null;
  /** Steuernummer, e.g. 143/123/45678 (BT-32). */
  taxNumber: string | null;
  email: string | null;
  phone: string | null;
  /** Contact person for e-invoices (BT-41). */
  contactName: string | null;
  bank: { accountHolder: string; iban: string; bic: string | null; bankName: string | null } | null;
  /** Register court and number, managing directors, … printed in the footer. */
  footerLines: string[];
  /** Payment terms in days for unpaid invoices. */
  paymentTermDays: number;
  smallBusiness: boolean;
}
