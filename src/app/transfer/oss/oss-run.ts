import type { Transfer } from '../../../db/repos/transfers.repo.js';
import { inTransaction } from '../../../db/transaction.js';
import { ossMessages } from '../../../domain/oss/messages.js';
import { compareSalesDocument, type SalesExpected } from '../../../domain/oss/readback.js';
import { formatObjectRef } from '../../../domain/oss/sevdesk-ref.js';
import { markersIn } from '../../../domain/transfer/marker.js';
import type { LocalizedMessage } from '../../../domain/transfer/messages.js';
import type { TransferCheckpoint } from '../../../domain/transfer/transfer-state.js';
import type {
  InvoiceApi,
  SalesDocumentInfo,
  SalesKind,
  SalesPositionInfo,
} from '../../../integrations/sevdesk/invoice-api.js';
import { SevdeskAmbiguousWriteError } from '../../../integrations/sevdesk/sevdesk-errors.js';
import { onVoucherTransferred } from '../../booking/on-voucher-transferred.js';
import type { AppContext } from '../../context.js';
import { GuardedTransfer, Stop } from '../transfer-run.js';

// The shared mechanics of an OSS transfer run: state moves with checkpoints (persisted BEFORE every write),
// stopping, and the last steps every sevDesk invoice or credit note goes through — read-back of the draft,
// opening it with sendBy (checkpointed; an unclear answer is settled by reading the document), and the final
// `transferred` together with the booking hook in one transaction.

/** What the invoice path records besides the voucher path's checkpoint fields. */
export interface OssCheckpoint extends TransferCheckpoint {
  path?: 'invoice';
  /** What this document becomes in sevDesk; a refused cancelInvoice (170/390) switches to a credit note. */
  target?: 'invoice' | 'cancel_invoice' | 'credit_note';
  /** The write requested last (saveInvoice/saveCreditNote, sendBy, cancelInvoice), before its answer. */
  requested?: 'save' | 'send' | 'cancel';
  requestedAt?: string;
  /** sendBy is confirmed: the document is open (status ≥ 200) in sevDesk. */
  opened?: boolean;
  /** Why a full cancellation became a credit note. */
  fallback?: string;
}

export interface RunDetail {
  path: 'invoice';
  [key: string]: unknown;
}

export { Stop };

export class OssRun extends GuardedTransfer<OssCheckpoint> {
  constructor(ctx: AppContext, transfer: Transfer) {
    super(ctx, transfer, { ...(transfer.checkpoint as OssCheckpoint), path: 'invoice' });
  }

  /**
   * saveInvoice / saveCreditNote exactly once: checkpoint before the write, and an answer that was lost is settled
   * by `settleLost` (search, adopt what it finds — it does not return then); only a proven absence lets a later run
   * create. Returns the saved document with the id recorded.
   */
  async createOnce<S extends { document: { id: string } }>(
    kind: SalesKind,
    checkpoint: Partial<OssCheckpoint>,
    save: () => Promise<S>,
    settleLost: () => Promise<void>,
  ): Promise<S> {
    await this.move('voucher_requested', {
      checkpoint: {
        ...this.checkpoint,
        ...checkpoint,
        requested: 'save',
        requestedAt: this.ctx.now().toISOString(),
        ambiguous: true,
      },
    });
    let saved: S;
    try {
      saved = await save();
    } catch (e) {
      if (!(e instanceof SevdeskAmbiguousWriteError)) throw e;
      await settleLost();
      await this.move('file_uploaded', { checkpoint: { ...this.checkpoint, ambiguous: false, requested: undefined } });
      throw e;
    }
    await this.move('voucher_created', {
      objectRef: refOf(kind, saved.document.id),
      checkpoint: { ...this.checkpoint, ambiguous: false, requested: undefined },
    });
    return saved;
  }

