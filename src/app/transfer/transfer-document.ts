import type { StoredDocument } from '../../db/repos/documents.repo.js';
import { findTransfer } from '../../db/repos/transfers.repo.js';
import { hasMarker, transferMarker } from '../../domain/transfer/marker.js';
import { messages } from '../../domain/transfer/messages.js';
import { compareVoucher, type ExpectedVoucher } from '../../domain/transfer/readback.js';
import type { TransferCheckpoint, TransferState } from '../../domain/transfer/transfer-state.js';
import type { VoucherInfo, VoucherPosInfo } from '../../integrations/sevdesk/sevdesk-api.js';
import { SevdeskAmbiguousWriteError, SevdeskNotFoundError } from '../../integrations/sevdesk/sevdesk-errors.js';
import { type BookkeepingVersion, saveVoucherBody } from '../../integrations/sevdesk/voucher-payload.js';
import { prepareDocumentVoucher } from '../accounting/document-voucher.js';
import { ensureVoucherContacts, voucherContacts } from '../accounting/voucher-contact.js';
import { onVoucherTransferred } from '../booking/on-voucher-transferred.js';
import type { AppContext } from '../context.js';
import { revenueGuidance } from '../sevdesk/static-data.js';
import { assertWriteSettled } from '../sevdesk/write-fence.js';
import type { TransferReason } from './enqueue-transfer.js';
import { runOssTransfer, takesInvoicePath } from './oss/transfer-oss-document.js';
import {
  executeRun,
  GuardedTransfer,
  type MoveChange,
  openRun,
  type RunOptions,
  type SessionHolder,
  Stop,
  shopPdfOf,
  type TransferOutcome,
} from './transfer-run.js';

// One document to sevDesk, exactly once (sevdesk-api.md §4, §7): contact → marker search → upload PDF →
// saveVoucher → compare what sevDesk computed with the document. Each write step is checkpointed before it is
// sent and its result stored the moment it is known; a search by the document's marker comes before every create
// and after every unclear answer, so a retry (of the job, or after a crash) can never create a second voucher.
// saveVoucher's own answer (voucher and positions with sums) serves the read-back: a returning customer's invoice
// costs three calls — marker search, upload, saveVoucher.

export type { TransferOutcome } from './transfer-run.js';

interface RunDetail {
  reason?: TransferReason;
  contact?: string;
  contactId?: string | null;
  sent?: Record<string, unknown>;
  voucherId?: string | null;
  found?: string;
  verify?: string[];
  [key: string]: unknown;
}

export async function runTransfer(
  ctx: AppContext,
  transferId: string,
  opts: RunOptions = {},
): Promise<TransferOutcome | null> {
  const transfer = await findTransfer(ctx.db, transferId);
  if (!transfer) return null;
  // Another run's create (voucher, invoice, credit note) may still be in flight: wait it out before searching.
  if (transfer.state === 'voucher_requested') {
    const c = transfer.checkpoint as TransferCheckpoint & { requestedAt?: string };
    assertWriteSettled(ctx, c.voucherRequestedAt ?? c.requestedAt, 'document');
  }
  // OSS distance sales of an OSS-registered shop go to sevDesk as invoices (src/app/transfer/oss/, issue 11).
  const loaded: { doc?: StoredDocument | null } = {};
  if (await takesInvoicePath(ctx, transfer, loaded)) return runOssTransfer(ctx, transfer, opts);
  const run = new GuardedTransfer(ctx, transfer);
  const detail: RunDetail = { reason: opts.reason ?? 'auto' };
  return executeRun(ctx, run, detail, opts, (holder) => transferSteps(ctx, run, detail, holder, opts, loaded));
}

