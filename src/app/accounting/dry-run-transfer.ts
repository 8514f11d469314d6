import { findBooking } from '../../db/repos/bookings.repo.js';
import { findDocument, type StoredDocument } from '../../db/repos/documents.repo.js';
import { findOrder } from '../../db/repos/orders.repo.js';
import { findConnection, type SevdeskConnection } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop, type Shop } from '../../db/repos/shops.repo.js';
import { findTransferOfDocument } from '../../db/repos/transfers.repo.js';
import type { AccountSource } from '../../domain/accounting/resolve-account.js';
import { chooseCheckAccount, paymentFacts } from '../../domain/booking/payment.js';
import { bookingReasons } from '../../domain/booking/reasons.js';
import { renderSearchKey } from '../../domain/booking/search-key.js';
import type { Minor } from '../../domain/documents/document.js';
import type { RateBp } from '../../domain/money/vat.js';
import { type LocalizedMessage, messages } from '../../domain/transfer/messages.js';
import { isSevdeskError } from '../../integrations/sevdesk/sevdesk-errors.js';
import { type BookkeepingVersion, saveVoucherBody } from '../../integrations/sevdesk/voucher-payload.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { SEVDESK_TARGET } from '../transfer/enqueue-transfer.js';
import { costCentres, readSession, revenueGuidance } from './accounting-data.js';
import { prepareDocumentVoucher } from './document-voucher.js';
import { type ContactPlan, planVoucherContacts, voucherContacts } from './voucher-contact.js';

// "What would be sent?" for one document: the contact (reused, updated or created, with the body), the exact
// saveVoucher body (description, date, tax rule, cost centre, positions with accounts and rates) and the booking —
// computed by the same code the transfer runs, without any write to sevDesk. Reads are the cached static data only
// (revenue guidance, cost centres), so a dry run normally makes no sevDesk call at all.

/** Stands in for the temp file name uploadTempFile returns during a real run. */
export const DRY_RUN_FILENAME = '(uploadTempFile)';

export interface DryRunPosition {
  accountDatevId: string;
  accountNumber: string;
  accountName: string;
  accountSources: AccountSource[];
  rateBp: RateBp;
  net: Minor;
  tax: Minor;
  gross: Minor;
  /** Positions (1-based) of the document lines this voucher position carries. */
  linePositions: number[];
  comment: string;
}

export interface DryRunBooking {
  /** book: booked after the transfer; wait: booked when the shop reports the payment; none: nothing to book. */
  action: 'book' | 'wait_for_payment' | 'none' | 'disabled' | 'done';
  amount: Minor;
  currency: string;
  date: string | null;
  checkAccount: { id: string; name: string | null; type: string | null; source: string } | null;
  /** Online accounts: the transaction is searched by this key in its purpose. */
  searchKey: string | null;
  reason: LocalizedMessage | null;
}

export interface DryRunResult {
  documentId: string;
  shopId: string;
  number: string | null;
  type: StoredDocument['type'];
  /** voucher: Belegfluss's voucher path; invoice: an OSS sale that goes to sevDesk as an invoice (not shown here). */
  target: 'voucher' | 'invoice';
  /** The whole shop runs in dry-run mode (settings.sevdesk.dryRun): transfers stop before any write. */
  shopDryRun: boolean;
  /** True when a transfer now would send this (the reason says why not). */
  ready: boolean;
  reason: LocalizedMessage | null;
  transfer: { state: string; voucherId: string | null } | null;
  contact: (ContactPlan & { person: ContactPlan | null }) | null;
  voucher: {
    body: Record<string, unknown>;
    description: string;
    voucherDate: string;
    voucherDateSource: 'invoice_date' | 'order_date';
    taxRuleId: number;
    net: boolean;
    currency: string;
    costCentre: { id: string; name: string | null; source: string } | null;
    gross: Minor;
    tax: Minor;
  } | null;
  positions: DryRunPosition[];
  booking: DryRunBooking;
  /** sevDesk calls made by the dry run (reads of static data when the cache had expired); never a write. */
  calls: { method: string; path: string }[];
}

function bookingPlan(
  shop: Shop,
  doc: StoredDocument,
  order: Awaited<ReturnType<typeof findOrder>>,
  connection: SevdeskConnection | null,
  state: string | null,
): DryRunBooking {
  const b = shop.settings.booking;
  const currency = doc.data.currency.toUpperCase();
  const base = { amount: doc.data.totals.gross, currency, date: null, checkAccount: null, searchKey: null };
  if (!b.enabled) return { ...base, action: 'disabled', reason: bookingReasons.bookingDisabled() };
  if (state && ['booked', 'linked', 'manual'].includes(state)) return { ...base, action: 'done', reason: null };
  const facts = paymentFacts(doc, order?.data ?? null);
  if (!facts.ok) {
    if (facts.code === 'unpaid') return { ...base, action: 'wait_for_payment', reason: bookingReasons.orderUnpaid() };
    return {
      ...base,
      action: 'none',
      reason: facts.code === 'never_paid' ? bookingReasons.neverPaid() : bookingReasons.zeroAmount(),
    };
  }
  const chosen = chooseCheckAccount(b, facts.paymentMethod);
  if (!chosen)
    return {
      ...base,
      amount: facts.amount,
      date: facts.paidAt,
      action: 'none',
      reason: bookingReasons.noCheckAccount(facts.paymentMethod),
    };
  const known = connection?.accountInfo.checkAccounts?.find((a) => a.id === chosen.id) ?? null;
  const online = known?.type === 'online';
  const key = online && b.linkTransactions ? renderSearchKey(b.searchKey, facts) : null;
  return {
    action: 'book',
    amount: facts.amount,
    currency: facts.currency,
    date: facts.paidAt,
    checkAccount: { id: chosen.id, name: known?.name ?? null, type: known?.type ?? null, source: chosen.source },
    searchKey: key?.ok ? key.key : null,
    reason: null,
  };
}

