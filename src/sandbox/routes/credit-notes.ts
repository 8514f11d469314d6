// CreditNote (sevdesk-api.md §5.4): createFromInvoice, saveCreditNote (UNDERACHIEVEMENT needs refSrcInvoice),
// bookAmount with a negative amount.
import type { ApiRequest, ApiRouter } from '../api-router.js';
import { unprocessable } from '../errors.js';
import { created } from '../respond.js';
import {
  commitDocument,
  creditedGross,
  emptyDocument,
  nextNumber,
  registerLifecycleRoutes,
  registerReadRoutes,
  renderSaved,
  requireDocument,
  saveDraft,
} from '../sales-documents.js';
import { OSS_RULE_IDS } from '../static-data.js';
import type { SalesDocRec } from '../state.js';

/** The credit notes of an invoice may not exceed it (code 455). */
function checkCreditLimit(req: ApiRequest, invoice: SalesDocRec, creditNote: SalesDocRec): void {
  if (creditedGross(req.account, invoice.id, creditNote.id) + creditNote.sumGross > Math.abs(invoice.sumGross))
    throw unprocessable('The sum of the credit notes would exceed the sum of the invoice', 455);
}

/** sevdesk-Update 2.0: deliveryDateUntil of a credit note must be consistent with its invoice's. */
function checkDeliveryRange(invoice: SalesDocRec, creditNote: SalesDocRec): void {
  if ((invoice.deliveryDateUntil === null) !== (creditNote.deliveryDateUntil === null))
    throw unprocessable('deliveryDateUntil must be given exactly when the invoice has one');
  if (
    invoice.deliveryDateUntil !== null &&
    creditNote.deliveryDateUntil !== null &&
    creditNote.deliveryDateUntil < invoice.deliveryDateUntil
  )
    throw unprocessable("deliveryDateUntil can not be before the invoice's deliveryDateUntil");
}

function saveCreditNote(req: ApiRequest) {
  const { account } = req;
  return saveDraft(req, 'CreditNote', (doc, rates) => {
    switch (doc.bookingCategory) {
      case 'ACCOUNTING_TYPE':
        throw unprocessable('bookingCategory ACCOUNTING_TYPE is currently not supported in sevdesk-Update 2.0');
      case 'UNDERACHIEVEMENT': {
        if (doc.refSrcInvoice === null)
          throw unprocessable('bookingCategory UNDERACHIEVEMENT requires refSrcInvoice', 456);
        const invoice = requireDocument(account, 'Invoice', doc.refSrcInvoice);
        if (['AR', 'TR'].includes(invoice.documentType))
          throw unprocessable('Credit notes for advance or partial invoices are not possible');
        checkDeliveryRange(invoice, doc);
        return {
          // Every position must carry a tax rate of the origin invoice (code 456).
          rates: [...new Set(invoice.positions.map((p) => p.taxRateBp))],
          rateNotAllowed: (rate) =>
            unprocessable(
              `The tax rate ${rate} of a credit note position differs from the origin invoice's tax rates`,
              456,
            ),
          check: (creditNote) => checkCreditLimit(req, invoice, creditNote),
        };
      }
      case 'PROVISION':
        // Commission credit notes are an expense: rule 9 only (measured, sevdesk-api.md §5.4).
        if (doc.taxRule !== 9 && account.bookkeepingVersion === '2.0') throw unprocessable('Invalid tax rule');
        return { rates: [0, 700, 1900] };
      default:
        if (doc.taxRule !== null && OSS_RULE_IDS.has(doc.taxRule))
          throw unprocessable('One Stop Shop tax rules on credit notes need bookingCategory UNDERACHIEVEMENT');
        return { rates };
    }
  });
}

function createFromInvoice(req: ApiRequest) {
  const { account, now } = req;
  const invoiceId = Number((req.body.invoice as { id: number }).id);
  const invoice = requireDocument(account, 'Invoice', invoiceId);
  if (invoice.status === 100) throw unprocessable('Credit notes can only be created for opened invoices');
  if (invoice.cancelledBy !== null) throw unprocessable('The invoice is cancelled', 421);
  if (['AR', 'TR'].includes(invoice.documentType) || invoice.documentType === 'SR')
    throw unprocessable(`Credit notes for invoices of type ${invoice.documentType} are not possible`);
  const number = nextNumber(account, 'CreditNote');
  const creditNote: SalesDocRec = {
    ...emptyDocument('CreditNote', account, now),
    number,
    contact: invoice.contact,
    header: `Gutschrift Nr. ${number} zur Rechnung Nr. ${invoice.number ?? invoice.id}`,
    address: invoice.address,
    addressCountry: invoice.addressCountry,
    deliveryAddressCountry: invoice.deliveryAddressCountry,
    deliveryDate: invoice.deliveryDate,
    deliveryDateUntil: invoice.deliveryDateUntil,
    taxRule: invoice.taxRule,
    taxType: invoice.taxType,
    taxText: invoice.taxText,
    currency: invoice.currency,
    showNet: invoice.showNet,
    customerInternalNote: invoice.customerInternalNote,
    bookingCategory: 'UNDERACHIEVEMENT',
    refSrcInvoice: invoice.id,
    origin: { objectName: 'Invoice', id: invoice.id },
    sumNet: invoice.sumNet,
    sumTax: invoice.sumTax,
    sumGross: invoice.sumGross,
    positions: invoice.positions.map((p) => ({ ...p, id: 0, create: now, update: now })),
  };
  checkCreditLimit(req, invoice, creditNote);
  const saved = commitDocument(req, creditNote, undefined);
  return created({ ...renderSaved(account, saved), discount: [] });
}

export function registerCreditNoteRoutes(api: ApiRouter): void {
  api.post('/CreditNote/Factory/saveCreditNote', saveCreditNote);
  api.post('/CreditNote/Factory/createFromInvoice', createFromInvoice);

  registerReadRoutes(api, 'CreditNote');
  registerLifecycleRoutes(api, 'CreditNote');
}
