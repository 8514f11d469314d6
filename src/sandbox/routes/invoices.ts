// Invoice, for the OSS path (sevdesk-api.md §5.2, §5.3): saveInvoice, sendBy, bookAmount, cancelInvoice, getPdf.
import type { ApiRequest, ApiRouter } from '../api-router.js';
import { unprocessable } from '../errors.js';
import { created, errorInOk, ok, page } from '../respond.js';
import {
  hasCreditNote,
  nextNumber,
  registerLifecycleRoutes,
  registerReadRoutes,
  renderDocument,
  renderPosition,
  requireDocument,
  saveDraft,
} from '../sales-documents.js';
import type { SalesDocRec, SalesPosRec } from '../state.js';
import { formatRateBp } from '../wire.js';

function saveInvoice(req: ApiRequest) {
  return saveDraft(req, 'Invoice', (doc, rates) => {
    if (doc.documentType === 'RE' && doc.deliveryDate !== null && doc.deliveryDate > doc.date)
      throw unprocessable('The delivery date of a regular invoice can not be later than the invoice date');
    return {
      rates,
      // Positions the call leaves unchanged must fit the (possibly changed) tax rule as well.
      check: (invoice) => {
        for (const p of invoice.positions)
          if (!rates.includes(p.taxRateBp))
            throw unprocessable(
              `Tax rate ${formatRateBp(p.taxRateBp)} of position ${p.id} is not allowed with tax rule ${invoice.taxRule}`,
            );
      },
    };
  });
}

/** The cancellation invoice (SR): negated positions, automatically paid and enshrined. */
function cancelInvoice(req: ApiRequest) {
  const { account, store, now } = req;
  const invoice = requireDocument(account, 'Invoice', req.params.invoiceId!);
  if (invoice.status === 100) throw unprocessable('A draft invoice can not be cancelled; delete it instead');
  if (invoice.cancelledBy !== null || invoice.documentType === 'SR')
    throw unprocessable('The invoice is already cancelled', 421);
  if (hasCreditNote(account, invoice.id)) throw unprocessable('A credit note exists for this invoice', 170);
  // sevDesk answers this one inside HTTP 200 (sevdesk-api.md §1.3).
  if (invoice.status === 750)
    return errorInOk('The invoice is partially paid and can not be cancelled. Create a credit note instead.', 390);
  const number = nextNumber(account, 'Invoice');
  const cancellation: SalesDocRec = {
    ...invoice,
    id: store.nextId('invoice'),
    create: now,
    update: now,
    number,
    date: now,
    header: `Stornorechnung Nr. ${number} zur Rechnung Nr. ${invoice.number ?? invoice.id}`,
    documentType: 'SR',
    status: 1000,
    sumNet: -invoice.sumNet,
    sumTax: -invoice.sumTax,
    sumGross: -invoice.sumGross,
    paidAmount: Math.abs(invoice.sumGross),
    payDate: now,
    enshrined: now,
    sendType: 'VPDF',
    sendDate: now,
    origin: { objectName: 'Invoice', id: invoice.id },
    cancelledBy: null,
    positions: invoice.positions.map(
      (p): SalesPosRec => ({
        ...p,
        id: store.nextId('invoicePos'),
        create: now,
        update: now,
        quantity: -p.quantity,
        sumNet: -p.sumNet,
        sumTax: -p.sumTax,
        sumGross: -p.sumGross,
      }),
    ),
  };
  account.invoices.set(cancellation.id, cancellation);
  invoice.cancelledBy = cancellation.id;
  invoice.status = 1000;
  invoice.update = now;
  return created(renderDocument(account, cancellation));
}

export function registerInvoiceRoutes(api: ApiRouter): void {
  api.post('/Invoice/Factory/saveInvoice', saveInvoice);

  // customerInternalNote is exact; the spec's misspelled `customerIntenalNote` is an unknown filter and ignored (§5.2).
  registerReadRoutes(api, 'Invoice', (query) => {
    const note = query.get('customerInternalNote');
    return (invoice) => note === null || invoice.customerInternalNote === note;
  });

  api.get('/Invoice/{invoiceId}/getPositions', (req) => {
    const invoice = requireDocument(req.account, 'Invoice', req.params.invoiceId!);
    return page(req.query, invoice.positions, (p) => renderPosition(req.account, invoice, p));
  });

  api.get('/Invoice/{invoiceId}/getIsPartiallyPaid', (req) => {
    const invoice = requireDocument(req.account, 'Invoice', req.params.invoiceId!);
    return ok(invoice.paidAmount > 0 && invoice.paidAmount < Math.abs(invoice.sumGross));
  });

  api.post('/Invoice/{invoiceId}/cancelInvoice', cancelInvoice);

  registerLifecycleRoutes(api, 'Invoice');
}
