import { findConnection, type SevdeskConnection } from '../../db/repos/sevdesk-connections.repo.js';
import {
  type DocumentFile,
  findDocument,
  findPreferredDocumentFile,
  type StoredDocument,
} from '../../db/repos/documents.repo.js';
import { findShop, type Shop } from '../../db/repos/shops.repo.js';
import { insertAttempt, type Transfer, transitionTransfer } from '../../db/repos/transfers.repo.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { type LocalizedMessage, messages } from '../../domain/transfer/messages.js';
import { canTransition, type TransferCheckpoint, type TransferState } from '../../domain/transfer/transfer-state.js';
import { isSevdeskError, SevdeskAuthError, SevdeskNetworkError } from '../../integrations/sevdesk/sevdesk-errors.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { pauseShopForAuth } from '../sevdesk/pause-shop.js';
import type { SevdeskDeps } from '../sevdesk/sevdesk-deps.js';
import { openSession, type SevdeskSession } from '../sevdesk/sevdesk-session.js';
import type { TransferReason } from './enqueue-transfer.js';

// What every transfer run shares, whichever sevDesk object it writes (voucher, or invoice/credit note on the OSS
// path): the guarded record (every move a compare-and-set on the stored state, so two runs cannot both advance),
// the checks before a session is opened, and how a run ends — a stop state recorded with its reason, a transient
// error handed back to the queue, the attempt written to the transfer log either way.

/** How long a shop's jobs wait after its host could not reach sevDesk (DNS, TCP, TLS, proxy). */
const HOST_UNREACHABLE_DEFER_MS = 5 * 60_000;

export interface TransferOutcome {
  transferId: string;
  state: TransferState;
  /** The stored sevDesk object: a voucher id, or `Invoice:<id>` / `CreditNote:<id>` on the OSS path. */
  voucherId: string | null;
  /** sevDesk HTTP calls of this run, retries included. */
  calls: number;
  message: LocalizedMessage | null;
}

export interface RunOptions {
  reason?: TransferReason;
  deps?: SevdeskDeps;
  /** Set on the queue's last allowed attempt: a transient failure then ends the transfer as failed. */
  lastAttempt?: { attempts: number } | null;
}

/** Thrown to end a run in a stop state after recording it. */
export class Stop {
  constructor(
    readonly state: 'failed' | 'needs_attention' | 'paused' | 'transferred',
    readonly message: LocalizedMessage | null,
  ) {}
}

export interface MoveChange<C extends TransferCheckpoint = TransferCheckpoint> {
  checkpoint?: C;
  objectRef?: string | null;
  contactId?: string | null;
  lastError?: LocalizedMessage | null;
  transferredAt?: string | null;
}

export class GuardedTransfer<C extends TransferCheckpoint = TransferCheckpoint> {
  state: TransferState;
  checkpoint: C;
  /** The stored sevDesk object (transfers.sevdesk_voucher_id). */
  objectRef: string | null;

  constructor(
    protected readonly ctx: AppContext,
    readonly transfer: Transfer,
    checkpoint: C = { ...transfer.checkpoint } as C,
  ) {
    this.state = transfer.state;
    this.checkpoint = checkpoint;
    this.objectRef = transfer.voucherId;
  }

  async move(to: TransferState, change: MoveChange<C> = {}, db = this.ctx.db): Promise<void> {
    const checkpoint = change.checkpoint ?? this.checkpoint;
    const ok = await transitionTransfer(
      db,
      this.transfer.id,
      this.state,
      to,
      {
        checkpoint,
        ...(change.objectRef !== undefined ? { voucherId: change.objectRef } : {}),
        ...(change.contactId !== undefined ? { contactId: change.contactId } : {}),
        ...(change.lastError !== undefined ? { lastError: change.lastError } : {}),
        ...(change.transferredAt !== undefined ? { transferredAt: change.transferredAt } : {}),
      },
      this.ctx.now().toISOString(),
    );
    if (!ok)
      throw new AppError(
        'retryable',
        'transfer_changed',
        `transfer ${this.transfer.id} was changed by another process`,
      );
    this.state = to;
    this.checkpoint = checkpoint;
    if (change.objectRef !== undefined) this.objectRef = change.objectRef;
  }

  /**
   * Several moves in order, and `also` (e.g. an enqueue), in one write transaction: one commit instead of one per
   * step. Only for steps with no sevDesk call between them — each state still precedes the write it guards. If the
   * transaction fails, this record goes back to what is stored.
   */
  async moveAll(steps: [TransferState, MoveChange<C>][], also?: (tx: Db) => Promise<void>): Promise<void> {
    const before = { state: this.state, checkpoint: this.checkpoint, objectRef: this.objectRef };
    try {
      await inTransaction(this.ctx.db, async (tx) => {
        for (const [to, change] of steps) await this.move(to, change, tx);
        await also?.(tx);
      });
    } catch (e) {
      this.state = before.state;
      this.checkpoint = before.checkpoint;
      this.objectRef = before.objectRef;
      throw e;
    }
  }
}

export interface SessionHolder {
  session: SevdeskSession | null;
  connection: SevdeskConnection | null;
  /**
   * Writes this run's attempt-log entry in the caller's transaction (the final state change's, so a finished run
   * commits once); the caller sets `attemptRecorded` once that transaction has committed.
   */
  recordAttempt: (tx: Db, outcome: string, error: string | null) => Promise<void>;
  attemptRecorded: boolean;
}

