import type { AppContext } from '../../app/context.js';
import { syncCustomer } from '../../app/transfer/sync-customer.js';
import type { JobHandler } from '../worker-runner.js';

// `sevdesk.sync-customer`: bring one customer's sevDesk contact up to date. Payload: { customerId }.
export function syncCustomerJob(ctx: AppContext): JobHandler {
  return async (job, { log }) => {
    const customerId = String(job.payload.customerId ?? '');
    const outcome = await syncCustomer(ctx, customerId);
    log.debug({ customerId, result: outcome.result, calls: outcome.calls }, 'customer sync finished');
  };
}
