import { findDocument, type StoredDocument } from '../../../db/repos/documents.repo.js';
import { findShop, type Shop } from '../../../db/repos/shops.repo.js';
import { findTransferOfDocument, type Transfer } from '../../../db/repos/transfers.repo.js';
import { ossMessages, translateInvoiceRejection } from '../../../domain/oss/messages.js';
import { planOssInvoice } from '../../../domain/oss/plan-oss.js';
import { isSalesDocumentRef, parseObjectRef } from '../../../domain/oss/sevdesk-ref.js';
import { customerRef } from '../../../domain/transfer/contact-intent.js';
import { messages } from '../../../domain/transfer/messages.js';
import { InvoiceApi, type SalesDocumentInfo } from '../../../integrations/sevdesk/invoice-api.js';
import { saveInvoiceBody } from '../../../integrations/sevdesk/invoice-payload.js';
import { SevdeskNotFoundError, SevdeskRejectedError } from '../../../integrations/sevdesk/sevdesk-errors.js';
import { currentCustomer } from '../../accounting/voucher-contact.js';
import type { AppContext } from '../../context.js';
import type { SevdeskSession } from '../../sevdesk/sevdesk-session.js';
import { SEVDESK_TARGET, type TransferReason } from '../enqueue-transfer.js';
import { ensureContact } from '../sync-contact.js';
import { executeRun, openRun, type RunOptions, type SessionHolder, type TransferOutcome } from '../transfer-run.js';
import { contactPersonId, staticCountryId } from './oss-static-data.js';
import { shopPdfOf } from '../transfer-run.js';
import { foreignMarker, OssRun, refOf, type RunDetail, Stop, verifyOpenFinish } from './oss-run.js';
import { transferOssCancellation } from './transfer-oss-cancellation.js';

// EU distance sales of an OSS-registered shop go to sevDesk as invoices — the only objects that take the OSS tax
// rules 18/19/20 (sevdesk-api.md §5, §6.4) — with the same exactly-once guarantees as the voucher path: contact →
// search by the order reference (exact filter, compared again with the invoice number) → checkpoint → saveInvoice
// → read-back per rate → checkpoint → sendBy (opens it under the shop's own number, no e-mail) → transferred.
// Cancellations become cancelInvoice (full) or an UNDERACHIEVEMENT credit note (partial). Never a fallback to a
// voucher: a document that cannot be an invoice needs attention.

/** Does this transfer go through the invoice path? OSS invoices of a registered shop, and what followed them. */
export async function takesInvoicePath(
  ctx: AppContext,
  transfer: Transfer,
  /** Receives the document when it was read here, so the run does not read it again. */
  loaded: { doc?: StoredDocument | null } = {},
): Promise<boolean> {
  if (isSalesDocumentRef(transfer.voucherId)) return true;
  const doc = await findDocument(ctx.db, transfer.documentId);
  loaded.doc = doc;
  if (doc?.data.taxCase !== 'eu_b2c_oss') return false;
  if (doc.type === 'cancellation' && doc.cancelsDocumentId) {
    const origin = await findTransferOfDocument(ctx.db, doc.cancelsDocumentId, SEVDESK_TARGET);
    if (isSalesDocumentRef(origin?.voucherId)) return true;
  }
  const shop = await findShop(ctx.db, transfer.shopId);
  return shop?.settings.tax.ossRegistered === true;
}

export interface OssEnv {
  ctx: AppContext;
  run: OssRun;
  detail: RunDetail;
  shop: Shop;
  doc: StoredDocument & { number: string };
  session: SevdeskSession;
  api: InvoiceApi;
  reason: TransferReason;
}

export async function runOssTransfer(
  ctx: AppContext,
  transfer: Transfer,
  opts: RunOptions = {},
): Promise<TransferOutcome> {
  const run = new OssRun(ctx, transfer);
  const detail: RunDetail = { path: 'invoice', reason: opts.reason ?? 'auto' };
  return executeRun(
    ctx,
    run,
    detail,
    opts,
    (holder) => ossSteps(ctx, run, detail, holder, opts),
    (e) => (e instanceof SevdeskRejectedError ? translateInvoiceRejection(e.rejection) : null),
  );
}

