import { BOOK_DOCUMENT_QUEUE, MATCH_TRANSACTIONS_QUEUE } from '../../app/booking/queues.js';
import type { AppContext } from '../../app/context.js';
import { CUSTOMER_SYNC_QUEUE, TRANSFER_QUEUE } from '../../app/transfer/queues.js';
import type { JobHandler } from '../worker-runner.js';
import { bookDocumentJob } from './book-document.job.js';
import { matchTransactionsJob } from './match-transactions.job.js';
import { syncCustomerJob } from './sync-customer.job.js';
import { transferDocumentJob } from './transfer-document.job.js';

// Queue name → handler. One file per job in this folder.
export function buildJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [TRANSFER_QUEUE]: transferDocumentJob(ctx),
    [CUSTOMER_SYNC_QUEUE]: syncCustomerJob(ctx),
    [BOOK_DOCUMENT_QUEUE]: bookDocumentJob(ctx),
    [MATCH_TRANSACTIONS_QUEUE]: matchTransactionsJob(ctx),
  };
}
