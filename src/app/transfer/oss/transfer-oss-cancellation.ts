import { findDocument } from '../../../db/repos/documents.repo.js';
import { findTransferOfDocument } from '../../../db/repos/transfers.repo.js';
import { ossMessages } from '../../../domain/oss/messages.js';
import { type OssCancellationPlan, planOssCancellation } from '../../../domain/oss/plan-oss.js';
import { parseObjectRef } from '../../../domain/oss/sevdesk-ref.js';
import { messages } from '../../../domain/transfer/messages.js';
import { ACTIVE_STATES } from '../../../domain/transfer/transfer-state.js';
import type { SalesDocumentInfo } from '../../../integrations/sevdesk/invoice-api.js';
import { saveCreditNoteBody } from '../../../integrations/sevdesk/invoice-payload.js';
import { SevdeskAmbiguousWriteError, SevdeskRejectedError } from '../../../integrations/sevdesk/sevdesk-errors.js';
import { AppError } from '../../../lib/errors.js';
import { SEVDESK_TARGET } from '../enqueue-transfer.js';
import { shopPdfOf } from '../transfer-run.js';
import { foreignMarker, refOf, Stop, verifyOpenFinish } from './oss-run.js';
import {
  contactFor,
  headerRefs,
  type OssEnv,
  readUnlessGone,
  readyToWrite,
  summariseSalesBody,
} from './transfer-oss-document.js';

// A cancellation of an invoice that went to sevDesk as an OSS invoice (sevdesk-api.md §5.4). A full cancellation
// (it mirrors the whole invoice) is sevDesk's cancelInvoice, which creates the cancellation invoice (SR); a partial
// one — and a full one sevDesk refuses to cancel because a credit note exists (170) or the invoice is partly paid
// (390, inside HTTP 200) — is an UNDERACHIEVEMENT credit note referring to the invoice, with its rule and rates.
// Already cancelled (421): the cancellation invoice is looked up and adopted. Checkpoints and searches as for
// invoices: nothing is ever created twice.

/** How long a cancellation waits before looking again whether its invoice has been transferred. */
export const ORIGIN_WAIT_MS = 5_000;

interface Origin {
  documentId: string;
  number: string;
  invoiceId: string;
  contactId: string | null;
}

export async function transferOssCancellation(env: OssEnv): Promise<never> {
  const { ctx, run, detail, doc } = env;
  const originDocumentId = doc.cancelsDocumentId ?? doc.data.cancels?.documentId ?? null;
  const originDoc = originDocumentId ? await findDocument(ctx.db, originDocumentId) : null;
  const originNumber = originDoc?.number ?? doc.data.cancels?.number ?? '?';
  if (!originDoc?.number) throw new Stop('needs_attention', ossMessages.originNotTransferred(originNumber));
  const originTransfer = await findTransferOfDocument(ctx.db, originDoc.id, SEVDESK_TARGET);
  const originRef = parseObjectRef(originTransfer?.voucherId);
  if (originTransfer?.state !== 'transferred' || originRef?.kind !== 'Invoice') {
    if (originTransfer?.state === 'transferred' && originRef?.kind !== 'Invoice')
      throw new Stop('needs_attention', ossMessages.originNotInvoicePath(originNumber));
    // The invoice is on its way: wait for it without using up the job's attempts (no sevDesk call was made).
    if (originTransfer && ACTIVE_STATES.includes(originTransfer.state)) {
      const m = ossMessages.originNotTransferred(originNumber);
      throw new AppError('rate_limited', m.code, m.en, { retryAfterMs: ORIGIN_WAIT_MS, detail: { de: m.de } });
    }
    throw new Stop('needs_attention', ossMessages.originNotTransferred(originNumber));
  }
  const origin: Origin = {
    documentId: originDoc.id,
    number: originDoc.number,
    invoiceId: originRef.id,
    contactId: originTransfer.contactId,
  };

  const prepared = planOssCancellation(doc.data, doc.number, { data: originDoc.data, number: origin.number });
  if (!prepared.ok) throw new Stop('needs_attention', prepared.reason);
  const plan = prepared.plan;
  const target = run.checkpoint.target === 'credit_note' ? 'credit_note' : plan.mode;
  detail.oss = {
    rule: plan.ruleId,
    destination: plan.destination,
    ratesAsOf: plan.ratesAsOf,
    mode: plan.mode,
    target,
    originInvoiceId: origin.invoiceId,
  };
  if (env.shop.settings.sevdesk.dryRun) {
    detail.sent = { dryRun: true, target };
    throw new Stop('paused', messages.dryRun());
  }
  const pdf = await shopPdfOf(ctx, doc.id);
  if (!pdf) throw new Stop('failed', messages.pdfMissing(doc.number));
  detail.pdf = {
    attached: false,
    reference: target === 'credit_note' ? 'footText' : 'none',
    document: doc.number,
    sha256: pdf.sha256,
    note: 'sevDesk invoices and credit notes cannot carry an uploaded PDF; the shop PDF remains the legal document',
  };
  if (target === 'cancel_invoice') return cancelInvoice(env, plan, origin, pdf.sha256);
  return creditNote(env, plan, origin, pdf.sha256);
}