async function transferSteps(
  ctx: AppContext,
  run: GuardedTransfer,
  detail: RunDetail,
  holder: SessionHolder,
  opts: RunOptions,
  loaded: { doc?: StoredDocument | null },
): Promise<never> {
  const t = run.transfer;
  const supported = (v: string | null): BookkeepingVersion => {
    if (v !== '1.0' && v !== '2.0') throw new Stop('failed', messages.bookkeepingVersionUnsupported(v));
    return v;
  };
  const { shop, doc, session, version } = await openRun(ctx, t, holder, opts, supported, loaded);
  const api = session.api;
  const currency = doc.data.currency.toUpperCase();

  // A transferred document: only a manual request looks again, and only 404/151 means the voucher is gone.
  if (run.state === 'transferred') {
    if (opts.reason !== 'manual' || !run.objectRef) throw new Stop('transferred', null);
    try {
      await api.getVoucher(run.objectRef);
      detail.found = 'voucher still exists';
      throw new Stop('transferred', null);
    } catch (e) {
      if (!(e instanceof SevdeskNotFoundError)) throw e;
      detail.found = `voucher ${run.objectRef} is gone; transferring again`;
      await run.move('queued', { objectRef: null, checkpoint: {}, transferredAt: null });
    }
  }

  const { vdoc, preparation: prepared } = await prepareDocumentVoucher(ctx, {
    shop,
    doc: { ...doc, number: doc.number },
    bookkeepingVersion: version,
    guidance: version === '2.0' ? await revenueGuidance(ctx, session) : [],
  });
  if (!prepared.ok) throw new Stop('needs_attention', prepared.reason);
  const voucher = prepared.voucher;
  // Dry run: checked and prepared (rule, accounts, positions), nothing written.
  if (shop.settings.sevdesk.dryRun) {
    detail.sent = {
      dryRun: true,
      description: voucher.description,
      taxRule: voucher.ruleId,
      voucherDate: voucher.voucherDate,
      costCentre: voucher.costCentreId,
      positions: voucher.positions.map((p) => ({ account: p.accountId, rateBp: p.rateBp, gross: p.gross, net: p.net })),
    };
    throw new Stop('paused', messages.dryRun());
  }

  /**
   * `created`: the voucher_created step not yet stored (saveVoucher's answer carried the positions, so no call
   * lies between it and this comparison) — written now, with the outcome, before anything else can happen.
   */
  const verify = async (
    v: VoucherInfo,
    positions: VoucherPosInfo[],
    created?: [TransferState, MoveChange],
  ): Promise<never> => {
    const problems = compareVoucher(voucher.expected, snapshotOf(v, positions));
    detail.verify = problems;
    if (problems.length > 0) {
      if (created) await run.move(...created);
      throw new Stop('failed', messages.readbackMismatch(problems.join('; ')));
    }
    // The booking follow-up is enqueued, and the attempt logged, in the same transaction as the state change.
    const done = messages.transferred(v.id);
    await run.moveAll(
      [
        ...(created ? [created] : []),
        [
          'transferred',
          {
            lastError: null,
            transferredAt: ctx.now().toISOString(),
            checkpoint: { ...run.checkpoint, ambiguous: false },
          },
        ],
      ],
      async (tx) => {
        await onVoucherTransferred(tx, ctx, { shopId: t.shopId, documentId: t.documentId });
        await holder.recordAttempt(tx, 'transferred', done.en);
      },
    );
    holder.attemptRecorded = true;
    ctx.onJobsEnqueued?.();
    throw new Stop('transferred', done);
  };

  // The voucher id is known but not yet verified (crash after saveVoucher): read it back.
  if (run.state === 'voucher_created' && run.objectRef) {
    try {
      const v = await api.getVoucher(run.objectRef);
      await verify(v, await api.voucherPositions(run.objectRef, currency));
    } catch (e) {
      if (!(e instanceof SevdeskNotFoundError)) throw e;
      await run.move('queued', { objectRef: null, checkpoint: {} });
    }
  }

  const file = await shopPdfOf(ctx, doc.id);
  if (!file) throw new Stop('failed', messages.pdfMissing(doc.number));

  // Contact first (and the buyer as contact person of a company, when wanted): the customer's current data for
  // registered customers, the document's for guests, the collective contact's name for collective guests.
  const contacts = await voucherContacts(ctx, shop, doc);
  const ensured = await ensureVoucherContacts(ctx, session, contacts);
  const contactId = ensured.contactId;
  if (ensured.action) detail.contact = ensured.action;
  if (ensured.personAction) detail.contactPerson = ensured.personAction;
  detail.contactId = contactId;
  // Stored with the next checkpoint rather than alone: until then only a search (a read) and a temp-file upload
  // (harmless if orphaned) happen, and the contact itself is already recorded in its link.
  let contactStep: [TransferState, MoveChange] | null =
    run.state === 'queued' || run.state === 'contact_ready'
      ? ['contact_ready', { contactId, checkpoint: { ...run.checkpoint, contactId } }]
      : null;

  // Before any create: is the voucher already there (an earlier run, a lost answer, a restored database)?
  const marker = transferMarker(doc.id);
  const searchMarker = async (): Promise<VoucherInfo | null> => {
    const found = (await api.vouchersByDescription(marker)).filter((v) => hasMarker(v.description, doc.id));
    if (found.length > 1) throw new Stop('failed', messages.duplicateVouchers(found.length));
    return found[0] ?? null;
  };
  const adopt = async (v: VoucherInfo): Promise<never> => {
    detail.found = `voucher ${v.id} found by marker`;
    if (contactStep) await run.move(...contactStep);
    contactStep = null;
    await run.move('voucher_created', { objectRef: v.id, checkpoint: { ...run.checkpoint, ambiguous: false } });
    return verify(v, await api.voucherPositions(v.id, v.currency ?? currency));
  };
  const existing = await searchMarker();
  if (existing) await adopt(existing);
  if (run.state === 'voucher_requested')
    await run.move('file_uploaded', { checkpoint: { ...run.checkpoint, ambiguous: false } });

  // Upload the PDF (a temp file is harmless if orphaned; the name is reused while the file is unchanged).
  let filename =
    run.state === 'file_uploaded' && run.checkpoint.filename && run.checkpoint.fileSha256 === file.sha256
      ? run.checkpoint.filename
      : null;
  // The checkpoints up to the request, in order and in one commit (no sevDesk call between them).
  const steps: [TransferState, MoveChange][] = [];
  let checkpoint = run.checkpoint;
  if (contactStep) {
    steps.push(contactStep);
    checkpoint = contactStep[1].checkpoint ?? checkpoint;
  }
  if (!filename) {
    filename = await api.uploadTempFile(file.content, pdfName(doc.number), file.contentType || 'application/pdf');
    checkpoint = { ...checkpoint, contactId, filename, fileSha256: file.sha256 };
    steps.push(['file_uploaded', { contactId, checkpoint }]);
  }

  const body = saveVoucherBody(voucher, vdoc, {
    bookkeepingVersion: version,
    contactId,
    supplierName: contacts.supplierName,
    filename,
  });
  detail.sent = summariseVoucherBody(body);
  // Checkpoint before the write: from here on the voucher may exist.
  steps.push([
    'voucher_requested',
    { checkpoint: { ...checkpoint, voucherRequestedAt: ctx.now().toISOString(), ambiguous: true } },
  ]);
  await run.moveAll(steps);
  contactStep = null;
  let saved: { voucher: VoucherInfo; positions: VoucherPosInfo[] };
  try {
    saved = await api.saveVoucher(body);
  } catch (e) {
    if (!(e instanceof SevdeskAmbiguousWriteError)) throw e;
    // The answer was lost: search now; only a proven absence lets a later run create.
    const found = await searchMarker();
    if (found) await adopt(found);
    await run.move('file_uploaded', { checkpoint: { ...run.checkpoint, ambiguous: false } });
    throw e;
  }
  detail.voucherId = saved.voucher.id;
  const created: [TransferState, MoveChange] = [
    'voucher_created',
    { objectRef: saved.voucher.id, checkpoint: { ...run.checkpoint, ambiguous: false } },
  ];
  if (saved.positions.length > 0) return verify(saved.voucher, saved.positions, created);
  // The positions need another call: the voucher id is stored before it.
  await run.move(...created);
  return verify(saved.voucher, await api.voucherPositions(saved.voucher.id, currency));
}

