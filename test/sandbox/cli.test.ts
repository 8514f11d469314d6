// `belegfluss sandbox` and `belegfluss sandbox dump`.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerSandboxCommand } from '../../src/cli/commands/sandbox.command.js';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';

async function runInProcess(args: string[]): Promise<{ exitCode: number | null; stderr: string; stdout: string }> {
  const program = new Command('belegfluss').exitOverride();
  let stderr = '';
  program.configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => {} });
  registerSandboxCommand(program);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await program.parseAsync(args, { from: 'user' });
    return { exitCode: null, stderr, stdout: log.mock.calls.map((c) => c.join(' ')).join('\n') };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { exitCode: error.exitCode, stderr, stdout: '' };
  } finally {
    log.mockRestore();
  }
}

describe('belegfluss sandbox flags', () => {
  it.each([
    [['sandbox', '--port', 'abc'], 'Invalid --port "abc": expected a whole number from 0 to 65535.'],
    [['sandbox', '--port', '70000'], 'Invalid --port "70000"'],
    [['sandbox', '--latency-ms', '-5'], 'Invalid --latency-ms "-5"'],
    [['sandbox', '--seed', '1.5'], 'Invalid --seed "1.5"'],
    [['sandbox', '--faults', 'saveVoucher'], 'Invalid --faults: fault rule "saveVoucher" needs the form target:fault.'],
    [['sandbox', '--faults', '*:500@2'], 'Invalid --faults: probability'],
    [['sandbox', '--chart', 'SKR99'], 'Invalid --chart "SKR99": expected SKR03 or SKR04.'],
    [['sandbox', '--bookkeeping-version', '3.0'], 'Invalid --bookkeeping-version'],
    [['sandbox', 'dump', '--url', 'ftp://x', '--token', 't'], 'Invalid --url "ftp://x"'],
    [['sandbox', 'dump'], 'Missing --token'],
  ])('%j → exit 2 with one sentence', async (args, message) => {
    const result = await runInProcess(args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a missing spec in one sentence', async () => {
    const result = await runInProcess(['sandbox', '--spec', '/nonexistent/openapi.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe('sevDesk OpenAPI spec not found at /nonexistent/openapi.yaml.');
  });
});

describe('belegfluss sandbox dump', () => {
  const sandbox = createSandbox();
  const server = sandbox.listen(0);
  afterAll(async () => (await server).close());

  it('prints the state and the call counters of an account', async () => {
    const { url, apiUrl } = await server;
    const { token } = sandbox.createAccount({ token: 'dump-me' });
    await fetch(`${apiUrl}/CheckAccount`, { headers: { Authorization: token } });
    const state = await runInProcess(['sandbox', 'dump', '--url', url, '--token', token]);
    expect(JSON.parse(state.stdout).account.token).toBe('dump-me');
    const calls = await runInProcess(['sandbox', 'dump', '--url', `${url}/api/v1`, '--token', token, '--calls']);
    expect(JSON.parse(calls.stdout)).toEqual({ total: 1, routes: { 'GET /CheckAccount': 1 } });
    const unknown = await runInProcess(['sandbox', 'dump', '--url', url, '--token', 'nobody']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('has no account with that token');
  });
});

describe('belegfluss sandbox (server process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
  let child: ChildProcessWithoutNullStreams | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL and the demo token, serves the API and saves the state on SIGTERM', async () => {
    const script = [
      "import { Command } from 'commander';",
      "import { registerSandboxCommand } from './src/cli/commands/sandbox.command.ts';",
      "const program = new Command('belegfluss');",
      'registerSandboxCommand(program);',
      'await program.parseAsync(process.argv.slice(1), { from: "user" });',
    ].join('\n');
    const stateFile = join(dir, 'state.json');
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
        'sandbox',
        '--port',
        '0',
        '--state',
        stateFile,
        '--demo-token',
        'cli-demo',
        '--faults',
        'GET /Unity:latency=1',
      ],
      { cwd: process.cwd() },
    );
    const output = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout.on('data', (d) => {
        out += d;
        if (out.includes('Faults (')) resolve(out);
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const apiUrl = /listening on (\S+)/.exec(output)![1]!;
    expect(output).toContain('Demo account token: cli-demo (SKR04, bookkeeping 2.0)');
    expect(output).toContain('Faults (seed 1): GET /Unity:latency=1');
    const created = await fetch(`${apiUrl}/Contact`, {
      method: 'POST',
      headers: { Authorization: 'cli-demo', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'CLI GmbH', category: { id: 3, objectName: 'Category' } }),
    });
    expect(created.status).toBe(201);
    const exitCode = await new Promise<number | null>((resolve) => {
      child!.on('exit', resolve);
      child!.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).accounts[0].contacts[0].name).toBe('CLI GmbH');
  });
});
