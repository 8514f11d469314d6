import { z } from 'zod';
import {
  type DocumentListRow,
  listDocuments as listRows,
  NOT_TRANSFERRED,
  ordersByIssueDate,
} from '../../db/repos/documents-list.repo.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../domain/documents/document.js';
import { validationError } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../shops/parse-input.js';
import { normalizeSearchText } from './search-terms.js';

export const MAX_PAGE_SIZE = 200;

const isoDate = z.iso.date({ error: 'must be a date like 2026-11-27' });

export const documentListQuerySchema = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES).optional(),
    status: z.enum(DOCUMENT_STATUSES).optional(),
    transferState: z
      .string()
      .regex(/^[a-z_]{1,40}$/, { error: `must be a transfer state such as transferred, failed or ${NOT_TRANSFERRED}` })
      .optional()
      .describe(`Transfer state of the sevDesk transfer; ${NOT_TRANSFERRED} for documents without one`),
    from: isoDate.optional().describe('Issue date from (inclusive)'),
    to: isoDate.optional().describe('Issue date to (inclusive)'),
    needsAttention: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    q: z.string().max(100).optional().describe('Prefix of the number, order number, customer name word or e-mail'),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` })
      .default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must not be after to', path: ['to'] });

export type DocumentListQuery = z.input<typeof documentListQuerySchema>;

export interface DocumentPage {
  items: DocumentListRow[];
  /** Opaque; absent on the last page. */
  nextCursor: string | null;
}

export interface CursorPosition {
  id: string;
  /** Present when the list is ordered by issue date (a date range was given). */
  issueDate?: string;
}

/** The cursor is opaque to callers: a versioned, base64url-encoded position of the last row. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, ...position })).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (p.v !== 1 || typeof p.id !== 'string' || !/^doc_[0-9A-Z]{1,40}$/.test(p.id)) return null;
    if (p.issueDate === undefined) return { id: p.id };
    return typeof p.issueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.issueDate)
      ? { id: p.id, issueDate: p.issueDate }
      : null;
  } catch {
    return null;
  }
}

export async function listDocuments(ctx: AppContext, shopId: string, query: unknown): Promise<DocumentPage> {
  const q = parseInput(documentListQuerySchema, query, 'document list query');
  const byDate = ordersByIssueDate({ issuedFrom: q.from, issuedTo: q.to });
  let after: CursorPosition | undefined;
  if (q.cursor) {
    const position = decodeCursor(q.cursor);
    // A cursor belongs to the order it was made for (by id, or by issue date).
    if (!position || Boolean(position.issueDate) !== byDate) {
      throw validationError('Invalid document list query.', [
        { path: 'cursor', message: 'is not a cursor returned by this API' },
      ]);
    }
    after = position;
  }
  const term = q.q ? normalizeSearchText(q.q) : '';
  const rows = await listRows(ctx.db, shopId, {
    type: q.type,
    status: q.status,
    transferState: q.transferState,
    issuedFrom: q.from,
    issuedTo: q.to,
    needsAttention: q.needsAttention,
    termPrefix: term || undefined,
    after,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  const more = rows.length > q.limit && last;
  return {
    items,
    nextCursor: more ? encodeCursor(byDate ? { id: last.id, issueDate: last.issueDate ?? '' } : { id: last.id }) : null,
  };
}
