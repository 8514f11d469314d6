import { z } from 'zod';
import { findShop } from '../../db/repos/shops.repo.js';
import { inTransaction } from '../../db/transaction.js';
import { messages } from '../../domain/transfer/messages.js';
import { AppError, issuesFromZod, notFound, validationError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { enqueueTransfer, SEVDESK_TARGET } from './enqueue-transfer.js';

// Manual transfer ("Mit sevDesk synchronisieren"): one document, a selection, or every finalized document since
// a date (backfill). Only enqueues — the worker does the sevDesk calls; the caller follows progress per transfer.

export const requestTransfersSchema = z
  .object({
    documentIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a document id' }))
      .min(1, { error: 'must name at least one document' })
      .max(1000, { error: 'at most 1000 documents per request' })
      .optional(),
    all: z.literal(true, { error: 'must be true' }).optional(),
    since: z.iso.date({ error: 'must be a date like 2026-01-31' }).optional(),
  })
  .strict()
  .superRefine((v, c) => {
    if ((v.documentIds === undefined) === (v.all === undefined))
      c.addIssue({ code: 'custom', path: ['documentIds'], message: 'give either documentIds or all: true' });
    if (v.since !== undefined && v.all === undefined)
      c.addIssue({ code: 'custom', path: ['since'], message: 'only with all: true' });
  });

export type RequestTransfersInput = z.input<typeof requestTransfersSchema>;

export interface RequestTransfersResult {
  requested: number;
  enqueued: number;
  transfers: { documentId: string; transferId: string }[];
  skipped: { documentId: string; reason: 'not_found' | 'not_finalized' }[];
}

const BATCH = 500;

export async function requestTransfers(
  ctx: AppContext,
  shopId: string,
  input: unknown,
): Promise<RequestTransfersResult> {
  const parsed = requestTransfersSchema.safeParse(input);
  if (!parsed.success) throw validationError('Invalid transfer request', issuesFromZod(parsed.error.issues));
  const shop = await findShop(ctx.db, shopId);
  if (!shop) throw notFound('shop');
  if (!shop.settings.sevdesk.active) {
    const m = messages.interfaceInactive();
    throw new AppError('conflict', 'sevdesk_inactive', m.en, { detail: { de: m.de, en: m.en } });
  }
  const result: RequestTransfersResult = { requested: 0, enqueued: 0, transfers: [], skipped: [] };

  if (parsed.data.documentIds) {
    const ids = [...new Set(parsed.data.documentIds)];
    result.requested = ids.length;
    await inTransaction(ctx.db, async (tx) => {
      const rows = await tx
        .selectFrom('documents')
        .select(['id', 'status'])
        .where('shop_id', '=', shopId)
        .where('id', 'in', ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r.status]));
      for (const documentId of ids) {
        const status = byId.get(documentId);
        if (!status) result.skipped.push({ documentId, reason: 'not_found' });
        else if (status !== 'finalized') result.skipped.push({ documentId, reason: 'not_finalized' });
        else {
          const r = await enqueueTransfer(tx, ctx, { shopId, documentId, reason: 'manual' });
          result.transfers.push({ documentId, transferId: r.transferId });
          if (r.enqueued) result.enqueued++;
        }
      }
    });
  } else {
    // Backfill: every finalized document (issued on or after `since`) that is not transferred yet.
    let after = '';
    for (;;) {
      const rows = await ctx.db
        .selectFrom('documents')
        .leftJoin('transfers', (j) =>
          j.onRef('transfers.document_id', '=', 'documents.id').on('transfers.target', '=', SEVDESK_TARGET),
        )
        .select(['documents.id as id', 'transfers.state as state'])
        .where('documents.shop_id', '=', shopId)
        .where('documents.status', '=', 'finalized')
        .where('documents.id', '>', after)
        .$if(parsed.data.since !== undefined, (q) => q.where('documents.issue_date', '>=', parsed.data.since!))
        .orderBy('documents.id')
        .limit(BATCH)
        .execute();
      const todo = rows.filter((r) => r.state !== 'transferred');
      result.requested += todo.length;
      await inTransaction(ctx.db, async (tx) => {
        for (const row of todo) {
          const r = await enqueueTransfer(tx, ctx, { shopId, documentId: row.id, reason: 'manual' });
          result.transfers.push({ documentId: row.id, transferId: r.transferId });
          if (r.enqueued) result.enqueued++;
        }
      });
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  ctx.onJobsEnqueued?.();
  return result;
}