async function ossSteps(
  ctx: AppContext,
  run: OssRun,
  detail: RunDetail,
  holder: SessionHolder,
  opts: RunOptions,
): Promise<never> {
  const { shop, doc, session } = await openRun(ctx, run.transfer, holder, opts, (version): '2.0' => {
    if (version === '1.0') throw new Stop('needs_attention', ossMessages.needsBookkeeping2());
    if (version !== '2.0') throw new Stop('failed', messages.bookkeepingVersionUnsupported(version));
    return version;
  });
  const env: OssEnv = {
    ctx,
    run,
    detail,
    shop,
    doc,
    session,
    api: new InvoiceApi(session.api.http),
    reason: opts.reason ?? 'auto',
  };

  // A transferred document: only a manual request looks again, and only 404/151 means the object is gone.
  if (run.state === 'transferred') {
    const ref = parseObjectRef(run.objectRef);
    if (opts.reason !== 'manual' || !ref || ref.kind === 'Voucher') throw new Stop('transferred', null);
    try {
      await env.api.get(ref.kind, ref.id);
      detail.found = `${ref.kind} ${ref.id} still exists`;
      throw new Stop('transferred', null);
    } catch (e) {
      if (!(e instanceof SevdeskNotFoundError)) throw e;
      detail.found = `${ref.kind} ${ref.id} is gone; transferring again`;
      await run.move('queued', { objectRef: null, checkpoint: { path: 'invoice' }, transferredAt: null });
    }
  }

  if (doc.type === 'cancellation') return transferOssCancellation(env);
  return transferOssInvoice(env);
}

/** The document's customer as a sevDesk contact. An invoice always needs one: guests get one per order. */
export async function contactFor(env: OssEnv): Promise<string> {
  const { ctx, shop, doc, session, detail } = env;
  const ref = customerRef(doc.data.customer, doc.data.orderNumber, {
    prefix: shop.settings.sevdesk.customerNumberPrefix,
    guestContacts: 'per_order',
  });
  if (ref.kind === 'none') throw new Error('an invoice needs a contact');
  const snapshot =
    ref.kind === 'customer' ? await currentCustomer(ctx, shop.id, doc.data.customer, ref) : doc.data.customer;
  const c = await ensureContact(ctx, session, ref, snapshot);
  detail.contact = c.action;
  detail.contactId = c.contactId;
  return c.contactId;
}

/** What was sent, for the transfer log: no address, no personal data beyond the contact id. */
export function summariseSalesBody(
  body: Record<string, unknown>,
  key: 'invoice' | 'creditNote',
): Record<string, unknown> {
  const head = body[key] as Record<string, unknown>;
  const positions = (body[`${key}PosSave`] as Record<string, unknown>[]) ?? [];
  return {
    number: head.invoiceNumber ?? head.creditNoteNumber,
    date: head.invoiceDate ?? head.creditNoteDate,
    deliveryDate: head.deliveryDate,
    reference: head.customerInternalNote,
    taxRule: (head.taxRule as { id?: string } | undefined)?.id ?? null,
    deliveryAddressCountry: head.deliveryAddressCountry,
    addressCountry: (head.addressCountry as { id?: number } | undefined)?.id ?? null,
    currency: head.currency,
    showNet: head.showNet,
    contact: (head.contact as { id?: number } | undefined)?.id ?? null,
    contactPerson: (head.contactPerson as { id?: number } | undefined)?.id ?? null,
    refSrcInvoice: (head.refSrcInvoice as { id?: number } | undefined)?.id ?? undefined,
    positions: positions.map((p) => ({ quantity: p.quantity, price: p.price, taxRate: p.taxRate })),
  };
}

/** The document as sevDesk has it, or null when it was deleted there (404/151: the only proof of absence). */
export async function readUnlessGone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof SevdeskNotFoundError) return null;
    throw e;
  }
}

/** The references the write needs, each cached per connection. */
export async function headerRefs(
  env: OssEnv,
  destination: string,
): Promise<{ contactPerson: string; country: string }> {
  const contactPerson = await contactPersonId(env.ctx, env.session);
  if (!contactPerson) throw new Stop('failed', ossMessages.noSevUser());
  const country = await staticCountryId(env.ctx, env.session, destination);
  if (!country) throw new Stop('needs_attention', messages.countryUnknown(destination));
  return { contactPerson, country };
}

/** Until a write is certain, a run goes through `file_uploaded` ("ready to write": the invoice path uploads nothing). */
export async function readyToWrite(run: OssRun, contactId: string | null): Promise<void> {
  const checkpoint = { ...run.checkpoint, contactId, ambiguous: false, requested: undefined };
  if (run.state === 'voucher_created') await run.move('queued', { objectRef: null, checkpoint });
  if (run.state === 'queued') await run.move('contact_ready', { contactId, checkpoint });
  if (run.state !== 'file_uploaded') await run.move('file_uploaded', { contactId, checkpoint });
}

