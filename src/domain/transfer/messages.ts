// Every sentence an operator sees about the sevDesk connection and transfers, in German and English.
// Each one says what happened and what to do; sevDesk's own message is quoted where it adds information.
import { formatMinor } from '../money/minor.js';
import type { RateBp } from '../money/vat.js';
import { formatRate, formatRateDe } from '../tax/rate-format.js';

export interface LocalizedMessage {
  code: string;
  de: string;
  en: string;
}

const msg = (code: string, de: string, en: string): LocalizedMessage => ({ code, de, en });

export type NetworkFailure = 'dns' | 'refused' | 'tls' | 'proxy' | 'timeout' | 'reset' | 'other';

const NETWORK_DETAIL: Record<NetworkFailure, [de: string, en: string]> = {
  dns: ['der Name des sevDesk-Servers lässt sich nicht auflösen (DNS)', 'the sevDesk host name does not resolve (DNS)'],
  refused: ['die Verbindung wird abgelehnt (TCP)', 'the connection is refused (TCP)'],
  tls: ['die verschlüsselte Verbindung (TLS) scheitert', 'the encrypted connection (TLS) fails'],
  proxy: ['ein Proxy blockiert die Verbindung', 'a proxy blocks the connection'],
  timeout: ['sevDesk antwortet nicht rechtzeitig', 'sevDesk does not answer in time'],
  reset: ['die Verbindung wird unterbrochen', 'the connection is dropped'],
  other: ['die Verbindung scheitert', 'the connection fails'],
};

const eur = (minor: number, currency = 'EUR') => `${formatMinor(minor, currency)} ${currency}`;
const eurDe = (minor: number, currency = 'EUR') => `${formatMinor(minor, currency).replace('.', ',')} ${currency}`;

