import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// A real Belegfluss server for the end-to-end tests: `belegfluss serve` in a child process, on a free loopback
// port, with a fresh SQLite database and data directory — the same first run a newcomer gets from `npm start`.

export interface RunningServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

export async function startServer(opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'belegfluss-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/main.ts'),
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--database-url',
      `sqlite:${join(dataDir, 'belegfluss.db')}`,
      '--log-level',
      'warn',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        BELEGFLUSS_ADMIN_EMAIL: '',
        BELEGFLUSS_ADMIN_PASSWORD: '',
        BELEGFLUSS_WORKER_POLL_MS: '100',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let ready: { url: string; email: string; password: string } | null = null;
  while (!ready) {
    const url = /Admin: (http:\/\/127\.0\.0\.1:\d+)\/admin/.exec(out)?.[1];
    const login = /one-time login: (\S+)\s+(\S+)/.exec(out);
    // The demo lines come last: once they are printed the first run is complete.
    if (url && login && /Demo Kleinunternehmen/.test(out)) ready = { url, email: login[1]!, password: login[2]! };
    else {
      if (child.exitCode !== null) throw new Error(`belegfluss serve exited early:\n${out}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`belegfluss serve did not become ready:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: ready.url,
    adminEmail: ready.email,
    adminPassword: ready.password,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
