// What an operator reads about OSS documents on sevDesk's invoice path, in German and English: what happened,
// why, and what to do. sevDesk's own refusal is quoted where it adds information.
import type { LocalizedMessage, SevdeskRejection } from '../transfer/messages.js';
import { formatRate, formatRateDe } from '../tax/rate-format.js';
import { countryName } from '../tax/country-names.js';
import type { RateBp } from '../money/vat.js';
import { type OssSupply, SUPPLY_NAMES } from './oss-rule.js';

const msg = (code: string, de: string, en: string): LocalizedMessage => ({ code, de, en });

const dottedDe = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

export type SalesKind = 'Invoice' | 'CreditNote';

const KIND_NAMES: Record<SalesKind, readonly [de: string, en: string]> = {
  Invoice: ['Rechnung', 'invoice'],
  CreditNote: ['Gutschrift', 'credit note'],
};

export const ossMessages = {
  mixedSupplies: (supplies: readonly OssSupply[]) =>
    msg(
      'oss_mixed_supplies',
      `Der Beleg mischt ${supplies.map((s) => SUPPLY_NAMES[s][0]).join(' und ')}. Eine sevDesk-Rechnung trägt genau eine OSS-Steuerregel; der Beleg wird nicht gesendet. Teile die Bestellung oder erfasse den Beleg in sevDesk von Hand.`,
      `The document mixes ${supplies.map((s) => SUPPLY_NAMES[s][1]).join(' and ')}. A sevDesk invoice carries exactly one OSS tax rule; the document is not sent. Split the order or record the document in sevDesk by hand.`,
    ),
  destinationInvalid: (problem: 'missing' | 'home' | 'outside_eu' | 'northern_ireland', country: string | null) => {
    const where = country ? `${countryName(country, 'de')} (${country})` : '';
    const whereEn = country ? `${countryName(country)} (${country})` : '';
    switch (problem) {
      case 'missing':
        return msg(
          'oss_destination_missing',
          'Für den OSS-Beleg fehlt ein gültiges Bestimmungsland (Liefer- bzw. Rechnungsland); er wird nicht gesendet.',
          'The OSS document has no valid destination country (shipping or billing country); it is not sent.',
        );
      case 'home':
        return msg(
          'oss_destination_home',
          'Das Bestimmungsland des OSS-Belegs ist Deutschland; ein OSS-Fernverkauf geht immer in einen anderen EU-Staat. Der Beleg wird nicht gesendet; prüfe den Steuerfall der Bestellung.',
          'The OSS document’s destination is Germany; an OSS distance sale always goes to another EU member state. It is not sent; check the order’s tax case.',
        );
      case 'northern_ireland':
        return msg(
          'oss_destination_northern_ireland',
          `Das Bestimmungsland ist ${where}: sevDesk kennt Nordirland nicht als eigenes Land, die OSS-Steuerregel kann dort nicht geprüft werden. Der Beleg wird nicht gesendet; erfasse ihn in sevDesk von Hand.`,
          `The destination is ${whereEn}: sevDesk has no separate country for Northern Ireland, so its OSS tax rule cannot be applied. The document is not sent; record it in sevDesk by hand.`,
        );
      default:
        return msg(
          'oss_destination_outside_eu',
          `Das Bestimmungsland ${where} liegt nicht in der EU; OSS gilt nur für Verkäufe in andere EU-Staaten. Der Beleg wird nicht gesendet; prüfe den Steuerfall der Bestellung.`,
          `The destination ${whereEn} is not in the EU; OSS only covers sales to other EU member states. The document is not sent; check the order’s tax case.`,
        );
    }
  },
  rateNotInDestination: (rateBp: RateBp, country: string, date: string, allowed: readonly RateBp[], asOf: string) =>
    msg(
      'oss_rate_not_in_destination',
      `Der Beleg enthält ${formatRateDe(rateBp)} USt; diesen Satz gibt es in ${countryName(country, 'de')} am ${dottedDe(date)} nicht (dort: ${allowed.map(formatRateDe).join(', ') || 'keine'}; Stand der EU-Satztabelle ${dottedDe(asOf)}). Der Beleg wird nicht gesendet; prüfe die Steuersätze der Bestellung.`,
      `The document contains ${formatRate(rateBp)} VAT, a rate ${countryName(country)} does not have on ${date} (there: ${allowed.map(formatRate).join(', ') || 'none'}; EU rate table as of ${asOf}). It is not sent; check the order’s tax rates.`,
    ),
  needsBookkeeping2: () =>
    msg(
      'oss_needs_bookkeeping_2',
      'Die OSS-Steuerregeln (18–20) gibt es nur in sevDesk-Buchhaltung 2.0; dieses Konto nutzt 1.0. Der Beleg wird nicht gesendet.',
      'The OSS tax rules (18–20) exist only in sevDesk bookkeeping 2.0; this account uses 1.0. The document is not sent.',
    ),
  deliveryAfterInvoiceDate: (deliveryDate: string, issueDate: string) =>
    msg(
      'oss_delivery_after_invoice_date',
      `Das Lieferdatum (${dottedDe(deliveryDate)}) liegt nach dem Rechnungsdatum (${dottedDe(issueDate)}); sevDesk lehnt solche Rechnungen ab. Der Beleg wird nicht gesendet; erfasse ihn in sevDesk von Hand.`,
      `The delivery date (${deliveryDate}) is after the invoice date (${issueDate}); sevDesk refuses such invoices. The document is not sent; record it in sevDesk by hand.`,
    ),
  originNotTransferred: (number: string) =>
    msg(
      'oss_origin_not_transferred',
      `Die Rechnung ${number}, die dieser Storno betrifft, ist noch nicht als sevDesk-Rechnung übertragen. Übertrage zuerst die Rechnung; danach wird der Storno automatisch erneut versucht.`,
      `Invoice ${number}, which this cancellation refers to, has not been transferred as a sevDesk invoice yet. Transfer the invoice first; the cancellation is then tried again.`,
    ),
  originNotInvoicePath: (number: string) =>
    msg(
      'oss_origin_not_invoice',
      `Die Rechnung ${number} wurde nicht als sevDesk-Rechnung (OSS) übertragen; eine OSS-Gutschrift braucht die Ursprungsrechnung in sevDesk. Der Storno wird nicht gesendet; erfasse ihn in sevDesk von Hand.`,
      `Invoice ${number} was not transferred as a sevDesk (OSS) invoice; an OSS credit note needs its origin invoice in sevDesk. The cancellation is not sent; record it in sevDesk by hand.`,
    ),
  rateNotOnOrigin: (rateBp: RateBp, number: string) =>
    msg(
      'oss_rate_not_on_origin',
      `Der Storno enthält ${formatRateDe(rateBp)} USt, die Rechnung ${number} aber keine Position mit diesem Satz; sevDesk verlangt für OSS-Gutschriften die Sätze der Ursprungsrechnung. Der Storno wird nicht gesendet.`,
      `The cancellation contains ${formatRate(rateBp)} VAT, but invoice ${number} has no position at that rate; sevDesk requires an OSS credit note to use its origin invoice’s rates. It is not sent.`,
    ),
  duplicates: (kind: SalesKind, count: number, reference: string) =>
    msg(
      'oss_duplicates',
      `In sevDesk gibt es bereits ${count} ${kind === 'Invoice' ? 'Rechnungen' : 'Gutschriften'} zu „${reference}“ mit der Nummer dieses Belegs. Es wird keine weitere angelegt; bitte bereinige die Dubletten in sevDesk.`,
      `sevDesk already holds ${count} ${kind === 'Invoice' ? 'invoices' : 'credit notes'} for "${reference}" with this document’s number. No further one is created; please remove the duplicates in sevDesk.`,
    ),
  readbackMismatch: (kind: SalesKind, id: string, detail: string) =>
    msg(
      'oss_readback_mismatch',
      `Die ${KIND_NAMES[kind][0]} ${id} wurde in sevDesk angelegt, weicht aber vom Beleg ab (${detail}). Sie wird nicht geöffnet und nicht erneut gesendet; prüfe sie in sevDesk.`,
      `The ${KIND_NAMES[kind][1]} ${id} was created in sevDesk but differs from the document (${detail}). It is not opened and not sent again; check it in sevDesk.`,
    ),
  alreadyCancelledUnknown: (number: string) =>
    msg(
      'oss_already_cancelled',
      `sevDesk meldet die Rechnung ${number} als bereits storniert, die Stornorechnung ist aber nicht auffindbar. Es wird nichts weiter gesendet; prüfe die Rechnung in sevDesk.`,
      `sevDesk reports invoice ${number} as already cancelled, but its cancellation invoice cannot be found. Nothing further is sent; check the invoice in sevDesk.`,
    ),
  noSevUser: () =>
    msg(
      'oss_no_sev_user',
      'sevDesk nennt keinen Benutzer, der als Ansprechpartner der Rechnung eingetragen werden kann (GET /SevUser). Prüfe die Benutzer im sevDesk-Konto.',
      'sevDesk lists no user to enter as the invoice’s contact person (GET /SevUser). Check the users of the sevDesk account.',
    ),
  transferred: (kind: SalesKind, id: string, number: string, pdfNumber: string) =>
    msg(
      'transferred',
      `Als sevDesk-${KIND_NAMES[kind][0]} übertragen (ID ${id}, Nummer ${number}); Summe und USt je Satz stimmen centgenau. sevDesk-Rechnungen nehmen keine hochgeladene PDF an: Rechtlich maßgeblich bleibt die PDF des Shops (${pdfNumber}), auf die der Fußtext der ${KIND_NAMES[kind][0]} verweist.`,
      `Transferred as sevDesk ${KIND_NAMES[kind][1]} (id ${id}, number ${number}); total and VAT per rate agree to the cent. sevDesk invoices take no uploaded PDF: the shop’s PDF (${pdfNumber}) remains the legal document, referenced in the ${KIND_NAMES[kind][1]}’s foot text.`,
    ),
  cancelledInSevdesk: (srId: string, invoiceNumber: string) =>
    msg(
      'transferred',
      `Die Rechnung ${invoiceNumber} wurde in sevDesk storniert (Stornorechnung ID ${srId}); Summe und USt je Satz stimmen centgenau mit dem Storno überein.`,
      `Invoice ${invoiceNumber} was cancelled in sevDesk (cancellation invoice id ${srId}); total and VAT per rate agree with the cancellation to the cent.`,
    ),
};

