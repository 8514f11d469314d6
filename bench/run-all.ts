// `npm run bench`: every benchmark, one after another, each in its own process; then docs/BENCHMARKS.md is
// regenerated from bench/results/*.json. One throwaway PostgreSQL cluster serves all of them.
//
//   npm run bench                      all (the two 1,000,000-document scale runs take several minutes each)
//   npm run bench -- --only pdf,sandbox
//   npm run bench -- --smoke           seconds each; results go to the temp dir, docs untouched
//   npm run bench -- --summary         only regenerate docs/BENCHMARKS.md from bench/results
import { startPgCluster } from '../test/support/postgres-cluster.js';
import { spawnTs } from './lib/processes.js';
import { BENCHMARK_ORDER, regenerateSummary } from './lib/report.js';
import { isSmoke } from './lib/runner.js';

if (process.argv.includes('--summary')) {
  // Only rewrite docs/BENCHMARKS.md from the result files (e.g. after editing bench/observations.md).
  console.log(`summary: ${regenerateSummary()}`);
  process.exit(0);
}
const smoke = isSmoke();
const onlyArg = process.argv.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : process.argv[process.argv.indexOf(onlyArg) + 1]!).split(',')
  : null;
const names = BENCHMARK_ORDER.filter((n) => !only || only.includes(n));

const cluster = process.env.BELEGFLUSS_BENCH_PG_URL ? null : await startPgCluster();
const env: Record<string, string> = { BELEGFLUSS_BENCH_NO_SUMMARY: '1' };
if (cluster) env.BELEGFLUSS_BENCH_PG_URL = cluster.url;
const stopCluster = () => cluster?.stop();
process.once('SIGINT', () => {
  stopCluster();
  process.exit(130);
});

const failed: string[] = [];
const started = performance.now();
try {
  for (const name of names) {
    const t = performance.now();
    console.log(`\n▶ ${name}${smoke ? ' (smoke)' : ''}`);
    const child = spawnTs(`bench/${name}.ts`, smoke ? ['--smoke'] : [], { name, env });
    child.proc.stdout!.on('data', (d: string) => process.stdout.write(d));
    child.proc.stderr!.on('data', (d: string) => process.stderr.write(d));
    const { code } = await child.exited;
    if (code !== 0) failed.push(name);
    console.log(`${code === 0 ? '✔' : '✘'} ${name} (${Math.round((performance.now() - t) / 1000)} s)`);
  }
} finally {
  stopCluster();
}
if (!smoke) console.log(`\nsummary: ${regenerateSummary()}`);
console.log(
  `\n${names.length - failed.length} of ${names.length} benchmarks ran in ${Math.round((performance.now() - started) / 1000)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
);
process.exit(failed.length ? 1 : 0);
