import { findDocument } from '../../db/repos/documents.repo.js';
import {
  findTransferOfDocument,
  listAttempts,
  listTransfers,
  type Transfer,
  type TransferAttempt,
} from '../../db/repos/transfers.repo.js';
import { isTransferState, type TransferState } from '../../domain/transfer/transfer-state.js';
import { notFound, validationError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { SEVDESK_TARGET } from './enqueue-transfer.js';

// The transfer log of a document (every attempt: when, what was sent, result, sevDesk ids, error) and the
// transfer list of a shop. Read from our database only: listing never calls sevDesk.

export interface TransferView {
  id: string;
  documentId: string;
  state: TransferState;
  voucherId: string | null;
  contactId: string | null;
  error: { code: string; de: string; en: string } | null;
  createdAt: string;
  updatedAt: string;
  transferredAt: string | null;
}

export function transferView(t: Transfer): TransferView {
  return {
    id: t.id,
    documentId: t.documentId,
    state: t.state,
    voucherId: t.voucherId,
    contactId: t.contactId,
    error: t.lastError,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    transferredAt: t.transferredAt,
  };
}

export async function documentTransferLog(
  ctx: AppContext,
  shopId: string,
  documentId: string,
  opts: { limit?: number; before?: number } = {},
): Promise<{ documentId: string; transfer: TransferView | null; attempts: TransferAttempt[] }> {
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.shopId !== shopId) throw notFound('document');
  const transfer = await findTransferOfDocument(ctx.db, documentId, SEVDESK_TARGET);
  return {
    documentId,
    transfer: transfer ? transferView(transfer) : null,
    attempts: await listAttempts(ctx.db, documentId, opts),
  };
}

export async function listShopTransfers(
  ctx: AppContext,
  shopId: string,
  query: { state?: string; limit?: number; before?: string },
): Promise<TransferView[]> {
  const states = query.state?.split(',').filter(Boolean) ?? [];
  const bad = states.filter((s) => !isTransferState(s));
  if (bad.length > 0)
    throw validationError('Invalid filter', [{ path: 'state', message: `unknown state ${bad.join(', ')}` }]);
  const rows = await listTransfers(ctx.db, {
    shopId,
    states: states as TransferState[],
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    ...(query.before !== undefined ? { before: query.before } : {}),
  });
  return rows.map(transferView);
}
