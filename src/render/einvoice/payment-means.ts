// Payment means (BT-81, UNTDID 4461) from the shop's payment method.
import type { DocumentData } from '../../domain/documents/document.js';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';

export interface PaymentMeans {
  /** 58 SEPA credit transfer, 68 online payment service, 10 cash, 20 cheque, ZZZ mutually defined. */
  code: '58' | '68' | '10' | '20' | 'ZZZ';
  /** BT-82 */
  information: string | null;
  /** For 58: the seller's account the buyer pays into. */
  account: NonNullable<SellerProfile['bank']> | null;
}

const BANK_TRANSFER = /bacs|bank|transfer|[uü]e?berweisung|vorkasse|prepayment|invoice|rechnung|sepa_credit/i;
const PAYMENT_PROVIDER =
  /paypal|stripe|klarna|mollie|amazon|apple|google|sofort|giropay|paydirekt|payone|adyen|unzer|ratepay|sumup|square|braintree/i;
const CARD = /card|kredit|credit/i;
const CASH = /\bcod\b|cash|nachnahme|\bbar/i;
const CHEQUE = /cheque|check|scheck/i;

export type PaymentKind = 'bank_transfer' | 'online' | 'cash' | 'cheque' | 'unknown';

export function paymentKind(method: string | null): PaymentKind {
  const m = method ?? '';
  if (m === '') return 'unknown';
  if (PAYMENT_PROVIDER.test(m)) return 'online';
  if (BANK_TRANSFER.test(m)) return 'bank_transfer';
  if (CARD.test(m)) return 'online';
  if (CHEQUE.test(m)) return 'cheque';
  if (CASH.test(m)) return 'cash';
  return 'unknown';
}

/**
 * Invoices paid or payable by bank transfer name the seller's IBAN (58). Card, PayPal and other providers are
 * "online payment service" (68): no card number is ever known to us, so 48/54/55 (which need BG-18) do not fit.
 * Credit notes (our cancellations) are refunded to the buyer's account, which we do not know: ZZZ with a text,
 * unless the refund goes back through an online provider (68).
 */
export function paymentMeansFor(doc: DocumentData, seller: SellerProfile): PaymentMeans {
  const title = doc.paymentMethodTitle ?? doc.paymentMethod;
  const kind = paymentKind(doc.paymentMethod ?? doc.paymentMethodTitle);
  if (doc.type === 'cancellation') {
    if (kind === 'online') return { code: '68', information: title, account: null };
    return { code: 'ZZZ', information: title ? `Erstattung über ${title}` : 'Erstattung', account: null };
  }
  switch (kind) {
    case 'online':
      return { code: '68', information: title, account: null };
    case 'cash':
      return { code: '10', information: title, account: null };
    case 'cheque':
      return { code: '20', information: title, account: null };
    case 'bank_transfer':
      return seller.bank
        ? { code: '58', information: title, account: seller.bank }
        : { code: 'ZZZ', information: title, account: null };
    default:
      if (!doc.paidAt && seller.bank) return { code: '58', information: title, account: seller.bank };
      return { code: 'ZZZ', information: title, account: null };
  }
}

/** True when the buyer still has to transfer money to the seller's account (so the IBAN is mandatory). */
export function needsSellerIban(doc: DocumentData): boolean {
  if (doc.type !== 'invoice' || doc.paidAt) return false;
  const kind = paymentKind(doc.paymentMethod ?? doc.paymentMethodTitle);
  return kind === 'bank_transfer' || kind === 'unknown';
}
