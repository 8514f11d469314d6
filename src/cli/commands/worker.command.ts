import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import { createHttpApp } from '../../http/app.js';
import { AppError } from '../../lib/errors.js';
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
    .option('--metrics-port <port>', 'serve /metrics, /healthz and /readyz of this worker on this port (0 = any)')
    .action(async (opts) => {
      const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config });
      const metricsPort = opts.metricsPort === undefined ? null : Number(opts.metricsPort);
      if (metricsPort !== null && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort <= 65535))
        throw new AppError('config', 'invalid_config', '--metrics-port must be a port number from 0 to 65535.');
      const runtime = await bootstrap(config);
      const worker = startWorker(runtime.ctx);
      runtime.ctx.logger.info({ concurrency: config.worker.concurrency }, 'worker started');
      console.log(`Belegfluss worker started (database: ${runtime.dbHandle.engine} ${runtime.dbHandle.location}).`);
      // The worker's own process metrics (sevDesk latency, transfer results) for Prometheus; no API, no admin UI.
      const metricsServer =
        metricsPort === null
          ? null
          : serve({ fetch: createHttpApp(runtime.ctx).fetch, port: metricsPort, hostname: config.host }, (a) =>
              console.log(`Worker metrics: http://${config.host}:${a.port}/metrics`),
            );
      onShutdown(async () => {
        await new Promise<void>((r) => (metricsServer ? metricsServer.close(() => r()) : r()));
        await worker.stop();
        await runtime.close();
      });
    });
}
