import type { AppContext } from '../../app/context.js';
import { runTransfer } from '../../app/transfer/transfer-document.js';
import { metrics } from '../../lib/metrics.js';
import type { JobHandler } from '../worker-runner.js';

// `sevdesk.transfer`: one document's transfer record to sevDesk. Payload: { transferId, reason }.
export function transferDocumentJob(ctx: AppContext): JobHandler {
  return async (job, { log }) => {
    const transferId = String(job.payload.transferId ?? '');
    const reason = job.payload.reason === 'manual' ? 'manual' : 'auto';
    const lastAttempt = job.attempt >= job.maxAttempts ? { attempts: job.attempt } : null;
    let outcome: Awaited<ReturnType<typeof runTransfer>>;
    try {
      outcome = await runTransfer(ctx, transferId, { reason, lastAttempt });
    } catch (e) {
      // Transient: the queue retries or postpones the job.
      metrics.transferResults.inc({ result: 'retry' });
      throw e;
    }
    metrics.transferResults.inc({ result: outcome?.state ?? 'missing' });
    log.info(
      { transferId, state: outcome?.state, voucherId: outcome?.voucherId, calls: outcome?.calls },
      'transfer run finished',
    );
  };
}
