import { findDocument, type StoredDocument } from '../../db/repos/documents.repo.js';
import { findOrder } from '../../db/repos/orders.repo.js';
import type { Shop } from '../../db/repos/shops.repo.js';
import { type ResolvedCostCentre, resolveCostCentre } from '../../domain/accounting/cost-centre.js';
import { voucherDateOf, voucherDescriptionFrom } from '../../domain/accounting/voucher-text.js';
import { displayName } from '../../domain/transfer/contact-intent.js';
import type { GuidanceRow } from '../../integrations/sevdesk/sevdesk-api.js';
import {
  type BookkeepingVersion,
  type Preparation,
  prepareVoucher,
  type VoucherDocument,
} from '../../integrations/sevdesk/voucher-payload.js';
import type { AppContext } from '../context.js';

// A finalized document as the voucher the shop's accounting settings make of it: accounts per position, cost centre,
// date, description and remark. The transfer and the dry run both call this, so a dry run shows exactly what a real
// run sends.

export interface DocumentVoucher {
  vdoc: VoucherDocument;
  preparation: Preparation;
  dateSource: 'invoice_date' | 'order_date';
  costCentre: ResolvedCostCentre | null;
}

export async function prepareDocumentVoucher(
  ctx: AppContext,
  input: {
    shop: Shop;
    doc: StoredDocument & { number: string };
    bookkeepingVersion: BookkeepingVersion;
    guidance: readonly GuidanceRow[];
  },
): Promise<DocumentVoucher> {
  const { shop, doc } = input;
  const settings = shop.settings.sevdesk;
  const cancelsNumber =
    doc.type === 'cancellation'
      ? (doc.data.cancels?.number ??
        (doc.cancelsDocumentId ? ((await findDocument(ctx.db, doc.cancelsDocumentId))?.number ?? null) : null))
      : null;
  const vdoc: VoucherDocument = { id: doc.id, number: doc.number, data: doc.data, cancelsNumber };
  const orderCreatedAt =
    settings.voucher.date === 'order_date' && doc.type === 'invoice'
      ? ((await findOrder(ctx.db, doc.orderId))?.data.createdAt ?? null)
      : null;
  const date = voucherDateOf(
    settings.voucher.date,
    { type: doc.type, issueDate: doc.data.issueDate || doc.issueDate || '' },
    orderCreatedAt,
  );
  const description = voucherDescriptionFrom(settings.voucher, {
    documentId: doc.id,
    type: doc.type,
    number: doc.number,
    cancelledInvoiceNumber: cancelsNumber,
    orderNumber: doc.data.orderNumber,
    customerName: displayName(doc.data.customer),
    paymentMethod: doc.data.paymentMethodTitle ?? doc.data.paymentMethod,
    transactionId: doc.data.paymentTransactionId,
    voucherDate: date.date,
  });
  const costCentre = resolveCostCentre(doc.data, settings.costCentre);
  const preparation = prepareVoucher(vdoc, {
    bookkeepingVersion: input.bookkeepingVersion,
    guidance: input.guidance,
    revenueAccounts: settings.revenueAccounts,
    presentation: { description, voucherDate: date.date, costCentreId: costCentre?.id ?? null },
  });
  return { vdoc, preparation, dateSource: date.source, costCentre };
}
