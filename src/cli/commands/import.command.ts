import type { Command } from 'commander';
import { type ImportProgress, importWooCommerceOrders } from '../../app/ingest/import-woocommerce-orders.js';
import { validationError } from '../../lib/errors.js';
import { addConfigFlags } from '../config-flags.js';
import { withAppContext } from './shop.command.js';

// `belegfluss import woocommerce --shop ID --since DATE`: historical orders through the REST API, with a progress
// bar on stderr (stdout gets the summary only).

function progressBar(p: ImportProgress): string {
  const width = 30;
  const ratio = p.totalPages > 0 ? Math.min(1, p.page / p.totalPages) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] page ${p.page}/${p.totalPages}, ${p.done}/${p.total} orders`;
}

export function registerImportCommand(program: Command): void {
  const imp = program.command('import').description('import historical orders from a shop');
  addConfigFlags(imp.command('woocommerce').description('import WooCommerce orders created since a date'))
    .requiredOption('--shop <shopId>', 'the shop to import into')
    .requiredOption('--since <date>', 'orders created on or after this date (YYYY-MM-DD or ISO date-time)')
    .option('--per-page <n>', 'orders per REST request (1–100)', '50')
    .action(async (opts) => {
      if (Number.isNaN(Date.parse(opts.since))) {
        throw validationError(`--since: "${opts.since}" is not a date like 2026-01-01`, [
          { path: 'since', message: 'not a date' },
        ]);
      }
      const perPage = Number(opts.perPage);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
        throw validationError('--per-page: must be a whole number from 1 to 100', [
          { path: 'per-page', message: '1–100' },
        ]);
      }
      await withAppContext(opts, async (ctx) => {
        const tty = process.stderr.isTTY;
        const result = await importWooCommerceOrders(ctx, opts.shop, {
          since: opts.since,
          perPage,
          onProgress: (p) => process.stderr.write(tty ? `\r${progressBar(p)}` : `${progressBar(p)}\n`),
        });
        if (tty) process.stderr.write('\n');
        const o = result.outcomes;
        console.log(
          `${result.orders} orders: ${o.created} new, ${o.updated} updated, ${o.unchanged} unchanged, ${o.stale} stale; ` +
            `${result.documentsFinalized} documents finalized; ${result.failed.length} failed.`,
        );
        for (const f of result.failed) console.log(`  order ${f.orderId}: ${f.reason}`);
        if (result.failed.length > 0) process.exitCode = 1;
      });
    });
}
