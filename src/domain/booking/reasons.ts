// Every sentence an operator sees about a booking, in German and English: what happened and what to do.
import type { Minor } from '../documents/document.js';
import { formatMinor } from '../money/minor.js';

export interface BookingMessage {
  code: string;
  de: string;
  en: string;
}

const msg = (code: string, de: string, en: string): BookingMessage => ({ code, de, en });
const money = (minor: Minor, currency: string) => `${formatMinor(minor, currency)} ${currency}`;
const moneyDe = (minor: Minor, currency: string) => `${formatMinor(minor, currency).replace('.', ',')} ${currency}`;

/** Codes whose state depends only on the shop's settings or data: re-evaluated locally when those change. */
export const SETTINGS_REASONS = [
  'booking_disabled',
  'no_check_account',
  'unknown_check_account',
  'linking_disabled',
  'search_key_invalid',
  'currency_mismatch',
] as const;

export const bookingReasons = {
  bookingDisabled: () =>
    msg(
      'booking_disabled',
      'Automatisches Buchen ist für diesen Shop ausgeschaltet.',
      'Automatic booking is switched off for this shop.',
    ),
  notTransferred: () =>
    msg(
      'not_transferred',
      'Der Beleg ist noch nicht an sevDesk übertragen; gebucht wird erst danach.',
      'The document has not been transferred to sevDesk yet; it is booked afterwards.',
    ),
  orderUnpaid: () =>
    msg(
      'order_unpaid',
      'Die Bestellung ist im Shop noch nicht bezahlt. Sobald der Shop die Zahlung meldet, wird gebucht.',
      'The order is not paid in the shop yet. It is booked as soon as the shop reports the payment.',
    ),
  neverPaid: () =>
    msg(
      'never_paid',
      'Die stornierte Bestellung war nie bezahlt; es gibt keine Erstattung zu buchen.',
      'The cancelled order was never paid; there is no refund to book.',
    ),
  zeroAmount: () =>
    msg('zero_amount', 'Der Beleg hat den Betrag 0; nichts zu buchen.', 'The document totals 0; nothing to book.'),
  noCheckAccount: (paymentMethod: string | null) =>
    msg(
      'no_check_account',
      `Für die Zahlungsart ${paymentMethod ?? '(keine)'} ist kein Zahlungskonto gewählt und es gibt kein Standardkonto. Wähle in den Buchungseinstellungen ein Konto.`,
      `No check account is chosen for payment method ${paymentMethod ?? '(none)'} and there is no default account. Choose one in the booking settings.`,
    ),
  unknownCheckAccount: (id: string) =>
    msg(
      'unknown_check_account',
      `Das Zahlungskonto ${id} gibt es in sevDesk nicht (mehr) oder es ist archiviert. Wähle in den Buchungseinstellungen ein anderes.`,
      `Check account ${id} does not exist in sevDesk (any more) or is archived. Choose another one in the booking settings.`,
    ),
  linkingDisabled: (accountName: string) =>
    msg(
      'linking_disabled',
      `„${accountName}“ ist ein Online-Konto (Bank/PayPal): dort wird nur mit der passenden Transaktion gebucht, und „Transaktionen verknüpfen“ ist ausgeschaltet. Es wird keine Zahlung erfunden – schalte die Verknüpfung ein oder wähle ein Verrechnungskonto.`,
      `"${accountName}" is an online account (bank/PayPal): bookings there need the matching transaction, and "link transactions" is off. No payment is invented – switch linking on or choose a clearing account.`,
    ),
  currencyMismatch: (documentCurrency: string, accountCurrency: string) =>
    msg(
      'currency_mismatch',
      `Der Beleg ist in ${documentCurrency}, das Zahlungskonto führt ${accountCurrency}. Bitte von Hand buchen.`,
      `The document is in ${documentCurrency}, the check account in ${accountCurrency}. Please book it by hand.`,
    ),
  searchKeyInvalid: (template: string, unknown: string[]) =>
    msg(
      'search_key_invalid',
      `Der Suchbegriff „${template}“ enthält unbekannte Platzhalter (${unknown.join(', ')}). Erlaubt: {orderNumber}, {invoiceNumber}, {transactionId}.`,
      `The search key "${template}" has unknown placeholders (${unknown.join(', ')}). Allowed: {orderNumber}, {invoiceNumber}, {transactionId}.`,
    ),
  searchKeyMissing: (placeholder: string) =>
    msg(
      'search_key_missing',
      `Der Suchbegriff braucht ${placeholder}, den die Bestellung (noch) nicht hat. Es wird erneut gesucht, sobald er vorliegt.`,
      `The search key needs ${placeholder}, which the order does not have (yet). The search runs again once it is there.`,
    ),
  noMatchYet: (key: string, amount: Minor, currency: string, accountName: string, nearMisses: number) =>
    msg(
      'no_match_yet',
      `Im Konto „${accountName}“ gibt es noch keine offene Transaktion mit „${key}“ im Verwendungszweck über genau ${moneyDe(amount, currency)}${nearMisses > 0 ? ` (${nearMisses} ähnliche, aber nicht passende gezeigt)` : ''}. Bankimporte kommen oft Stunden später; es wird regelmäßig erneut gesucht.`,
      `Account "${accountName}" has no open transaction with "${key}" in its purpose for exactly ${money(amount, currency)} yet${nearMisses > 0 ? ` (${nearMisses} similar but non-matching shown)` : ''}. Bank imports often arrive hours later; the search repeats on a schedule.`,
    ),
  rematchExhausted: (days: number) =>
    msg(
      'rematch_exhausted',
      `Auch ${days} Tage nach der Zahlung wurde keine eindeutige Transaktion gefunden. Bitte wähle eine Transaktion oder buche von Hand.`,
      `No unique transaction was found within ${days} days after the payment. Please pick a transaction or book by hand.`,
    ),
  ambiguous: (count: number, key: string) =>
    msg(
      'ambiguous',
      `${count} offene Transaktionen passen zu „${key}“ und dem Betrag. Es wird nichts gebucht, bis jemand die richtige auswählt.`,
      `${count} open transactions fit "${key}" and the amount. Nothing is booked until someone picks the right one.`,
    ),
  claimedByOtherDocument: (transactionId: string, otherDocuments: number) =>
    msg(
      'transaction_contested',
      `Transaktion ${transactionId} passt auch zu ${otherDocuments} anderen Beleg(en). Es wird nichts gebucht, bis jemand entscheidet.`,
      `Transaction ${transactionId} also fits ${otherDocuments} other document(s). Nothing is booked until someone decides.`,
    ),
  transactionChanged: (transactionId: string, why: string) =>
    msg(
      'transaction_changed',
      `Transaktion ${transactionId} passt beim erneuten Lesen nicht mehr (${why}); es wird erneut gesucht.`,
      `Transaction ${transactionId} no longer fits when read again (${why}); the search repeats.`,
    ),
  booked: (accountName: string) => msg('booked', `Auf „${accountName}“ gebucht.`, `Booked on "${accountName}".`),
  linked: (accountName: string, transactionId: string) =>
    msg(
      'linked',
      `Auf „${accountName}“ gebucht und mit Transaktion ${transactionId} verknüpft.`,
      `Booked on "${accountName}" and linked with transaction ${transactionId}.`,
    ),
  manual: (accountName: string) =>
    msg('manual', `Von Hand auf „${accountName}“ gebucht.`, `Booked by hand on "${accountName}".`),
  alreadyPaid: () =>
    msg(
      'already_paid',
      'Der Beleg ist in sevDesk bereits bezahlt; es wurde nicht noch einmal gebucht.',
      'The voucher is already paid in sevDesk; it was not booked again.',
    ),
  partlyPaid: () =>
    msg(
      'partly_paid',
      'Der Beleg ist in sevDesk teilweise bezahlt. Bitte den Rest in sevDesk von Hand zuordnen.',
      'The voucher is partly paid in sevDesk. Please assign the rest by hand in sevDesk.',
    ),
  bookedOverPayment: (fromStatus: number) =>
    msg(
      'booked_over_payment',
      `Der Beleg war in sevDesk beim Buchen nicht mehr offen (Status ${fromStatus}, z. B. teilweise bezahlt); die Zahlung wurde trotzdem verbucht. Bitte die Zahlungen des Belegs in sevDesk prüfen.`,
      `The voucher was no longer open in sevDesk when the payment was booked (status ${fromStatus}, e.g. partly paid); the payment was booked anyway. Please check the voucher's payments in sevDesk.`,
    ),
  voucherNotOpen: (status: number | null) =>
    msg(
      'voucher_not_open',
      `Der Beleg hat in sevDesk den Status ${status ?? 'unbekannt'} (nicht „offen“) und kann so nicht gebucht werden.`,
      `The voucher has status ${status ?? 'unknown'} in sevDesk (not "open") and cannot be booked like this.`,
    ),
  voucherAmountDiffers: (expected: Minor, actual: Minor, currency: string) =>
    msg(
      'voucher_amount_differs',
      `Der Beleg in sevDesk lautet über ${moneyDe(actual, currency)}, erwartet waren ${moneyDe(expected, currency)}. Bitte prüfen.`,
      `The voucher in sevDesk totals ${money(actual, currency)}, expected ${money(expected, currency)}. Please check.`,
    ),
  voucherGone: (voucherId: string) =>
    msg(
      'voucher_gone',
      `Den Beleg ${voucherId} gibt es in sevDesk nicht mehr. Übertrage das Dokument erneut.`,
      `Voucher ${voucherId} no longer exists in sevDesk. Transfer the document again.`,
    ),
  writeUnclear: () =>
    msg(
      'write_unclear',
      'Die Antwort auf die Buchung ging verloren. Vor allem anderen wird der Beleg in sevDesk erneut gelesen; es wird nie blind wiederholt.',
      'The answer to the booking was lost. Before anything else the voucher is read again in sevDesk; the booking is never repeated blindly.',
    ),
  rejected: (message: string) =>
    msg('rejected', `sevDesk hat die Buchung abgelehnt: ${message}`, `sevDesk refused the booking: ${message}`),
  onlineNeedsTransaction: (accountName: string) =>
    msg(
      'online_needs_transaction',
      `„${accountName}“ ist ein Online-Konto; dort kann nur mit einer Transaktion gebucht werden. Wähle eine Transaktion aus.`,
      `"${accountName}" is an online account; bookings there need a transaction. Pick a transaction.`,
    ),
};