async function cancelInvoice(
  env: OssEnv,
  plan: OssCancellationPlan,
  origin: Origin,
  pdfSha256: string,
): Promise<never> {
  const { ctx, run, detail, doc, api } = env;
  const finishWith = (sr: SalesDocumentInfo) =>
    verifyOpenFinish(ctx, run, api, detail, {
      document: sr,
      positions: null,
      expected: plan.cancelExpected,
      success: (opened) => ossMessages.cancelledInSevdesk(opened.id, origin.number),
    });

  const known = parseObjectRef(run.objectRef);
  if (run.state === 'voucher_created' && known?.kind === 'Invoice') {
    const current = await readUnlessGone(() => api.get('Invoice', known.id));
    if (current) return finishWith(current);
    await run.move('queued', { objectRef: null, checkpoint: { path: 'invoice' } });
  }

  // The cancellation invoice carries the original's reference and points back to it; `wide` also looks through
  // the contact's invoices (in case the reference was not copied).
  const search = async (wide: boolean): Promise<SalesDocumentInfo | null> => {
    const ours = (i: SalesDocumentInfo) => i.type === 'SR' && i.originId === origin.invoiceId;
    let found = (await api.invoicesByReference(doc.data.orderNumber)).filter(ours);
    if (found.length === 0 && wide) {
      const contactId = origin.contactId ?? (await api.get('Invoice', origin.invoiceId)).contactId;
      if (contactId) found = (await api.invoicesOfContact(contactId)).filter(ours);
    }
    if (found.length > 1) throw new Stop('failed', ossMessages.duplicates('Invoice', found.length, origin.number));
    return found[0] ?? null;
  };
  const adopt = async (sr: SalesDocumentInfo): Promise<never> => {
    detail.found = `cancellation invoice ${sr.id} of invoice ${origin.invoiceId} found`;
    await run.move('voucher_created', {
      objectRef: refOf('Invoice', sr.id),
      checkpoint: { ...run.checkpoint, ambiguous: false, requested: undefined },
    });
    return finishWith(sr);
  };
  const existing = await search(false);
  if (existing) return adopt(existing);
  await readyToWrite(run, origin.contactId);

  detail.sent = { cancelInvoice: origin.invoiceId };
  await run.move('voucher_requested', {
    checkpoint: {
      ...run.checkpoint,
      target: 'cancel_invoice',
      requested: 'cancel',
      requestedAt: ctx.now().toISOString(),
      ambiguous: true,
    },
  });
  let sr: SalesDocumentInfo | null;
  try {
    sr = await api.cancelInvoice(origin.invoiceId);
  } catch (e) {
    if (e instanceof SevdeskRejectedError && e.rejection.code === 421) {
      // Already cancelled — by an earlier run whose answer was lost, or by hand: adopt that cancellation.
      const found = await search(true);
      if (found) return adopt(found);
      throw new Stop('failed', ossMessages.alreadyCancelledUnknown(origin.number));
    }
    if (e instanceof SevdeskRejectedError && (e.rejection.code === 170 || e.rejection.code === 390)) {
      const why = e.rejection.code === 170 ? 'a credit note exists (170)' : 'the invoice is partly paid (390)';
      detail.fallback = `cancelInvoice refused: ${why}; a credit note for the cancellation's amounts instead`;
      await run.move('file_uploaded', {
        checkpoint: { ...run.checkpoint, target: 'credit_note', fallback: why, ambiguous: false, requested: undefined },
      });
      return creditNote(env, plan, origin, pdfSha256);
    }
    if (!(e instanceof SevdeskAmbiguousWriteError)) throw e;
    const found = await search(false);
    if (found) return adopt(found);
    await run.move('file_uploaded', { checkpoint: { ...run.checkpoint, ambiguous: false, requested: undefined } });
    throw e;
  }
  if (!sr) {
    const found = await search(false);
    if (found) return adopt(found);
    throw new Error('cancelInvoice answered without the cancellation invoice');
  }
  await run.move('voucher_created', {
    objectRef: refOf('Invoice', sr.id),
    checkpoint: { ...run.checkpoint, ambiguous: false, requested: undefined },
  });
  detail.invoiceId = sr.id;
  return finishWith(sr);
}

