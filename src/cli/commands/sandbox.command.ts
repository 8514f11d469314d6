// `belegfluss sandbox`: runs the sevDesk sandbox ("Testmodus") as an HTTP server;
// `belegfluss sandbox dump`: prints the state or call counters of an account of a running sandbox.
import type { Command } from 'commander';
import { createSandbox, type Sandbox } from '../../sandbox/create-sandbox.js';
import { FaultSpecError, parseFaultSpec } from '../../sandbox/faults.js';

interface ServeOptions {
  port: string;
  host: string;
  state?: string;
  latencyMs: string;
  faults?: string;
  seed: string;
  spec?: string;
  demoToken?: string;
  chart: string;
  bookkeepingVersion: string;
}

interface DumpOptions {
  url: string;
  token?: string;
  calls?: boolean;
}

const USAGE_ERROR = { exitCode: 2, code: 'belegfluss.invalidArgument' } as const;

function integer(command: Command, flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
    command.error(`Invalid ${flag} "${value}": expected a whole number from ${min} to ${max}.`, USAGE_ERROR);
  return n;
}

export function registerSandboxCommand(program: Command): void {
  const sandbox = program
    .command('sandbox')
    .description('Run the sevDesk sandbox (Testmodus): sevDesk’s API under /api/v1, stateful, with injectable faults')
    .option('--port <port>', 'port to listen on (0 = any free port)', '4010')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--state <file>', 'persist the sandbox state as JSON in this file and reload it on start')
    .option('--latency-ms <ms>', 'latency added to every API request', '0')
    .option('--faults <spec>', 'fault rules, e.g. "saveVoucher:500-after@0.2,*:429@0.05,GET /Contact:latency=200"')
    .option('--seed <n>', 'seed of the fault dice; the same seed and request sequence give the same faults', '1')
    .option(
      '--spec <file>',
      "sevDesk's openapi.yaml (default: $BELEGFLUSS_SEVDESK_SPEC or ../shared/sevdesk/openapi.yaml)",
    )
    .option('--demo-token <token>', 'API token of the demo account (created if it does not exist)')
    .option('--chart <chart>', 'chart of accounts of a newly created demo account: SKR03 or SKR04', 'SKR04')
    .option('--bookkeeping-version <version>', 'bookkeeping version of a newly created demo account: 1.0 or 2.0', '2.0')
    .action(async function (this: Command, options: ServeOptions) {
      const port = integer(this, '--port', options.port, 0, 65_535);
      const latencyMs = integer(this, '--latency-ms', options.latencyMs, 0, 600_000);
      const seed = integer(this, '--seed', options.seed, 0, 4_294_967_295);
      if (options.chart !== 'SKR03' && options.chart !== 'SKR04')
        this.error(`Invalid --chart "${options.chart}": expected SKR03 or SKR04.`, USAGE_ERROR);
      if (options.bookkeepingVersion !== '1.0' && options.bookkeepingVersion !== '2.0')
        this.error(`Invalid --bookkeeping-version "${options.bookkeepingVersion}": expected 1.0 or 2.0.`, USAGE_ERROR);
      if (options.demoToken !== undefined && !/^[\w.-]{1,128}$/.test(options.demoToken))
        this.error('Invalid --demo-token: use 1 to 128 characters of letters, digits, "_", "." or "-".', USAGE_ERROR);
      let faults: ReturnType<typeof parseFaultSpec> = [];
      try {
        faults = parseFaultSpec(options.faults ?? '');
      } catch (error) {
        if (!(error instanceof FaultSpecError)) throw error;
        this.error(`Invalid --faults: ${error.message}.`, USAGE_ERROR);
      }

      let instance: Sandbox;
      try {
        instance = createSandbox({
          seed,
          latencyMs,
          faults,
          ...(options.state ? { stateFile: options.state } : {}),
          ...(options.spec ? { specPath: options.spec } : {}),
        });
      } catch (error) {
        this.error((error as Error).message, options.spec ? USAGE_ERROR : { exitCode: 1 });
      }
      const demo =
        (options.demoToken ? instance.accounts().find((a) => a.token === options.demoToken) : instance.accounts()[0]) ??
        instance.createAccount({
          name: 'Demo',
          chart: options.chart as 'SKR03' | 'SKR04',
          bookkeepingVersion: options.bookkeepingVersion as '1.0' | '2.0',
          ...(options.demoToken ? { token: options.demoToken } : {}),
        });
      let server: Awaited<ReturnType<Sandbox['listen']>>;
      try {
        server = await instance.listen(port, options.host);
      } catch (error) {
        this.error(`Cannot listen on ${options.host}:${port}: ${(error as Error).message}.`, { exitCode: 1 });
      }

      console.log(`sevDesk sandbox (Testmodus) listening on ${server.apiUrl}`);
      console.log(`Demo account token: ${demo.token} (${demo.chart}, bookkeeping ${demo.bookkeepingVersion})`);
      console.log(`Inspect: ${server.url}/__sandbox/accounts/${demo.token}/state`);
      if (faults.length > 0) console.log(`Faults (seed ${seed}): ${instance.faults().spec}`);

      const shutdown = async () => {
        await instance.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  sandbox
    .command('dump')
    .description('Print the state (or, with --calls, the call counters) of an account of a running sandbox')
    .option('--url <url>', 'address of the running sandbox', 'http://127.0.0.1:4010')
    .option('--token <token>', 'API token of the account')
    .option('--calls', 'print the per-route call counters instead of the state')
    .action(async function (this: Command, options: DumpOptions) {
      if (!options.token) this.error('Missing --token: name the account to dump.', USAGE_ERROR);
      let origin: string;
      try {
        const url = new URL(options.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http');
        origin = url.origin;
      } catch {
        this.error(
          `Invalid --url "${options.url}": expected an http(s) address such as http://127.0.0.1:4010.`,
          USAGE_ERROR,
        );
      }
      const target = `${origin}/__sandbox/accounts/${encodeURIComponent(options.token)}/${options.calls ? 'calls' : 'state'}`;
      let response: Response;
      try {
        response = await fetch(target);
      } catch (error) {
        const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        this.error(`Cannot reach the sandbox at ${origin} (${reason}).`, { exitCode: 1 });
      }
      if (response.status === 404)
        this.error(`The sandbox at ${origin} has no account with that token.`, { exitCode: 1 });
      if (!response.ok) this.error(`The sandbox at ${origin} answered HTTP ${response.status}.`, { exitCode: 1 });
      console.log(JSON.stringify(await response.json(), null, 2));
    });
}
