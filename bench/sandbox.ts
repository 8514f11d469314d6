// Sandbox: simple sevDesk requests per second the sandbox answers at zero latency on one core — the sandbox
// pinned to CPU 0 in its own process, the load generator pinned to CPU 1 in another (keep-alive connections).
//
//   npx tsx bench/sandbox.ts [--smoke]
import type { LoadResult } from './lib/loadgen.js';
import type { LoadScenario } from './lib/load-scenarios.js';
import { spawnTs } from './lib/processes.js';
import { type BenchContext, type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { startSandboxProcess } from './lib/sandbox-process.js';
import { round } from './lib/stats.js';

export async function runLoadChild(ctx: BenchContext, scenario: LoadScenario, cpus?: string): Promise<LoadResult> {
  const child = spawnTs('bench/lib/loadgen-child.ts', [JSON.stringify(scenario)], {
    name: 'load generator',
    ...(cpus !== undefined ? { cpus } : {}),
  });
  ctx.cleanup(() => child.stop());
  const timeout = (scenario.durationMs ?? 600_000) + 120_000;
  const m = await child.waitForOutput(/LOAD_RESULT (\{.*\})/, timeout);
  await child.exited;
  return JSON.parse(m[1]!) as LoadResult;
}

export const sandboxBenchmark: BenchmarkDefinition = {
  name: 'sandbox',
  title: 'Sandbox throughput',
  description:
    'The sevDesk sandbox (`createSandbox().listen()`, spec validation on) in its own process pinned to one core ' +
    '(`taskset -c 0`), zero latency, no faults; a load generator in another process on the other core keeps 32 ' +
    'keep-alive connections busy with `GET /api/v1/Tools/bookkeepingSystemVersion` (authenticated, counted, validated ' +
    'like every API route) and, for comparison, `GET /api/v1/CheckAccount` (a list of four records).',
  async run(ctx) {
    const sandbox = await startSandboxProcess(ctx, { cpus: '0' });
    const account = await sandbox.createAccount({ name: 'bench' });
    const durationMs = ctx.smoke ? 1_000 : 15_000;
    const warmup = ctx.smoke ? 100 : 3_000;
    const results: Record<string, LoadResult> = {};
    for (const path of ['/Tools/bookkeepingSystemVersion', '/CheckAccount']) {
      results[path] = await runLoadChild(
        ctx,
        { kind: 'sandbox-simple', url: sandbox.url, token: account.token, path, concurrency: 32, durationMs, warmup },
        '1',
      );
      const r = results[path]!;
      ctx.log(`${path}: ${Math.round(r.requestsPerSecond)} req/s, statuses ${JSON.stringify(r.statuses)}`);
      if (r.errors > 0 || Object.keys(r.statuses).some((s) => s !== '200'))
        throw new Error(
          `unexpected answers from the sandbox: ${JSON.stringify(r.statuses)} ${r.errorSamples.join('; ')}`,
        );
    }
    const simple = results['/Tools/bookkeepingSystemVersion']!;
    const list = results['/CheckAccount']!;
    return {
      parameters: { connections: 32, durationMs, warmupRequests: warmup, sandboxCpu: 0, loadGeneratorCpu: 1 },
      metrics: [
        {
          label: 'GET /Tools/bookkeepingSystemVersion, one core',
          value: round(simple.requestsPerSecond, 0),
          unit: 'req/s',
          target: { op: '>=', value: 3000 },
        },
        {
          label: 'same, p50 latency at 32 connections',
          value: round(simple.latencyMs.p50, 2),
          unit: 'ms',
          note: `p99 ${round(simple.latencyMs.p99, 2)} ms`,
        },
        { label: 'GET /CheckAccount (4 records), one core', value: round(list.requestsPerSecond, 0), unit: 'req/s' },
      ],
      details: results,
    };
  },
};

if (isMain(import.meta.url)) await main(sandboxBenchmark);