/** sevDesk's refusals on the invoice path (sevdesk-api.md §1.3), or null for the generic translation. */
export function translateInvoiceRejection(r: SevdeskRejection): LocalizedMessage | null {
  const quote = r.message ? ` – sevDesk: „${r.message}“` : '';
  const quoteEn = r.message ? ` – sevDesk: "${r.message}"` : '';
  switch (r.code) {
    case 455:
      return msg(
        'oss_credit_exceeds_invoice',
        `Die Gutschriften würden die Rechnung übersteigen; sevDesk lehnt ab${quote}. Prüfe die Stornos dieser Rechnung.`,
        `The credit notes would exceed the invoice; sevDesk refuses${quoteEn}. Check this invoice’s cancellations.`,
      );
    case 456:
      return msg(
        'oss_credit_note_rate',
        `sevDesk verlangt für die Gutschrift die Steuersätze und den Bezug der Ursprungsrechnung${quote}.`,
        `sevDesk requires the credit note to carry the origin invoice’s tax rates and reference${quoteEn}.`,
      );
    case 7100:
      return msg(
        'oss_open_refused',
        `sevDesk kann die Rechnung nicht öffnen (festschreiben)${quote}. Prüfe die Rechnung in sevDesk.`,
        `sevDesk cannot open (enshrine) the invoice${quoteEn}. Check the invoice in sevDesk.`,
      );
    default:
      return null;
  }
}
