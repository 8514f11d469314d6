import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './report.js';

// Child processes of a benchmark (servers, the sandbox, load generators, workers): spawned through tsx, optionally
// pinned to CPUs with taskset, with their output captured, their memory sampled from /proc, and stopped for sure.

export interface ChildHandle {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9, no grace. */
  kill9(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  env?: NodeJS.ProcessEnv;
  /** taskset CPU list, e.g. "0" or "1". Ignored where taskset is missing. */
  cpus?: string;
  /** Keep at most this many characters of output (default 1 MB). */
  maxOutput?: number;
  nodeArgs?: string[];
}

let tasksetAvailable: boolean | null = null;
function hasTaskset(): boolean {
  if (tasksetAvailable === null) {
    tasksetAvailable = ['/usr/bin/taskset', '/bin/taskset'].some((p) => {
      try {
        readFileSync(p);
        return true;
      } catch {
        return false;
      }
    });
  }
  return tasksetAvailable;
}

/** Run a TypeScript file (path relative to the repository) in its own Node process. */
export function spawnTs(file: string, args: string[], opts: SpawnOptions): ChildHandle {
  const nodeArgs = [...(opts.nodeArgs ?? []), '--import', 'tsx', join(REPO_ROOT, file), ...args];
  return spawnNode(nodeArgs, opts);
}

/** The real CLI (`bin/belegfluss.js <command>`). */
export function spawnCli(args: string[], opts: SpawnOptions): ChildHandle {
  return spawnNode([...(opts.nodeArgs ?? []), join(REPO_ROOT, 'bin/belegfluss.js'), ...args], opts);
}

function spawnNode(nodeArgs: string[], opts: SpawnOptions): ChildHandle {
  const pinned = opts.cpus !== undefined && hasTaskset();
  const command = pinned ? 'taskset' : process.execPath;
  const args = pinned ? ['-c', opts.cpus!, process.execPath, ...nodeArgs] : nodeArgs;
  const proc = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const max = opts.maxOutput ?? 1_000_000;
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
    if (out.length > max) out = out.slice(-max);
  });
  proc.stderr!.on('data', (chunk: string) => {
    err += chunk;
    if (err.length > max) err = err.slice(-max);
  });
  let running = true;
  // Never leave a child behind, even when the benchmark dies of an uncaught error.
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      running = false;
      process.off('exit', killOnExit);
      resolve({ code, signal });
    });
  });
  const handle: ChildHandle = {
    name: opts.name,
    proc,
    pid: proc.pid!,
    stdout: () => out,
    stderr: () => err,
    isRunning: () => running,
    exited,
    waitForOutput: (pattern, timeoutMs = 60_000) => {
      const m = out.match(pattern);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`${opts.name}: no output matching ${pattern} within ${timeoutMs} ms\n${tail(out, err)}`));
        }, timeoutMs);
        exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`${opts.name} exited (${code ?? signal}) before ${pattern}\n${tail(out, err)}`));
        });
        waiters.push({
          pattern,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    stop: async (graceMs = 5_000) => {
      if (!running) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (!running) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
  return handle;
}

function tail(out: string, err: string): string {
  return `--- stdout (tail) ---\n${out.slice(-2000)}\n--- stderr (tail) ---\n${err.slice(-2000)}`;
}

export interface MemorySample {
  /** Current resident set, MB. */
  rssMb: number;
  /** Peak resident set since start (VmHWM), MB. */
  peakRssMb: number;
}

/** Resident memory of a process from /proc (Linux); null when it is gone or /proc is unavailable. */
export function memoryOf(pid: number): MemorySample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs`; `stop()` returns the peak seen (and VmHWM when available). */
export function sampleMemory(pid: number, intervalMs = 200): { stop(): MemorySample | null } {
  let peak = 0;
  let last: MemorySample | null = null;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m) {
      last = m;
      peak = Math.max(peak, m.rssMb);
    }
  }, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      const now = memoryOf(pid) ?? last;
      if (!now) return null;
      return { rssMb: now.rssMb, peakRssMb: Math.max(peak, now.peakRssMb || 0) };
    },
  };
}
