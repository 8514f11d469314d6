import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { openDemoSandbox } from '../../app/demo/demo-sandbox.js';
import { runFirstRun } from '../../app/demo/first-run.js';
import { startWebhookDeliveryCleanup } from '../../app/ingest/cleanup-webhook-deliveries.js';
import { bootstrap } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import { sandboxRouteModule } from '../../http/admin/sandbox-mount.js';
import { createHttpApp } from '../../http/app.js';
import { ROUTE_MODULES } from '../../http/routes.js';
import { sharedFaces } from '../../render/pdf/fonts.js';
import { startWorker } from '../../worker/start-worker.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';
import { onShutdown } from '../shutdown.js';

export function registerServeCommand(program: Command): void {
  addConfigFlags(
    program
      .command('serve')
      .description('serve the HTTP API, webhooks and admin UI (with a worker unless --no-worker)'),
  )
    .option('-p, --port <port>', 'HTTP port (default: $PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: 127.0.0.1)')
    .option('--no-worker', 'do not process jobs in this process (run `belegfluss worker` elsewhere)')
    .option('--concurrency <n>', 'jobs processed in parallel')
    .option('--sandbox <mode>', 'sevDesk sandbox: auto|on|off')
    .action(async (opts) => {
      const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config });
      const runtime = await bootstrap(config);
      const { ctx } = runtime;
      // Decode the document fonts now, not inside the first finalizing transaction (which holds the write lock).
      sharedFaces();
      // Testmodus: the sevDesk sandbox in-process under /sandbox (config sandbox.mode; auto = no real connection).
      const demoSandbox = await openDemoSandbox(ctx);
      const app = createHttpApp(
        ctx,
        demoSandbox ? [...ROUTE_MODULES, sandboxRouteModule(demoSandbox.sandbox)] : ROUTE_MODULES,
      );
      const worker = opts.worker !== false && config.worker.enabled ? startWorker(ctx) : null;
      const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
        s.once('error', reject);
      }).catch(async (e: NodeJS.ErrnoException) => {
        await worker?.stop(0);
        await demoSandbox?.close();
        await runtime.close();
        throw new Error(
          e.code === 'EADDRINUSE'
            ? `Port ${config.port} is already in use; choose another with --port or PORT.`
            : e.message,
        );
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      ctx.logger.info({ url, database: runtime.dbHandle.location, worker: Boolean(worker) }, 'Belegfluss is running');
      console.log(
        `Belegfluss läuft / is running: ${url}  (database: ${runtime.dbHandle.engine} ${runtime.dbHandle.location})`,
      );
      // First run: an admin who can log in (one-time password printed once), the Testmodus demo shops and orders.
      const firstRun = await runFirstRun(ctx, { serverUrl: url, demoSandbox });
      for (const line of firstRun.lines) console.log(line);
      const stopCleanup = startWebhookDeliveryCleanup(ctx);
      onShutdown(async () => {
        stopCleanup();
        await new Promise<void>((r) => server.close(() => r()));
        await worker?.stop();
        await demoSandbox?.close();
        await runtime.close();
      });
    });
}
