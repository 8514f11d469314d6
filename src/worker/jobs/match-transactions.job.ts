import { matchTransactions } from '../../app/booking/match-transactions.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../lib/errors.js';
import type { JobHandler } from '../worker-runner.js';

/** sevdesk.match-transactions {shopId}: sweep, re-check and match a shop's waiting bookings; plans its next run. */
export function matchTransactionsJob(ctx: AppContext): JobHandler {
  return async (job, { log }) => {
    const shopId = job.payload.shopId;
    if (typeof shopId !== 'string' || shopId === '')
      throw new AppError('validation', 'bad_payload', 'match-transactions job without shopId');
    const result = await matchTransactions(ctx, shopId);
    log.debug({ ...result }, 'match-transactions job done');
  };
}