function pdfName(number: string): string {
  return `${number.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
}

function snapshotOf(v: VoucherInfo, positions: VoucherPosInfo[]) {
  return {
    sumGross: v.sumGross,
    sumTax: v.sumTax,
    creditDebit: v.creditDebit,
    currency: v.currency,
    taxRuleId: v.taxRuleId,
    taxType: v.taxType,
    positions: positions.map((p) => ({ rateBp: p.rateBp, sumGross: p.sumGross, sumTax: p.sumTax })),
  };
}

/** What was sent, for the transfer log: no token, no file content, no personal data beyond the supplier id. */
function summariseVoucherBody(body: Record<string, unknown>): Record<string, unknown> {
  const v = body.voucher as Record<string, unknown>;
  return {
    description: v.description,
    voucherDate: v.voucherDate,
    deliveryDate: v.deliveryDate,
    taxRule: (v.taxRule as { id?: string } | undefined)?.id ?? null,
    taxType: v.taxType ?? null,
    currency: v.currency,
    supplier: (v.supplier as { id?: number } | null)?.id ?? null,
    filename: body.filename,
    positions: (body.voucherPosSave as Record<string, unknown>[]).map((p) => ({
      account: (p.accountDatev as { id?: number } | undefined)?.id ?? (p.accountingType as { id?: number })?.id,
      taxRate: p.taxRate,
      net: p.net,
      sum: p.net ? p.sumNet : p.sumGross,
    })),
  };
}

export type { ExpectedVoucher };