/** `shopId`: the caller's shop (API); another shop's document is "not found". */
export async function dryRunTransfer(
  ctx: AppContext,
  documentId: string,
  opts: { shopId?: string } = {},
): Promise<DryRunResult> {
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || (opts.shopId !== undefined && doc.shopId !== opts.shopId)) throw notFound(`Document ${documentId}`);
  const shop = await findShop(ctx.db, doc.shopId);
  if (!shop) throw notFound(`Shop ${doc.shopId}`);
  const [connection, transfer, order, booking] = await Promise.all([
    findConnection(ctx.db, shop.id),
    findTransferOfDocument(ctx.db, doc.id, SEVDESK_TARGET),
    findOrder(ctx.db, doc.orderId),
    findBooking(ctx.db, doc.id),
  ]);
  const result: DryRunResult = {
    documentId: doc.id,
    shopId: shop.id,
    number: doc.number,
    type: doc.type,
    target: doc.data.taxCase === 'eu_b2c_oss' && shop.settings.tax.ossRegistered ? 'invoice' : 'voucher',
    shopDryRun: shop.settings.sevdesk.dryRun,
    ready: false,
    reason: null,
    transfer: transfer ? { state: transfer.state, voucherId: transfer.voucherId } : null,
    contact: null,
    voucher: null,
    positions: [],
    booking: bookingPlan(shop, doc, order, connection, booking?.state ?? null),
    calls: [],
  };
  if (doc.status !== 'finalized' || !doc.number) return { ...result, reason: messages.notFinalized() };
  if (result.target === 'invoice') return { ...result, reason: messages.needsInvoicePath('eu_b2c_oss') };
  const usable = connection && connection.status === 'connected' && connection.tokenEnc;
  const version = connection?.bookkeepingVersion;
  if (!connection || !usable) return { ...result, reason: messages.notConnected() };
  if (version !== '1.0' && version !== '2.0')
    return { ...result, reason: messages.bookkeepingVersionUnsupported(version ?? null) };

  const session = readSession(ctx, connection);
  const calls = () => session.calls.map((c) => ({ method: c.method, path: c.path }));
  try {
    const contacts = await voucherContacts(ctx, shop, doc);
    const plan = await planVoucherContacts(ctx, shop.id, session.accountKey, contacts);
    result.contact = { ...plan.contact, person: plan.person };
    const { vdoc, preparation, dateSource, costCentre } = await prepareDocumentVoucher(ctx, {
      shop,
      doc: { ...doc, number: doc.number },
      bookkeepingVersion: version as BookkeepingVersion,
      guidance: version === '2.0' ? await revenueGuidance(ctx, session) : [],
    });
    if (!preparation.ok) return { ...result, reason: preparation.reason, calls: calls() };
    const v = preparation.voucher;
    const body = saveVoucherBody(v, vdoc, {
      bookkeepingVersion: version as BookkeepingVersion,
      contactId: plan.contact.contactId,
      supplierName: contacts.supplierName,
      filename: DRY_RUN_FILENAME,
    });
    const centreName = costCentre
      ? ((await costCentres(ctx, session)).find((c) => c.id === costCentre.id)?.name ?? null)
      : null;
    result.voucher = {
      body,
      description: v.description,
      voucherDate: v.voucherDate,
      voucherDateSource: dateSource,
      taxRuleId: v.ruleId,
      net: v.net,
      currency: doc.data.currency.toUpperCase(),
      costCentre: costCentre ? { id: costCentre.id, name: centreName, source: costCentre.source } : null,
      gross: v.positions.reduce((s, p) => s + p.gross, 0),
      tax: v.positions.reduce((s, p) => s + p.tax, 0),
    };
    const lines = doc.data.lines.filter((l) => l.net !== 0 || l.tax !== 0 || l.gross !== 0);
    result.positions = v.positions.map((p) => ({
      accountDatevId: p.accountId,
      accountNumber: p.accountNumber,
      accountName: p.accountName,
      accountSources: p.accountSources,
      rateBp: p.rateBp,
      net: p.net,
      tax: p.tax,
      gross: p.gross,
      linePositions: p.lineIndexes.map((i) => lines[i]?.position ?? i + 1),
      comment: p.comment,
    }));
    const done = transfer?.state === 'transferred';
    return {
      ...result,
      ready: !done && shop.settings.sevdesk.active && !shop.settings.sevdesk.dryRun,
      reason: done
        ? messages.transferred(transfer.voucherId ?? '')
        : !shop.settings.sevdesk.active
          ? messages.interfaceInactive()
          : shop.settings.sevdesk.dryRun
            ? messages.dryRun()
            : null,
      calls: calls(),
    };
  } catch (e) {
    if (!isSevdeskError(e)) throw e;
    return { ...result, reason: e.localized, calls: calls() };
  }
}
