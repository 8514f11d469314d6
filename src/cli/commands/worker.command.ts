import type { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import { startWorker } from '../../worker/start-worker.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';
import { onShutdown } from '../shutdown.js';

export function registerWorkerCommand(program: Command): void {
  addConfigFlags(
    program
      .command('worker')
      .description('process background jobs (transfers, customer sync, booking) without serving HTTP'),
  )
    .option('--concurrency <n>', 'jobs processed in parallel')
    .action(async (opts) => {
      const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config });
      const runtime = await bootstrap(config);
      const worker = startWorker(runtime.ctx);
      runtime.ctx.logger.info({ concurrency: config.worker.concurrency }, 'worker started');
      console.log(`Belegfluss worker started (database: ${runtime.dbHandle.engine} ${runtime.dbHandle.location}).`);
      onShutdown(async () => {
        await worker.stop();
        await runtime.close();
      });
    });
}
