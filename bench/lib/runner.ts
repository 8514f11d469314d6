import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.js';
import {
  type BenchResult,
  formatValue,
  type Metric,
  regenerateSummary,
  resultsDir,
  verdict,
  writeResult,
} from './report.js';

// The frame every benchmark runs in: flags, timing, cleanup of child processes and temp data (also on failure
// and Ctrl-C), the result file and — for real runs — the regenerated docs/BENCHMARKS.md.

export interface BenchContext {
  smoke: boolean;
  /** Progress line on stderr. */
  log(message: string): void;
  /** Run at the end, last registered first (also when the benchmark throws). */
  cleanup(fn: () => unknown): void;
}

export interface BenchOutput {
  parameters: Record<string, unknown>;
  metrics: Metric[];
  notMeasured?: string[];
  details?: unknown;
}

export interface BenchmarkDefinition {
  name: string;
  title: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchOutput>;
}

export function isSmoke(argv = process.argv): boolean {
  return argv.includes('--smoke') || process.env.BELEGFLUSS_BENCH_SMOKE === '1';
}

/** True when `moduleUrl` is the script node was started with (not imported by run-all). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1];
}

export async function runBenchmark(def: BenchmarkDefinition, smoke = isSmoke()): Promise<BenchResult> {
  const cleanups: (() => unknown)[] = [];
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  const ctx: BenchContext = {
    smoke,
    log: (message) => process.stderr.write(`[${def.name}] ${message}\n`),
    cleanup: (fn) => cleanups.push(fn),
  };
  const onSignal = async () => {
    await runCleanups(cleanups);
    process.exit(130);
  };
  const onCrash = async (e: unknown) => {
    process.stderr.write(`[${def.name}] crashed: ${(e as Error)?.stack ?? String(e)}\n`);
    await runCleanups(cleanups);
    process.exit(1);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('uncaughtException', onCrash);
  let output: BenchOutput;
  try {
    output = await def.run(ctx);
  } finally {
    await runCleanups(cleanups);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onCrash);
  }
  const result: BenchResult = {
    name: def.name,
    title: def.title,
    description: def.description,
    command: `npx tsx bench/${def.name}.ts${smoke ? ' --smoke' : ''}`,
    date: new Date().toISOString(),
    machine: machineInfo(),
    smoke,
    durationS: Math.round((performance.now() - started) / 100) / 10,
    loadAverage: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 },
    parameters: output.parameters,
    metrics: output.metrics,
    notMeasured: output.notMeasured ?? [],
    ...(output.details !== undefined ? { details: output.details } : {}),
  };
  const file = writeResult(result);
  printResult(result, file);
  if (!smoke && !process.env.BELEGFLUSS_BENCH_RESULTS_DIR && !process.env.BELEGFLUSS_BENCH_NO_SUMMARY)
    process.stderr.write(`summary: ${regenerateSummary()}\n`);
  return result;
}

async function runCleanups(cleanups: (() => unknown)[]): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (e) {
      process.stderr.write(`cleanup failed: ${(e as Error).message}\n`);
    }
  }
}

function printResult(r: BenchResult, file: string): void {
  const out = [
    `\n${r.title}${r.smoke ? ' (smoke)' : ''} — ${r.durationS} s, load average ${r.loadAverage.start} → ${r.loadAverage.end}`,
  ];
  for (const m of r.metrics) out.push(`  ${m.label.padEnd(58)} ${formatValue(m).padStart(16)}  ${verdict(m).text}`);
  for (const why of r.notMeasured) out.push(`  not measured: ${why}`);
  out.push(`  → ${file}${r.smoke ? ` (smoke results dir ${resultsDir(true)})` : ''}`);
  console.log(out.join('\n'));
}

/** Standard entry point: `if (isMain(import.meta.url)) await main(definition)`. */
export async function main(def: BenchmarkDefinition): Promise<void> {
  try {
    await runBenchmark(def);
    process.exit(0);
  } catch (e) {
    console.error(`[${def.name}] failed:`, e);
    process.exit(1);
  }
}