export const messages = {
  hostUnreachable: (failure: NetworkFailure, host: string) =>
    msg(
      'host_unreachable',
      `Keine Verbindung zu sevDesk (${host}): ${NETWORK_DETAIL[failure][0]}. Dein Host erlaubt keine ausgehenden Verbindungen zu sevDesk – bitte wende dich an deinen Hoster und bitte ihn, HTTPS-Verbindungen zu ${host} zuzulassen.`,
      `Cannot reach sevDesk (${host}): ${NETWORK_DETAIL[failure][1]}. Your host does not allow outgoing connections to sevDesk – please ask your hosting provider to allow HTTPS connections to ${host}.`,
    ),
  authInvalid: (status: number) =>
    msg(
      'auth_invalid',
      `sevDesk lehnt den API-Token ab (HTTP ${status}): Die Authentifizierung ist nicht mehr gültig. Trenne die Verbindung und verbinde sie mit einem aktuellen API-Token neu (sevDesk > Einstellungen > Benutzer). Der API-Zugang setzt einen sevDesk-Tarif mit API-Zugriff voraus. Bis dahin pausieren die Übertragungen dieses Shops.`,
      `sevDesk rejects the API token (HTTP ${status}): authentication is no longer valid. Disconnect and connect again with a current API token (sevDesk > Settings > Users). API access needs a sevDesk plan that includes API access. Until then this shop's transfers are paused.`,
    ),
  sevdeskUnavailable: (status: number) =>
    msg(
      'sevdesk_unavailable',
      `sevDesk ist gerade nicht verfügbar (HTTP ${status}). Die Übertragung wird später automatisch wiederholt.`,
      `sevDesk is currently unavailable (HTTP ${status}). The transfer is retried automatically later.`,
    ),
  rateLimited: () =>
    msg(
      'rate_limited',
      'sevDesk bittet um eine Pause (HTTP 429). Die Übertragung wird nach der genannten Wartezeit fortgesetzt.',
      'sevDesk asks us to slow down (HTTP 429). The transfer continues after the requested wait.',
    ),
  notConnected: () =>
    msg(
      'not_connected',
      'Dieser Shop ist nicht mit sevDesk verbunden. Hinterlege den API-Token (sevDesk > Einstellungen > Benutzer), dann wird übertragen.',
      'This shop is not connected to sevDesk. Enter the API token (sevDesk > Settings > Users); transfers start afterwards.',
    ),
  interfaceInactive: () =>
    msg(
      'interface_inactive',
      'Die sevDesk-Schnittstelle ist für diesen Shop nicht aktiviert; es wird nichts gesendet. Aktiviere sie, um zu übertragen.',
      'The sevDesk interface is not activated for this shop; nothing is sent. Activate it to transfer.',
    ),
  bookkeepingVersionUnsupported: (version: string | null) =>
    msg(
      'bookkeeping_version_unsupported',
      `sevDesk meldet die Buchhaltungsversion ${version ?? '(unbekannt)'}; Belegfluss schreibt nur in Konten mit Buchhaltung 1.0 oder 2.0.`,
      `sevDesk reports bookkeeping version ${version ?? '(unknown)'}; Belegfluss writes only to accounts on bookkeeping 1.0 or 2.0.`,
    ),
  pdfMissing: (number: string) =>
    msg(
      'pdf_missing',
      `Zum Beleg ${number} ist keine PDF-Datei gespeichert; ohne PDF wird nichts an sevDesk gesendet. Erzeuge die PDF neu und übertrage dann erneut.`,
      `No PDF is stored for document ${number}; nothing is sent to sevDesk without it. Render the PDF again, then transfer again.`,
    ),
  notFinalized: () =>
    msg(
      'not_finalized',
      'Nur festgeschriebene Belege werden an sevDesk übertragen.',
      'Only finalized documents are transferred to sevDesk.',
    ),
  needsInvoicePath: (taxCase: string) =>
    msg(
      'needs_invoice_path',
      taxCase === 'eu_b2c_oss'
        ? 'OSS-Verkauf an Verbraucher im EU-Ausland: sevDesk nimmt die OSS-Steuerregeln (18–20) nicht für Belege an, nur für sevDesk-Rechnungen. Der Beleg wurde nicht gesendet (nie mit einer falschen Steuerregel); erfasse ihn in sevDesk als Rechnung oder buche ihn außerhalb.'
        : 'Leistung an Unternehmer im EU-Ausland (Reverse Charge): sevDesk nimmt die Steuerregel 21 nicht für Belege an, nur für sevDesk-Rechnungen. Der Beleg wurde nicht gesendet (nie mit einer falschen Steuerregel); erfasse ihn in sevDesk als Rechnung.',
      taxCase === 'eu_b2c_oss'
        ? 'OSS sale to a consumer in another EU country: sevDesk accepts the OSS tax rules (18–20) only on sevDesk invoices, not on vouchers. The document was not sent (never with a wrong tax rule); record it in sevDesk as an invoice or book it outside.'
        : 'Service to a business in another EU country (reverse charge): sevDesk accepts tax rule 21 only on sevDesk invoices, not on vouchers. The document was not sent (never with a wrong tax rule); record it in sevDesk as an invoice.',
    ),
  nothingToBook: () =>
    msg(
      'nothing_to_book',
      'Der Beleg hat keine Position mit Betrag (Summe 0); in sevDesk gibt es nichts zu buchen. Er wird nicht gesendet.',
      'The document has no line with an amount (total 0); there is nothing to book in sevDesk. It is not sent.',
    ),
  taxCaseMissing: () =>
    msg(
      'tax_case_missing',
      'Für diesen Beleg ist kein Steuerfall bestimmt; er wird nicht gesendet. Prüfe Lieferland, USt-IdNr. und Steuersätze der Bestellung.',
      'No tax case is determined for this document; it is not sent. Check the order’s destination country, VAT id and tax rates.',
    ),
  documentNeedsAttention: (reasons: readonly string[]) =>
    msg(
      'document_needs_attention',
      `Der Beleg ist zur Prüfung markiert und wird nicht gesendet: ${reasons.join('; ')}`,
      `The document is flagged for review and is not sent: ${reasons.join('; ')}`,
    ),
  rateNotAllowedForRule: (rateBp: RateBp, ruleId: number) =>
    msg(
      'rate_not_allowed',
      `Der Beleg enthält ${formatRateDe(rateBp)} USt, die Steuerregel ${ruleId} erlaubt diesen Satz nicht. Der Beleg wird nicht gesendet; prüfe den Steuerfall der Bestellung.`,
      `The document contains ${formatRate(rateBp)} VAT, which tax rule ${ruleId} does not allow. It is not sent; check the order’s tax case.`,
    ),
  vatNotReproducible: (rateBp: RateBp, documentTax: number, derivedTax: number, currency: string) =>
    msg(
      'vat_not_reproducible',
      `Die USt zu ${formatRateDe(rateBp)} lässt sich in sevDesk nicht centgenau abbilden: Beleg ${eurDe(documentTax, currency)}, sevDesk würde ${eurDe(derivedTax, currency)} berechnen (Differenz ${eurDe(documentTax - derivedTax, currency)}). Der Beleg wird nicht gesendet.`,
      `VAT at ${formatRate(rateBp)} cannot be reproduced in sevDesk to the cent: document ${eur(documentTax, currency)}, sevDesk would compute ${eur(derivedTax, currency)} (difference ${eur(documentTax - derivedTax, currency)}). The document is not sent.`,
    ),
  revenueAccountMissing: (ruleId: number, rateBp: RateBp) =>
    msg(
      'revenue_account_missing',
      `In sevDesk gibt es kein Erlöskonto, das Steuerregel ${ruleId} mit ${formatRateDe(rateBp)} annimmt. Lege in den sevDesk-Einstellungen ein passendes Erlöskonto fest.`,
      `sevDesk has no revenue account that takes tax rule ${ruleId} at ${formatRate(rateBp)}. Choose a matching revenue account in the sevDesk settings.`,
    ),
  revenueAccountNotAllowed: (accountNumber: string, ruleId: number, rateBp: RateBp, why: string) =>
    msg(
      'revenue_account_not_allowed',
      `Das Erlöskonto ${accountNumber} erlaubt Steuerregel ${ruleId} mit ${formatRateDe(rateBp)} nicht (${why}). Wähle in den sevDesk-Einstellungen ein passendes Erlöskonto.`,
      `Revenue account ${accountNumber} does not allow tax rule ${ruleId} at ${formatRate(rateBp)} (${why}). Choose a matching revenue account in the sevDesk settings.`,
    ),
  readbackMismatch: (detail: string) =>
    msg(
      'readback_mismatch',
      `Der Beleg wurde in sevDesk angelegt, weicht aber vom Original ab (${detail}). Er wird nicht erneut gesendet; prüfe ihn in sevDesk.`,
      `The voucher was created in sevDesk but differs from the document (${detail}). It is not sent again; check it in sevDesk.`,
    ),
  duplicateVouchers: (count: number) =>
    msg(
      'duplicate_vouchers',
      `In sevDesk gibt es bereits ${count} Belege mit der Markierung dieses Belegs. Es wird kein weiterer angelegt; bitte bereinige die Dubletten in sevDesk.`,
      `sevDesk already holds ${count} vouchers carrying this document’s marker. No further one is created; please remove the duplicates in sevDesk.`,
    ),
  contactAmbiguous: (what: string) =>
    msg(
      'contact_ambiguous',
      `In sevDesk passen mehrere Kontakte zu ${what}; es wird kein weiterer angelegt und keiner geraten. Führe die Kontakte in sevDesk zusammen und übertrage erneut.`,
      `Several sevDesk contacts match ${what}; none is created and none is guessed. Merge the contacts in sevDesk and transfer again.`,
    ),
  countryUnknown: (country: string) =>
    msg(
      'country_unknown',
      `sevDesk kennt das Land „${country}“ nicht; die Adresse kann nicht übertragen werden.`,
      `sevDesk does not know the country "${country}"; the address cannot be transferred.`,
    ),
  ambiguousWrite: (what: string) =>
    msg(
      'ambiguous_write',
      `Die Antwort von sevDesk auf „${what}“ blieb aus; ob sie ausgeführt wurde, wird vor jedem weiteren Schreiben per Suche geprüft.`,
      `sevDesk's answer to "${what}" did not arrive; whether it was executed is checked by a search before any further write.`,
    ),
  dryRun: () =>
    msg(
      'dry_run',
      'Probelauf (settings.sevdesk.dryRun): Der Beleg wurde geprüft und vorbereitet, aber nichts an sevDesk gesendet. Schalte den Probelauf aus und übertrage erneut.',
      'Dry run (settings.sevdesk.dryRun): the document was checked and prepared, but nothing was sent to sevDesk. Switch the dry run off and transfer again.',
    ),
  gaveUp: (attempts: number, last: string) =>
    msg(
      'gave_up',
      `Nach ${attempts} Versuchen aufgegeben; zuletzt: ${last} Eine erneute Übertragung sucht zuerst in sevDesk, es entsteht kein Duplikat.`,
      `Gave up after ${attempts} attempts; last: ${last} Transferring again searches sevDesk first; no duplicate is created.`,
    ),
  transferred: (voucherId: string) =>
    msg(
      'transferred',
      `An sevDesk übertragen (Beleg-ID ${voucherId}); Summe und USt je Satz stimmen centgenau.`,
      `Transferred to sevDesk (voucher id ${voucherId}); total and VAT per rate agree to the cent.`,
    ),
  connected: (version: string) =>
    msg(
      'connected',
      `Verbunden mit sevDesk (Buchhaltung ${version}).`,
      `Connected to sevDesk (bookkeeping ${version}).`,
    ),
};