  /** Checkpoint fields changed, state kept. */
  note(change: Partial<OssCheckpoint>): Promise<void> {
    return this.move(this.state, { checkpoint: { ...this.checkpoint, ...change } });
  }

  /** Done: `transferred` and the booking hook commit together (the booking job exists exactly then). */
  async finish(message: LocalizedMessage): Promise<never> {
    await inTransaction(this.ctx.db, async (tx) => {
      await this.move(
        'transferred',
        {
          lastError: null,
          transferredAt: this.ctx.now().toISOString(),
          checkpoint: { ...this.checkpoint, ambiguous: false, requested: undefined, opened: true },
        },
        tx,
      );
      await onVoucherTransferred(tx, this.ctx, { shopId: this.transfer.shopId, documentId: this.transfer.documentId });
    });
    throw new Stop('transferred', message);
  }
}

export const refOf = (kind: SalesKind, id: string) => formatObjectRef({ kind, id });

/** A document of another Belegfluss document (its foot text carries another marker) is never ours. */
export function foreignMarker(footText: string | null, documentId: string): boolean {
  const markers = markersIn(footText);
  return markers.length > 0 && !markers.includes(documentId);
}

export function snapshotOf(doc: SalesDocumentInfo, positions: readonly SalesPositionInfo[]) {
  return {
    number: doc.number,
    currency: doc.currency,
    taxRuleId: doc.taxRuleId,
    sumNet: doc.sumNet,
    sumTax: doc.sumTax,
    sumGross: doc.sumGross,
    positions: positions.map((p) => ({ rateBp: p.rateBp, sumNet: p.sumNet, sumTax: p.sumTax, sumGross: p.sumGross })),
  };
}

/**
 * The last steps of a saved (or found) invoice or credit note: compare it with the document, open a draft with
 * sendBy (no e-mail; sevDesk keeps the number sent), compare again, finish. A draft that disagrees is left
 * unopened and the transfer fails — nothing is ever sent twice.
 */
export async function verifyOpenFinish(
  ctx: AppContext,
  run: OssRun,
  api: InvoiceApi,
  detail: RunDetail,
  input: {
    document: SalesDocumentInfo;
    positions: SalesPositionInfo[] | null;
    expected: SalesExpected;
    success: (opened: SalesDocumentInfo) => LocalizedMessage;
  },
): Promise<never> {
  const { kind, id } = input.document;
  const positions = input.positions ?? (await api.positions(kind, id, input.expected.currency));
  const check = (doc: SalesDocumentInfo) => {
    const problems = compareSalesDocument(input.expected, snapshotOf(doc, positions));
    detail.verify = problems;
    if (problems.length > 0) throw new Stop('failed', ossMessages.readbackMismatch(kind, id, problems.join('; ')));
  };
  check(input.document);
  let current = input.document;
  if (current.status === 100) {
    // Checkpoint before the write: from here on the document may be open.
    await run.move('voucher_created', {
      checkpoint: { ...run.checkpoint, requested: 'send', requestedAt: ctx.now().toISOString(), ambiguous: true },
    });
    let opened: SalesDocumentInfo | null;
    try {
      opened = await api.send(kind, id);
    } catch (e) {
      if (!(e instanceof SevdeskAmbiguousWriteError)) throw e;
      // Settle it by reading: still a draft proves sendBy did not happen, and the next run sends it.
      opened = await api.get(kind, id);
      if (opened.status === 100) throw e;
      detail.found = `${kind} ${id} was opened although the answer to sendBy was lost`;
    }
    if (!opened || opened.status === null) opened = await api.get(kind, id);
    if (opened.status === 100)
      throw new Stop('failed', ossMessages.readbackMismatch(kind, id, 'still a draft after sendBy'));
    current = opened;
    check(current);
    await run.note({ requested: undefined, ambiguous: false, opened: true });
  }
  detail.opened = { kind, id, status: current.status, number: current.number };
  return run.finish(input.success(current));
}
