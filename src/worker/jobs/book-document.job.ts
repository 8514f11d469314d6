import { bookDocument } from '../../app/booking/book-document.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../lib/errors.js';
import type { JobHandler } from '../worker-runner.js';

/** sevdesk.book-document {documentId}: book one transferred document (offline now, online via the match job). */
export function bookDocumentJob(ctx: AppContext): JobHandler {
  return async (job, { log }) => {
    const documentId = job.payload.documentId;
    if (typeof documentId !== 'string' || documentId === '')
      throw new AppError('validation', 'bad_payload', 'book-document job without documentId');
    const outcome = await bookDocument(ctx, documentId);
    log.debug({ documentId, outcome }, 'book-document job done');
  };
}