async function transferOssInvoice(env: OssEnv): Promise<never> {
  const { ctx, run, detail, doc, api } = env;
  const prepared = planOssInvoice(doc.data, doc.number);
  if (!prepared.ok) throw new Stop('needs_attention', prepared.reason);
  const plan = prepared.plan;
  detail.oss = { rule: plan.ruleId, supply: plan.supply, destination: plan.destination, ratesAsOf: plan.ratesAsOf };
  if (env.shop.settings.sevdesk.dryRun) {
    detail.sent = {
      dryRun: true,
      positions: plan.positions.map((p) => ({ rateBp: p.rateBp, quantity: p.quantity, amount: p.amount })),
    };
    throw new Stop('paused', messages.dryRun());
  }
  const pdf = await shopPdfOf(ctx, doc.id);
  if (!pdf) throw new Stop('failed', messages.pdfMissing(doc.number));
  // sevDesk invoices take no uploaded PDF: the foot text references the shop's document, and the log says so.
  detail.pdf = {
    attached: false,
    reference: 'footText',
    document: doc.number,
    sha256: pdf.sha256,
    note: 'sevDesk invoices cannot carry an uploaded PDF; the shop PDF remains the legal document and is referenced in the invoice foot text',
  };
  const success = (opened: SalesDocumentInfo) =>
    ossMessages.transferred('Invoice', opened.id, opened.number ?? doc.number, doc.number);
  const finishWith = (document: SalesDocumentInfo, positions: Parameters<typeof verifyOpenFinish>[4]['positions']) =>
    verifyOpenFinish(ctx, run, api, detail, { document, positions, expected: plan.expected, success });

  // The invoice id is known (crash or unclear answer after saveInvoice or sendBy): continue with it.
  const known = parseObjectRef(run.objectRef);
  if (run.state === 'voucher_created' && known?.kind === 'Invoice') {
    const current = await readUnlessGone(() => api.get('Invoice', known.id));
    if (current) return finishWith(current, null);
    await run.move('queued', { objectRef: null, checkpoint: { path: 'invoice', contactId: run.checkpoint.contactId } });
  }

  const contactId = await contactFor(env);
  if (run.state === 'queued' || run.state === 'contact_ready')
    await run.move('contact_ready', { contactId, checkpoint: { ...run.checkpoint, contactId, target: 'invoice' } });

  // Before any create: is the invoice already there (an earlier run, a lost answer, a restored database)?
  const reference = doc.data.orderNumber;
  const search = async (): Promise<SalesDocumentInfo | null> => {
    const found = (await api.invoicesByReference(reference)).filter(
      (i) => (i.type ?? 'RE') === 'RE' && i.number === doc.number && !foreignMarker(i.footText, doc.id),
    );
    if (found.length > 1) throw new Stop('failed', ossMessages.duplicates('Invoice', found.length, reference));
    return found[0] ?? null;
  };
  const adopt = async (found: SalesDocumentInfo): Promise<never> => {
    detail.found = `invoice ${found.id} found by reference ${reference} and number ${doc.number}`;
    await run.move('voucher_created', {
      objectRef: refOf('Invoice', found.id),
      checkpoint: { ...run.checkpoint, ambiguous: false, requested: undefined },
    });
    return finishWith(found, null);
  };
  const existing = await search();
  if (existing) return adopt(existing);
  await readyToWrite(run, contactId);

  const refs = await headerRefs(env, plan.destination);
  const body = saveInvoiceBody(plan, {
    documentId: doc.id,
    number: doc.number,
    data: doc.data,
    contactId,
    contactPersonId: refs.contactPerson,
    addressCountryId: refs.country,
    pdf: { sha256: pdf.sha256 },
  });
  detail.sent = summariseSalesBody(body, 'invoice');
  // Checkpoint before the write: from here on the invoice may exist.
  const saved = await run.createOnce(
    'Invoice',
    {},
    () => api.saveInvoice(body),
    async () => {
      const found = await search();
      if (found) await adopt(found);
    },
  );
  detail.invoiceId = saved.document.id;
  return finishWith(saved.document, saved.positions.length > 0 ? saved.positions : null);
}
