import type { Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import { requestTransfers } from '../../app/transfer/request-transfers.js';
import { CUSTOMER_SYNC_QUEUE, TRANSFER_QUEUE } from '../../app/transfer/queues.js';
import { bootstrap } from '../../bootstrap.js';
import { listShops } from '../../db/repos/shops.repo.js';
import { loadConfig } from '../../config/load-config.js';
import type { TransferState } from '../../domain/transfer/transfer-state.js';
import { validationError } from '../../lib/errors.js';
import { createLogger } from '../../lib/logger.js';
import { syncCustomerJob } from '../../worker/jobs/sync-customer.job.js';
import { transferDocumentJob } from '../../worker/jobs/transfer-document.job.js';
import { WorkerRunner } from '../../worker/worker-runner.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';
import { printDryRuns } from './accounting.command.js';
import { withAppContext } from './shop.command.js';

// `belegfluss sync <document…> | --all [--since DATE] --shop ID`: transfer documents to sevDesk now, with a
// progress bar (n/m). The transfers go through the queue like every other; by default this process works the
// queue itself until they are done (`--no-worker` waits for another worker, `--no-wait` only enqueues).

const FINAL: readonly TransferState[] = ['transferred', 'failed', 'needs_attention', 'paused'];

export interface Progress {
  total: number;
  done: number;
  byState: Record<string, number>;
}

export function progressLine(p: Progress, width = 30): string {
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const states = Object.entries(p.byState)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  return `[${bar}] ${p.done}/${p.total}${states ? `  ${states}` : ''}`;
}

async function progressOf(ctx: AppContext, transferIds: string[]): Promise<Progress> {
  const byState: Record<string, number> = {};
  for (let i = 0; i < transferIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('transfers')
      .select(['state'])
      .where('id', 'in', transferIds.slice(i, i + 500))
      .execute();
    for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
  }
  const done = FINAL.reduce((n, s) => n + (byState[s] ?? 0), 0);
  return { total: transferIds.length, done, byState };
}

/** Which shop gets which request: the named shop, the documents' own shops, or every active shop for --all. */
async function requestsByShop(
  ctx: AppContext,
  o: { shop?: string; all?: boolean; since?: string; documents: string[] },
): Promise<[string, Record<string, unknown>][]> {
  const all = { all: true, ...(o.since ? { since: o.since } : {}) };
  if (o.shop) return [[o.shop, o.all ? all : { documentIds: o.documents }]];
  if (o.all) return (await listShops(ctx.db)).filter((s) => s.settings.sevdesk.active).map((s) => [s.id, all]);
  const rows = await ctx.db.selectFrom('documents').select(['id', 'shop_id']).where('id', 'in', o.documents).execute();
  const known = new Set(rows.map((r) => r.id));
  for (const id of o.documents) if (!known.has(id)) console.error(`skipped ${id}: not_found`);
  const byShop = new Map<string, string[]>();
  for (const r of rows) byShop.set(r.shop_id, [...(byShop.get(r.shop_id) ?? []), r.id]);
  return [...byShop].map(([shopId, documentIds]) => [shopId, { documentIds }]);
}

export function registerSyncCommand(program: Command): void {
  addConfigFlags(
    program
      .command('sync')
      .description(
        'transfer finalized documents to sevDesk now: sync <document-id…> | sync --all [--since DATE] [--shop ID]',
      )
      .argument('[documents...]', 'document ids'),
  )
    .option('--shop <id>', 'shop id (default: the documents’ shops; with --all every shop with an active interface)')
    .option('--all', 'every finalized document not yet transferred')
    .option('--since <date>', 'with --all: documents issued on or after this date (YYYY-MM-DD)')
    .option('--no-wait', 'only enqueue; do not wait for the transfers')
    .option('--no-worker', 'wait for another process’s worker instead of working the queue here')
    .option('--timeout <seconds>', 'stop waiting after this many seconds', '900')
    .option('--dry-run', 'show exactly what would be sent to sevDesk for the documents; send nothing')
    .option('--json', 'with --dry-run: print JSON')
    .action(async (documents: string[], opts) => {
      if (opts.dryRun) {
        if (documents.length === 0 || opts.all)
          throw validationError('--dry-run takes document ids', [{ path: 'documents', message: 'required' }]);
        return withAppContext(opts, (ctx) => printDryRuns(ctx, documents, opts.json === true));
      }
      if (documents.length > 0 && opts.all)
        throw validationError('Give document ids or --all, not both', [{ path: 'documents', message: 'or --all' }]);
      if (documents.length === 0 && !opts.all)
        throw validationError('Give document ids or --all', [{ path: 'documents', message: 'required' }]);
      const timeoutMs = Number(opts.timeout) * 1000;
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
        throw validationError('--timeout: must be a positive number of seconds', [{ path: 'timeout', message: '> 0' }]);
      const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config });
      const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
      const runtime = await bootstrap(config, { logger });
      const { ctx } = runtime;
      let worker: WorkerRunner | null = null;
      try {
        const ids: string[] = [];
        const requests = await requestsByShop(ctx, {
          shop: opts.shop,
          all: opts.all,
          since: opts.since,
          documents,
        });
        for (const [shopId, input] of requests) {
          const result = await requestTransfers(ctx, shopId, input);
          for (const s of result.skipped) console.error(`skipped ${s.documentId}: ${s.reason}`);
          ids.push(...result.transfers.map((t) => t.transferId));
          console.log(`${result.transfers.length} transfer(s) queued for shop ${shopId}.`);
        }
        if (opts.wait === false || ids.length === 0) return;

        if (opts.worker !== false) {
          worker = new WorkerRunner(
            ctx.queue,
            { [TRANSFER_QUEUE]: transferDocumentJob(ctx), [CUSTOMER_SYNC_QUEUE]: syncCustomerJob(ctx) },
            {
              concurrency: config.worker.concurrency,
              pollIntervalMs: config.worker.pollIntervalMs,
              leaseMs: config.worker.leaseMs,
              logger,
            },
          );
          ctx.onJobsEnqueued = () => worker?.poke();
          worker.start();
        }
        const tty = process.stderr.isTTY;
        const deadline = Date.now() + timeoutMs;
        let last = '';
        let progress = await progressOf(ctx, ids);
        for (;;) {
          const line = progressLine(progress);
          if (tty) process.stderr.write(`\r${line}`);
          else if (line !== last) process.stderr.write(`${line}\n`);
          last = line;
          if (progress.done >= progress.total || Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 250));
          progress = await progressOf(ctx, ids);
        }
        if (tty) process.stderr.write('\n');
        const ok = progress.byState.transferred ?? 0;
        if (progress.done < progress.total)
          console.error(
            `Timed out: ${progress.total - progress.done} transfer(s) still in progress (they continue in the queue).`,
          );
        if (ok < progress.total) {
          console.error('Not every document was transferred; see GET …/documents/<id>/transfer-log for the reasons.');
          process.exitCode = 1;
        }
      } finally {
        await worker?.stop(5_000);
        await runtime.close();
      }
    });
}