export interface SevdeskRejection {
  status: number;
  code: number | null;
  message: string;
}

/**
 * Turns sevDesk's refusal (400/409/422, or an error inside HTTP 200) into an actionable sentence, quoting sevDesk.
 * Known codes first (sevdesk-api.md §1.3), then the message patterns integrators meet on the voucher path.
 */
export function translateRejection(r: SevdeskRejection): LocalizedMessage {
  const quote = r.message ? ` – sevDesk: „${r.message}“` : '';
  const quoteEn = r.message ? ` – sevDesk: "${r.message}"` : '';
  const text = r.message.toLowerCase();
  if (r.code === 90400 || /resettodraft/.test(text))
    return msg(
      'voucher_not_draft',
      `Der Beleg in sevDesk ist kein Entwurf mehr und kann nicht geändert werden${quote}.`,
      `The voucher in sevDesk is no longer a draft and cannot be changed${quoteEn}.`,
    );
  if (r.code === 751 || r.code === 750)
    return msg(
      'already_paid',
      `Der Beleg ist in sevDesk bereits bezahlt${quote}.`,
      `The voucher is already paid in sevDesk${quoteEn}.`,
    );
  if (r.status === 409 || r.code === 159)
    return msg(
      'sevdesk_conflict',
      `sevDesk lässt die Änderung im aktuellen Zustand nicht zu (z. B. festgeschrieben oder gebucht)${quote}.`,
      `sevDesk does not allow the change in the current state (e.g. enshrined or booked)${quoteEn}.`,
    );
  if (/tax ?rule|steuerregel|taxrule/.test(text))
    return msg(
      'tax_rule_refused',
      `sevDesk akzeptiert die Steuerregel für dieses Erlöskonto nicht. Prüfe in den sevDesk-Einstellungen die Erlöskonten je Steuersatz und den Steuerfall der Bestellung${quote}.`,
      `sevDesk does not accept the tax rule for this revenue account. Check the revenue accounts per rate in the sevDesk settings and the order’s tax case${quoteEn}.`,
    );
  if (/tax ?rate|steuersatz/.test(text))
    return msg(
      'tax_rate_refused',
      `sevDesk akzeptiert einen Steuersatz des Belegs nicht (Buchhaltung 2.0 erlaubt nur 0, 7 und 19 % je nach Steuerregel und Konto)${quote}.`,
      `sevDesk does not accept one of the document’s tax rates (bookkeeping 2.0 allows only 0, 7 and 19 % depending on tax rule and account)${quoteEn}.`,
    );
  if (/accountdatev|account|konto/.test(text))
    return msg(
      'account_refused',
      `sevDesk akzeptiert das Erlöskonto nicht. Wähle in den sevDesk-Einstellungen ein Erlöskonto, das Erlöse mit diesem Steuersatz erlaubt${quote}.`,
      `sevDesk does not accept the revenue account. Choose a revenue account in the sevDesk settings that allows revenue at this rate${quoteEn}.`,
    );
  if (/file|datei|upload|pdf/.test(text))
    return msg(
      'file_refused',
      `sevDesk hat die PDF-Datei nicht angenommen. Erzeuge die PDF neu und übertrage erneut${quote}.`,
      `sevDesk did not accept the PDF file. Render the PDF again and transfer again${quoteEn}.`,
    );
  if (/contact|supplier|kontakt|customernumber|kundennummer/.test(text))
    return msg(
      'contact_refused',
      `sevDesk hat die Kundendaten nicht angenommen. Prüfe Name, Adresse und Land des Kunden${quote}.`,
      `sevDesk did not accept the customer data. Check the customer’s name, address and country${quoteEn}.`,
    );
  if (/currency|währung/.test(text))
    return msg(
      'currency_refused',
      `sevDesk akzeptiert die Währung des Belegs nicht${quote}.`,
      `sevDesk does not accept the document’s currency${quoteEn}.`,
    );
  return msg(
    'sevdesk_rejected',
    `sevDesk hat die Anfrage abgelehnt (HTTP ${r.status})${quote}. Prüfe Beleg und sevDesk-Einstellungen und übertrage dann erneut.`,
    `sevDesk refused the request (HTTP ${r.status})${quoteEn}. Check the document and the sevDesk settings, then transfer again.`,
  );
}
