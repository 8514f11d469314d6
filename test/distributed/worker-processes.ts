import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../src/app/context.js';
import { bootstrap, type Runtime } from '../../src/bootstrap.js';
import { configSchema } from '../../src/config/schema.js';
import { silentLogger } from '../../src/lib/logger.js';

// Distributed mode as deployed: `belegfluss worker` child processes (the real CLI) sharing one PostgreSQL database
// and one secret key with the test process, which plays `belegfluss serve --no-worker` (shops, documents, jobs).

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Deployment {
  databaseUrl: string;
  secretKey: string;
  dataDir: string;
  /** The composition root in the test process (migrated database, pg-boss queue, shared rate limiter). */
  runtime: Runtime;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function openDeployment(databaseUrl: string): Promise<Deployment> {
  const secretKey = randomBytes(32).toString('base64');
  const dataDir = mkdtempSync(join(tmpdir(), 'belegfluss-distributed-'));
  const config = configSchema.parse({ databaseUrl, secretKey, dataDir, logLevel: 'silent' });
  const runtime = await bootstrap(config, { logger: silentLogger });
  return {
    databaseUrl,
    secretKey,
    dataDir,
    runtime,
    ctx: runtime.ctx,
    close: async () => {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A log line of a worker (pino JSON). */
export interface WorkerLogLine {
  msg?: string;
  level?: number;
  jobId?: string;
  shopId?: string | null;
  transferId?: string;
  state?: string;
  [key: string]: unknown;
}

export interface WorkerProcess {
  name: string;
  pid: number;
  proc: ChildProcess;
  /** With `--metrics-port`: the worker's /metrics URL. */
  metricsUrl(): string | null;
  /** Parsed JSON log lines so far. */
  lines(): WorkerLogLine[];
  output(): string;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** `belegfluss worker` with short leases and fast polling (tests), logging at debug level to stdout. */
export function startWorker(
  d: Deployment,
  name: string,
  env: Record<string, string> = {},
  args: string[] = [],
): WorkerProcess {
  const proc = spawn(process.execPath, [join(REPO, 'bin/belegfluss.js'), 'worker', ...args], {
    cwd: REPO,
    env: {
      ...process.env,
      DATABASE_URL: d.databaseUrl,
      BELEGFLUSS_SECRET_KEY: d.secretKey,
      BELEGFLUSS_DATA_DIR: d.dataDir,
      BELEGFLUSS_LOG_LEVEL: 'debug',
      BELEGFLUSS_SANDBOX: 'off',
      BELEGFLUSS_DEMO_SHOP: 'false',
      BELEGFLUSS_WORKER_CONCURRENCY: '4',
      BELEGFLUSS_WORKER_POLL_MS: '50',
      BELEGFLUSS_WORKER_LEASE_MS: '2000',
      BELEGFLUSS_SEVDESK_TIMEOUT_MS: '5000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const parsed: WorkerLogLine[] = [];
  let partial = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  let markReady!: () => void;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  proc.stdout!.on('data', (chunk: string) => {
    out += chunk;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('worker started')) markReady();
      if (!line.startsWith('{')) continue;
      try {
        parsed.push(JSON.parse(line) as WorkerLogLine);
      } catch {
        // not a log line
      }
    }
  });
  proc.stderr!.on('data', (chunk: string) => {
    err += chunk;
  });
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    proc.once('exit', (code, signal) => {
      running = false;
      resolveExit({ code, signal });
    });
  });
  const readyOrExit = Promise.race([
    ready,
    exited.then(({ code, signal }) => {
      throw new Error(
        `${name} exited (${code ?? signal}) before it was ready:\n${out.slice(-2000)}\n${err.slice(-2000)}`,
      );
    }),
  ]);
  return {
    name,
    pid: proc.pid!,
    proc,
    lines: () => parsed,
    metricsUrl: () => out.match(/Worker metrics: (http:\/\/\S+)/)?.[1] ?? null,
    output: () => `${out}\n${err}`,
    ready: readyOrExit,
    exited,
    kill9: async () => {
      if (!running) return;
      proc.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!running) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
