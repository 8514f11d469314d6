// Printed wording of invoices and cancellations, German and English.
import type { DocumentData } from '../../domain/documents/document.js';
import type { Lang } from './format.js';

export interface Labels {
  invoice: string;
  cancellation: string;
  correction: string;
  number: string;
  cancellationNumber: string;
  correctionNumber: string;
  issueDate: string;
  deliveryDate: string;
  orderNumber: string;
  customerNumber: string;
  paymentMethod: string;
  buyerVatId: string;
  sellerVatId: string;
  sellerTaxNumber: string;
  page: (n: number, of: number) => string;
  continued: string;
  colPos: string;
  colDescription: string;
  colQuantity: string;
  colUnitPrice: string;
  colUnitPriceNoVat: string;
  colVat: string;
  colRate: string;
  colNet: string;
  colGross: string;
  colAmount: string;
  sku: string;
  totalNet: string;
  netAtRate: (rate: string) => string;
  vatAtRate: (rate: string) => string;
  totalVat: string;
  grandTotal: string;
  refundTotal: string;
  allAmountsIn: (currency: string) => string;
  cancelsInvoice: (number: string, date: string | null) => string;
  greeting: string;
  paidOn: (date: string, method: string | null) => string;
  transactionId: string;
  payUntil: (amount: string, date: string) => string;
  payReference: (number: string) => string;
  payNoBank: (amount: string, date: string) => string;
  refundNote: (method: string | null) => string;
  refundedOn: (date: string, method: string | null) => string;
  accountHolder: string;
  iban: string;
  bic: string;
  bank: string;
  phone: string;
  email: string;
  shipTo: string;
  unpaidNoTerms: string;
}

const de: Labels = {
  invoice: 'Rechnung',
  cancellation: 'Stornorechnung',
  correction: 'Rechnungskorrektur',
  number: 'Rechnungsnr.',
  cancellationNumber: 'Storno-Nr.',
  correctionNumber: 'Korrektur-Nr.',
  issueDate: 'Datum',
  deliveryDate: 'Leistungsdatum',
  orderNumber: 'Bestellnummer',
  customerNumber: 'Kundennummer',
  paymentMethod: 'Zahlungsart',
  buyerVatId: 'USt-IdNr. Kunde',
  sellerVatId: 'USt-IdNr.',
  sellerTaxNumber: 'Steuernummer',
  page: (n, of) => `Seite ${n} von ${of}`,
  continued: 'Fortsetzung',
  colPos: 'Pos.',
  colDescription: 'Beschreibung',
  colQuantity: 'Menge',
  colUnitPrice: 'Einzelpreis netto',
  colUnitPriceNoVat: 'Einzelpreis',
  colVat: 'USt.',
  colRate: 'USt.-Satz',
  colNet: 'Netto',
  colGross: 'Brutto',
  colAmount: 'Betrag',
  sku: 'Art.-Nr.',
  totalNet: 'Summe netto',
  netAtRate: (rate) => `Netto ${rate}`,
  vatAtRate: (rate) => `zzgl. USt. ${rate}`,
  totalVat: 'Summe USt.',
  grandTotal: 'Gesamtbetrag',
  refundTotal: 'Gutschriftsbetrag',
  allAmountsIn: (currency) => `Alle Beträge in ${currency}.`,
  cancelsInvoice: (number, date) =>
    date
      ? `Diese Korrektur bezieht sich auf die Rechnung Nr. ${number} vom ${date}.`
      : `Diese Korrektur bezieht sich auf die Rechnung Nr. ${number}.`,
  greeting: 'Vielen Dank für Ihre Bestellung.',
  paidOn: (date, method) => `Der Rechnungsbetrag wurde am ${date}${method ? ` per ${method}` : ''} bezahlt.`,
  transactionId: 'Transaktions-ID',
  payUntil: (amount, date) => `Bitte überweisen Sie ${amount} ohne Abzug bis zum ${date} auf das unten genannte Konto.`,
  payReference: (number) => `Verwendungszweck: ${number}`,
  payNoBank: (amount, date) => `Bitte zahlen Sie ${amount} ohne Abzug bis zum ${date}.`,
  refundNote: (method) =>
    `Der Betrag wird Ihnen${method ? ` über die ursprüngliche Zahlungsart (${method})` : ''} erstattet.`,
  refundedOn: (date, method) => `Der Betrag wurde am ${date}${method ? ` über ${method}` : ''} erstattet.`,
  accountHolder: 'Kontoinhaber',
  iban: 'IBAN',
  bic: 'BIC',
  bank: 'Bank',
  phone: 'Tel.',
  email: 'E-Mail',
  shipTo: 'Lieferanschrift',
  unpaidNoTerms: 'Zahlbar sofort ohne Abzug.',
};