async function creditNote(env: OssEnv, plan: OssCancellationPlan, origin: Origin, pdfSha256: string): Promise<never> {
  const { ctx, run, detail, doc, api } = env;
  if (!plan.creditNote.ok) throw new Stop('needs_attention', plan.creditNote.reason);
  const credit = plan.creditNote.plan;
  const finishWith = (document: SalesDocumentInfo, positions: Parameters<typeof verifyOpenFinish>[4]['positions']) =>
    verifyOpenFinish(ctx, run, api, detail, {
      document,
      positions,
      expected: credit.expected,
      success: (opened) => ossMessages.transferred('CreditNote', opened.id, opened.number ?? doc.number, doc.number),
    });

  const known = parseObjectRef(run.objectRef);
  if (run.state === 'voucher_created' && known?.kind === 'CreditNote') {
    const current = await readUnlessGone(() => api.get('CreditNote', known.id));
    if (current) return finishWith(current, null);
    await run.move('queued', { objectRef: null, checkpoint: { path: 'invoice', target: 'credit_note' } });
  }

  const contactId = origin.contactId ?? (await contactFor(env));
  if (run.state === 'queued' || run.state === 'contact_ready')
    await run.move('contact_ready', { contactId, checkpoint: { ...run.checkpoint, contactId, target: 'credit_note' } });

  const search = async (): Promise<SalesDocumentInfo | null> => {
    const found = (await api.creditNotesByNumber(doc.number)).filter(
      (c) => c.refSrcInvoiceId === origin.invoiceId && !foreignMarker(c.footText, doc.id),
    );
    if (found.length > 1) throw new Stop('failed', ossMessages.duplicates('CreditNote', found.length, origin.number));
    return found[0] ?? null;
  };
  const adopt = async (found: SalesDocumentInfo): Promise<never> => {
    detail.found = `credit note ${found.id} found by number ${doc.number}`;
    await run.move('voucher_created', {
      objectRef: refOf('CreditNote', found.id),
      checkpoint: { ...run.checkpoint, ambiguous: false, requested: undefined },
    });
    return finishWith(found, null);
  };
  const existing = await search();
  if (existing) return adopt(existing);
  await readyToWrite(run, contactId);

  const refs = await headerRefs(env, plan.destination);
  const body = saveCreditNoteBody(
    { ...plan, showNet: credit.showNet, positions: credit.positions },
    {
      documentId: doc.id,
      number: doc.number,
      data: doc.data,
      contactId,
      contactPersonId: refs.contactPerson,
      addressCountryId: refs.country,
      pdf: { sha256: pdfSha256 },
      originInvoiceId: origin.invoiceId,
      originNumber: origin.number,
    },
  );
  detail.sent = summariseSalesBody(body, 'creditNote');
  const saved = await run.createOnce(
    'CreditNote',
    { target: 'credit_note' },
    () => api.saveCreditNote(body),
    async () => {
      const found = await search();
      if (found) await adopt(found);
    },
  );
  detail.creditNoteId = saved.document.id;
  return finishWith(saved.document, saved.positions.length > 0 ? saved.positions : null);
}
