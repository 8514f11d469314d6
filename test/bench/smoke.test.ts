import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BENCHMARK_ORDER, type BenchResult, RESULTS_DIR, SUMMARY_FILE } from '../../bench/lib/report.js';
import { pgAvailable } from '../support/databases.js';

// Every benchmark in --smoke mode (seconds, small sizes), each in its own process, three at a time: it must finish
// and write a sane, non-empty result — into a temp dir, never over bench/results or docs/BENCHMARKS.md. Speed
// targets are not asserted here (CI machines vary); correctness targets (duplicates, lost documents, 5xx,
// half-written records) are.

const PARALLEL = 3;
const outDir = mkdtempSync(join(tmpdir(), 'belegfluss-bench-smoke-test-'));
const runs = new Map<string, { code: number | null; output: string; ms: number }>();
const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : null);
const realBefore = new Map(
  [...BENCHMARK_ORDER.map((n) => join(RESULTS_DIR, `${n}.json`)), SUMMARY_FILE].map((f) => [f, mtime(f)]),
);

function runSmoke(name: string): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, BELEGFLUSS_BENCH_RESULTS_DIR: outDir };
    const pgUrl = inject('pgUrl');
    if (pgUrl) env.BELEGFLUSS_BENCH_PG_URL = pgUrl;
    const child = spawn(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, '--smoke'], { env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      runs.set(name, { code, output, ms: performance.now() - started });
      resolve();
    });
  });
}

function result(name: string): BenchResult {
  return JSON.parse(readFileSync(join(outDir, `${name}.json`), 'utf8')) as BenchResult;
}

const metric = (r: BenchResult, label: string) => r.metrics.find((m) => m.label.startsWith(label));

describe('benchmarks in smoke mode', () => {
  beforeAll(async () => {
    const queue = [...BENCHMARK_ORDER];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let name = queue.shift(); name; name = queue.shift()) await runSmoke(name);
      }),
    );
    const times = [...runs.entries()].map(([n, r]) => `${n} ${Math.round(r.ms / 1000)} s`).join(', ');
    process.stderr.write(`[bench smoke] ${times}\n`);
  }, 170_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(BENCHMARK_ORDER)('%s finishes and writes a sane, non-empty smoke result', (name) => {
    const run = runs.get(name)!;
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const r = result(name);
    expect(r.name).toBe(name);
    expect(r.smoke).toBe(true);
    expect(r.command).toContain('--smoke');
    expect(r.machine.cores).toBeGreaterThan(0);
    expect(r.metrics.length).toBeGreaterThan(0);
    for (const m of r.metrics) {
      expect(typeof m.label).toBe('string');
      if (m.value !== null) expect(Number.isFinite(m.value), m.label).toBe(true);
    }
    // Something was measured; whatever was not says why.
    expect(r.metrics.some((m) => m.value !== null)).toBe(true);
    if (r.metrics.some((m) => m.value === null)) expect(r.notMeasured.length).toBeGreaterThan(0);
  });

  it('measures positive rates and latencies', () => {
    for (const name of ['pdf', 'sandbox', 'overhead', 'ingest', 'rate-limit-throughput'])
      for (const m of result(name).metrics)
        if (m.value !== null) expect(m.value, `${name}: ${m.label}`).toBeGreaterThan(0);
    const calls = result('calls-per-document');
    expect(metric(calls, 'returning customer, unchanged')?.value).toBeGreaterThanOrEqual(1);
    const scale = result('scale');
    expect(scale.parameters.documents).toBe(10_000);
    expect(metric(scale, 'SQLite, 10,000 docs: first page')?.value).toBeGreaterThan(0);
    if (pgAvailable()) expect(metric(scale, 'PostgreSQL, 10,000 docs: first page')?.value).toBeGreaterThan(0);
  });

  it('keeps exactly-once and input safety even in smoke size', () => {
    for (const name of ['faults', 'crashes']) {
      const r = result(name);
      // Every engine's run (crashes: SQLite, and PostgreSQL when available).
      const all = (label: string) => r.metrics.filter((m) => m.label.startsWith(label));
      const expectAll = (label: string, value: number) => {
        expect(all(label).length, `${name}: ${label}`).toBeGreaterThan(0);
        for (const m of all(label)) expect(m.value, `${name}: ${m.label}`).toBe(value);
      };
      expectAll('duplicate vouchers', 0);
      expectAll('lost documents', 0);
      expectAll('documents eventually transferred', 100);
      expectAll('sums equal', 100);
      if (name === 'crashes') expectAll('duplicate contacts', 0);
    }
    const hostile = result('hostile-input');
    expect(metric(hostile, 'hostile requests sent')?.value).toBeGreaterThanOrEqual(400);
    expect(metric(hostile, 'answered 5xx')?.value).toBe(0);
    expect(metric(hostile, 'half-written records')?.value).toBe(0);
  });

  it('never touches the real results or docs/BENCHMARKS.md', () => {
    for (const [file, before] of realBefore) expect(mtime(file), file).toBe(before);
  });
});
