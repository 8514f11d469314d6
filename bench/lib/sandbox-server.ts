// Child process entry: the sevDesk sandbox over HTTP on a loopback port, for benchmarks that need it in its own
// process. Options as one JSON argument: { port?, latencyMs?, faults?, seed? }. Prints `SANDBOX_READY <json>`.
import { createSandbox } from '../../src/sandbox/create-sandbox.js';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  port?: number;
  latencyMs?: number;
  faults?: string;
  seed?: number;
};
const sandbox = createSandbox({
  seed: options.seed ?? 1,
  latencyMs: options.latencyMs ?? 0,
  faults: options.faults ?? '',
});
const server = await sandbox.listen(options.port ?? 0, '127.0.0.1');
console.log(`SANDBOX_READY ${JSON.stringify({ url: server.url, apiUrl: server.apiUrl, pid: process.pid })}`);

const shutdown = async () => {
  await sandbox.close();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
