import {
  assertTransition,
  isTransferState,
  type TransferCheckpoint,
  type TransferState,
} from '../../domain/transfer/transfer-state.js';
import type { Selectable } from 'kysely';
import type { Db, TransfersTable } from '../database.js';

export interface Transfer {
  id: string;
  shopId: string;
  documentId: string;
  target: string;
  state: TransferState;
  checkpoint: TransferCheckpoint;
  voucherId: string | null;
  contactId: string | null;
  bookingState: string | null;
  /** JSON {code, de, en} of the last error or stop reason. */
  lastError: { code: string; de: string; en: string } | null;
  errorCode: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  transferredAt: string | null;
}

function parseError(text: string | null): Transfer['lastError'] {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Transfer['lastError'];
    if (v && typeof v === 'object' && 'en' in v) return v;
  } catch {
    // older rows may hold plain text
  }
  return { code: 'error', de: text, en: text };
}

export function toTransfer(row: Selectable<TransfersTable>): Transfer {
  return {
    id: row.id,
    shopId: row.shop_id,
    documentId: row.document_id,
    target: row.target,
    state: isTransferState(row.state) ? row.state : 'queued',
    checkpoint: JSON.parse(row.checkpoint || '{}') as TransferCheckpoint,
    voucherId: row.sevdesk_voucher_id,
    contactId: row.sevdesk_contact_id,
    bookingState: row.booking_state,
    lastError: parseError(row.last_error),
    errorCode: row.error_code ?? null,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    transferredAt: row.transferred_at ?? null,
  };
}

export async function findTransfer(db: Db, id: string): Promise<Transfer | null> {
  const row = await db.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTransfer(row) : null;
}

export async function findTransferOfDocument(db: Db, documentId: string, target: string): Promise<Transfer | null> {
  const row = await db
    .selectFrom('transfers')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('target', '=', target)
    .executeTakeFirst();
  return row ? toTransfer(row) : null;
}

export interface TransferChange {
  checkpoint?: TransferCheckpoint;
  voucherId?: string | null;
  contactId?: string | null;
  lastError?: { code: string; de: string; en: string } | null;
  attemptsIncrement?: boolean;
  transferredAt?: string | null;
}

/**
 * Move a transfer from `from` to `to` (checked against the transition table) in one guarded update: if another
 * process changed the state meanwhile, nothing is written and false is returned.
 */
export async function transitionTransfer(
  db: Db,
  id: string,
  from: TransferState,
  to: TransferState,
  change: TransferChange,
  now: string,
): Promise<boolean> {
  assertTransition(from, to);
  const res = await db
    .updateTable('transfers')
    .set((eb) => ({
      state: to,
      updated_at: now,
      ...(change.checkpoint !== undefined ? { checkpoint: JSON.stringify(change.checkpoint) } : {}),
      ...(change.voucherId !== undefined ? { sevdesk_voucher_id: change.voucherId } : {}),
      ...(change.contactId !== undefined ? { sevdesk_contact_id: change.contactId } : {}),
      ...(change.lastError !== undefined
        ? {
            last_error: change.lastError ? JSON.stringify(change.lastError) : null,
            error_code: change.lastError?.code ?? null,
          }
        : {}),
      ...(change.transferredAt !== undefined ? { transferred_at: change.transferredAt } : {}),
      ...(change.attemptsIncrement ? { attempts: eb('attempts', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function listTransfers(
  db: Db,
  filter: { shopId: string; states?: TransferState[]; limit?: number; before?: string },
): Promise<Transfer[]> {
  const rows = await db
    .selectFrom('transfers')
    .selectAll()
    .where('shop_id', '=', filter.shopId)
    .$if(filter.states !== undefined && filter.states.length > 0, (q) => q.where('state', 'in', filter.states!))
    .$if(filter.before !== undefined, (q) => q.where('id', '<', filter.before!))
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 100, 1000))
    .execute();
  return rows.map(toTransfer);
}

export async function transfersOfDocuments(db: Db, documentIds: string[], target: string): Promise<Transfer[]> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .selectFrom('transfers')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .where('target', '=', target)
    .execute();
  return rows.map(toTransfer);
}

export async function countTransfersByState(db: Db, shopId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('transfers')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

// --- attempts: the per-document transfer log ----------------------------------------------------

export interface TransferAttempt {
  id: number;
  transferId: string;
  documentId: string;
  startedAt: string;
  finishedAt: string | null;
  action: string;
  outcome: string;
  detail: Record<string, unknown>;
  error: string | null;
}

export async function insertAttempt(
  db: Db,
  attempt: Omit<TransferAttempt, 'id' | 'detail'> & { detail: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('transfer_attempts')
    .values({
      transfer_id: attempt.transferId,
      document_id: attempt.documentId,
      started_at: attempt.startedAt,
      finished_at: attempt.finishedAt,
      action: attempt.action,
      outcome: attempt.outcome,
      detail: JSON.stringify(attempt.detail),
      error: attempt.error,
    })
    .execute();
}

export async function listAttempts(
  db: Db,
  documentId: string,
  opts: { limit?: number; before?: number } = {},
): Promise<TransferAttempt[]> {
  const rows = await db
    .selectFrom('transfer_attempts')
    .selectAll()
    .where('document_id', '=', documentId)
    .$if(opts.before !== undefined, (q) => q.where('id', '<', opts.before!))
    .orderBy('id', 'desc')
    .limit(Math.min(opts.limit ?? 50, 500))
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    transferId: r.transfer_id,
    documentId: r.document_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    action: r.action,
    outcome: r.outcome,
    detail: JSON.parse(r.detail || '{}') as Record<string, unknown>,
    error: r.error,
  }));
}
