#!/usr/bin/env node
// The one test command: type-check, lint, then every vitest project (unit + integration with a real SQLite file,
// a throwaway PostgreSQL cluster and the sevDesk sandbox). Ends with the plain line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function check(name, cmd, args) {
  process.stdout.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  if (res.status === 0) passed++;
  else {
    failed++;
    process.stdout.write(`!! ${name} failed (exit ${res.status})\n`);
  }
}

if (extra.length === 0) {
  check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  check('lint', 'npx', ['biome', 'check', '.']);
}

const dir = mkdtempSync(join(tmpdir(), 'belegfluss-vitest-'));
const report = join(dir, 'report.json');
process.stdout.write('\n== vitest\n');
const res = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  {
    stdio: 'inherit',
  },
);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + json.numTodoTests;
  // A suite that failed to load has no tests to count: count it as a failure.
  failed += json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  if (json.numTotalTests === 0) failed++;
} catch {
  failed++;
  process.stdout.write('!! vitest produced no report\n');
}
rmSync(dir, { recursive: true, force: true });
if (res.status !== 0 && failed === 0) failed++;

process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 ? 0 : 1);