const en: Labels = {
  invoice: 'Invoice',
  cancellation: 'Cancellation invoice',
  correction: 'Invoice correction',
  number: 'Invoice no.',
  cancellationNumber: 'Cancellation no.',
  correctionNumber: 'Correction no.',
  issueDate: 'Date',
  deliveryDate: 'Delivery date',
  orderNumber: 'Order number',
  customerNumber: 'Customer number',
  paymentMethod: 'Payment method',
  buyerVatId: 'Customer VAT ID',
  sellerVatId: 'VAT ID',
  sellerTaxNumber: 'Tax number',
  page: (n, of) => `Page ${n} of ${of}`,
  continued: 'continued',
  colPos: 'Pos.',
  colDescription: 'Description',
  colQuantity: 'Qty',
  colUnitPrice: 'Unit price net',
  colUnitPriceNoVat: 'Unit price',
  colVat: 'VAT',
  colRate: 'VAT rate',
  colNet: 'Net',
  colGross: 'Gross',
  colAmount: 'Amount',
  sku: 'SKU',
  totalNet: 'Total net',
  netAtRate: (rate) => `Net ${rate}`,
  vatAtRate: (rate) => `VAT ${rate}`,
  totalVat: 'Total VAT',
  grandTotal: 'Total',
  refundTotal: 'Credit total',
  allAmountsIn: (currency) => `All amounts in ${currency}.`,
  cancelsInvoice: (number, date) =>
    date
      ? `This document corrects invoice no. ${number} dated ${date}.`
      : `This document corrects invoice no. ${number}.`,
  greeting: 'Thank you for your order.',
  paidOn: (date, method) => `Paid on ${date}${method ? ` via ${method}` : ''}.`,
  transactionId: 'Transaction ID',
  payUntil: (amount, date) => `Please transfer ${amount} without deduction by ${date} to the account below.`,
  payReference: (number) => `Payment reference: ${number}`,
  payNoBank: (amount, date) => `Please pay ${amount} without deduction by ${date}.`,
  refundNote: (method) => `The amount will be refunded${method ? ` via the original payment method (${method})` : ''}.`,
  refundedOn: (date, method) => `The amount was refunded on ${date}${method ? ` via ${method}` : ''}.`,
  accountHolder: 'Account holder',
  iban: 'IBAN',
  bic: 'BIC',
  bank: 'Bank',
  phone: 'Phone',
  email: 'Email',
  shipTo: 'Delivery address',
  unpaidNoTerms: 'Payable immediately without deduction.',
};

export function labelsFor(lang: Lang): Labels {
  return lang === 'en' ? en : de;
}

/** "Rechnung", "Stornorechnung" (full cancellation) or "Rechnungskorrektur" (partial). */
export function documentTitle(doc: DocumentData, lang: Lang): string {
  const l = labelsFor(lang);
  if (doc.type === 'invoice') return l.invoice;
  return doc.cancels?.full === false ? l.correction : l.cancellation;
}

/** Label of the document's own number in the facts box. */
export function numberLabel(doc: DocumentData, lang: Lang): string {
  const l = labelsFor(lang);
  if (doc.type === 'invoice') return l.number;
  return doc.cancels?.full === false ? l.correctionNumber : l.cancellationNumber;
}
