// Invoice, for the OSS path (sevdesk-api.md §5.2, §5.3): saveInvoice, sendBy, bookAmount, cancelInvoice, getPdf.
import type { ApiRequest, ApiRouter } from '../api-router.js';
import { unprocessable } from '../errors.js';
import { refFilter } from '../records.js';
import { created, errorInOk, ok, one, page, textParam } from '../respond.js';
import {
  applyHeader,
  buildPositions,
  checkReferences,
  commitDocument,
  emptyDocument,
  hasCreditNote,
  mergePositions,
  nextNumber,
  registerLifecycleRoutes,
  renderDocument,
  renderPosition,
  renderSaved,
  requireDocument,
  resolveTax,
} from '../sales-documents.js';
import type { SalesDocRec, SalesPosRec } from '../state.js';
import { formatRateBp } from '../wire.js';

type Bag = Record<string, unknown>;

function saveInvoice(req: ApiRequest) {
  const { account, body, now } = req;
  const input = body.invoice as Bag;
  const existing =
    input.id !== undefined && input.id !== null ? requireDocument(account, 'Invoice', Number(input.id)) : undefined;
  if (existing && existing.status !== 100) throw unprocessable('Only draft invoices can be changed');
  const doc: SalesDocRec = existing
    ? { ...existing, positions: existing.positions.map((p) => ({ ...p })) }
    : emptyDocument('Invoice', account, now);
  applyHeader(doc, input);
  const status = Number(input.status);
  if (account.bookkeepingVersion === '2.0' && status !== 100)
    throw unprocessable('Invoices can only be created with the status DRAFT (100)');
  doc.status = status === 200 ? 200 : 100;
  checkReferences(account, doc);
  const rates = resolveTax(account, doc, input);
  if (doc.documentType === 'RE' && doc.deliveryDate !== null && doc.deliveryDate > doc.date)
    throw unprocessable('The delivery date of a regular invoice can not be later than the invoice date');
  const saves = Array.isArray(body.invoicePosSave) ? (body.invoicePosSave as Bag[]) : null;
  mergePositions(doc, saves ? buildPositions(req, doc, saves, rates) : null, body.invoicePosDelete);
  for (const p of doc.positions)
    if (!rates.includes(p.taxRateBp))
      throw unprocessable(
        `Tax rate ${formatRateBp(p.taxRateBp)} of position ${p.id} is not allowed with tax rule ${doc.taxRule}`,
      );
  return created(renderSaved(account, commitDocument(req, doc, existing)));
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

  api.get('/Invoice', (req) => {
    const { account, query } = req;
    const status = textParam(query, 'status');
    const invoiceNumber = query.get('invoiceNumber');
    // Exact match; the spec's misspelled `customerIntenalNote` is an unknown filter and ignored (§5.2).
    const note = query.get('customerInternalNote');
    const contact = refFilter(query, 'contact');
    const start = textParam(query, 'startDate');
    const end = textParam(query, 'endDate');
    const found = [...account.invoices.values()].filter(
      (i) =>
        (status === undefined || i.status === Number(status)) &&
        (invoiceNumber === null || i.number === invoiceNumber) &&
        (note === null || i.customerInternalNote === note) &&
        (contact === undefined || i.contact === contact) &&
        (start === undefined || i.date >= Number(start)) &&
        (end === undefined || i.date <= Number(end)),
    );
    return page(query, found, (i) => renderDocument(account, i));
  });

  api.get('/Invoice/{invoiceId}', (req) =>
    one(renderDocument(req.account, requireDocument(req.account, 'Invoice', req.params.invoiceId!))),
  );

  api.get('/Invoice/{invoiceId}/getPositions', (req) => {
    const invoice = requireDocument(req.account, 'Invoice', req.params.invoiceId!);
    return page(req.query, invoice.positions, (p) => renderPosition(req.account, invoice, p));
  });

  api.get('/InvoicePos', (req) => {
    const { account, query } = req;
    const invoiceId = refFilter(query, 'invoice');
    const rows: Array<[SalesDocRec, SalesPosRec]> = [];
    for (const invoice of account.invoices.values())
      if (invoiceId === undefined || invoice.id === invoiceId)
        for (const p of invoice.positions) rows.push([invoice, p]);
    return page(query, rows, ([invoice, p]) => renderPosition(account, invoice, p));
  });

  api.get('/Invoice/{invoiceId}/getIsPartiallyPaid', (req) => {
    const invoice = requireDocument(req.account, 'Invoice', req.params.invoiceId!);
    return ok(invoice.paidAmount > 0 && invoice.paidAmount < Math.abs(invoice.sumGross));
  });

  api.post('/Invoice/{invoiceId}/cancelInvoice', cancelInvoice);

  registerLifecycleRoutes(api, 'Invoice');
}
