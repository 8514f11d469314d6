import { deleteDeliveriesBefore } from '../../db/repos/webhook-deliveries.repo.js';
import type { AppContext } from '../context.js';

// Raw webhook deliveries are diagnosis data with personal data in them: kept config.webhookRetentionDays, then
// deleted. `serve` runs this hourly.

export async function cleanupWebhookDeliveries(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - ctx.config.webhookRetentionDays * 86_400_000).toISOString();
  const deleted = await deleteDeliveriesBefore(ctx.db, cutoff);
  if (deleted > 0) ctx.logger.info({ deleted, cutoff }, 'old webhook deliveries deleted');
  return deleted;
}

/** Run the cleanup now and then every `intervalMs`; returns a stop function. Failures are logged, not thrown. */
export function startWebhookDeliveryCleanup(ctx: AppContext, intervalMs = 3_600_000): () => void {
  const run = () => {
    cleanupWebhookDeliveries(ctx).catch((err) => ctx.logger.warn({ err }, 'webhook delivery cleanup failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