/** The shop, the finalized document and a session on the shop's connection — or the stop that prevents them. */
export async function openRun<V extends string>(
  ctx: AppContext,
  transfer: Transfer,
  holder: SessionHolder,
  opts: RunOptions,
  /** The account's bookkeeping version this path can write, or a Stop. */
  supportedVersion: (version: string | null) => V,
  /** The document as this run already read it (the path decision reads it first). */
  loaded?: { doc?: StoredDocument | null },
): Promise<{ shop: Shop; doc: StoredDocument & { number: string }; session: SevdeskSession; version: V }> {
  const shop = await findShop(ctx.db, transfer.shopId);
  const doc = loaded?.doc !== undefined ? loaded.doc : await findDocument(ctx.db, transfer.documentId);
  if (!shop || !doc || doc.status !== 'finalized' || !doc.number) throw new Stop('failed', messages.notFinalized());
  if (!shop.settings.sevdesk.active) throw new Stop('paused', messages.interfaceInactive());
  const connection = await findConnection(ctx.db, shop.id);
  if (!connection || connection.status === 'disconnected' || !connection.tokenEnc)
    throw new Stop('paused', messages.notConnected());
  if (connection.status === 'invalid') throw new Stop('paused', connection.lastError ?? messages.authInvalid(401));
  const version = supportedVersion(connection.bookkeepingVersion);
  holder.connection = connection;
  const session = openSession(ctx, connection, opts.deps);
  holder.session = session;
  return { shop, doc: { ...doc, number: doc.number }, session, version };
}

/**
 * Runs `steps` (which end by throwing: a Stop or an error) and records the outcome: stop states on the transfer,
 * transient errors as the transfer's last error before they go back to the queue, every run in the attempt log.
 */
export async function executeRun<C extends TransferCheckpoint>(
  ctx: AppContext,
  run: GuardedTransfer<C>,
  detail: Record<string, unknown>,
  opts: RunOptions,
  steps: (holder: SessionHolder) => Promise<never>,
  explainPermanent: (e: AppError) => LocalizedMessage | null = () => null,
): Promise<TransferOutcome> {
  const transfer = run.transfer;
  const startedAt = ctx.now().toISOString();
  const recordAttempt = async (db: Db, outcome: string, error: string | null) => {
    await insertAttempt(db, {
      transferId: transfer.id,
      documentId: transfer.documentId,
      startedAt,
      finishedAt: ctx.now().toISOString(),
      action: 'transfer',
      outcome,
      detail: { ...detail, calls: holder.session?.calls ?? [] },
      error,
    });
  };
  const holder: SessionHolder = { session: null, connection: null, recordAttempt, attemptRecorded: false };
  const finish = async (outcome: string, error: string | null) => {
    if (!holder.attemptRecorded) await recordAttempt(ctx.db, outcome, error);
  };
  const result = (state: TransferState, message: LocalizedMessage | null): TransferOutcome => ({
    transferId: transfer.id,
    state,
    voucherId: run.objectRef,
    calls: holder.session?.calls.length ?? 0,
    message,
  });

  try {
    await steps(holder);
    throw new Error('transfer steps ended without an outcome');
  } catch (e) {
    // A transferred document stays transferred whatever a later manual check runs into.
    const stopIn = async (state: 'failed' | 'needs_attention' | 'paused', message: LocalizedMessage | null) => {
      if (canTransition(run.state, state)) await run.move(state, { lastError: message });
      await finish(state, message?.en ?? null);
      return result(run.state, message);
    };
    if (e instanceof Stop) {
      if (e.state !== 'transferred') return stopIn(e.state, e.message);
      await finish(e.message ? 'transferred' : 'already_transferred', e.message?.en ?? null);
      return result(run.state, e.message);
    }
    if (e instanceof SevdeskAuthError && holder.connection) {
      await pauseShopForAuth(ctx, holder.connection, e);
      return stopIn('paused', e.localized);
    }
    if (isAppError(e) && e.kind === 'permanent') {
      return stopIn(
        'failed',
        explainPermanent(e) ?? (isSevdeskError(e) ? e.localized : { code: e.code, de: e.message, en: e.message }),
      );
    }
    // Transient: keep the state and checkpoint, note the error, let the queue retry or postpone.
    const message: LocalizedMessage = isSevdeskError(e)
      ? e.localized
      : {
          code: isAppError(e) ? e.code : 'internal',
          de: isAppError(e) && typeof e.detail?.de === 'string' ? e.detail.de : (e as Error).message,
          en: (e as Error).message,
        };
    // The queue's last attempt: record the give-up on the transfer instead of leaving it in an active state.
    const consumesAttempt = !isAppError(e) || e.kind === 'retryable' || e.kind === 'internal';
    if (opts.lastAttempt?.attempts && consumesAttempt) {
      const m = messages.gaveUp(opts.lastAttempt.attempts, message.en);
      return stopIn('failed', { ...m, de: messages.gaveUp(opts.lastAttempt.attempts, message.de).de });
    }
    // The host cannot reach sevDesk at all: hold the shop's other jobs too, so each retry round costs one call.
    if (e instanceof SevdeskNetworkError && e.kind === 'connection')
      await ctx.queue.deferShop(transfer.shopId, ctx.now().getTime() + HOST_UNREACHABLE_DEFER_MS);
    await transitionTransfer(
      ctx.db,
      transfer.id,
      run.state,
      run.state,
      { lastError: message },
      ctx.now().toISOString(),
    ).catch(() => false);
    await finish('retry', message.en);
    throw e;
  }
}

/** The hybrid e-invoice PDF when there is one, else the plain PDF: the shop's legal document. */
export function shopPdfOf(ctx: AppContext, documentId: string): Promise<DocumentFile | null> {
  return findPreferredDocumentFile(ctx.db, documentId, ['facturx', 'pdf']);
}
