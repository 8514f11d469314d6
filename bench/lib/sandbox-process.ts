import type { SandboxAccountInfo, SandboxDump } from '../../src/sandbox/create-sandbox.js';
import { request } from './http-client.js';
import { type ChildHandle, spawnTs } from './processes.js';
import type { BenchContext } from './runner.js';

// The sevDesk sandbox in its own process, controlled through its inspection API (/__sandbox/…).

export interface SandboxProcess {
  child: ChildHandle;
  url: string;
  apiUrl: string;
  createAccount(options?: {
    name?: string;
    chart?: 'SKR03' | 'SKR04';
    bookkeepingVersion?: '1.0' | '2.0';
  }): Promise<SandboxAccountInfo>;
  calls(token: string): Promise<{ total: number; routes: Record<string, number> }>;
  resetCalls(token?: string): Promise<void>;
  state(token: string): Promise<SandboxDump>;
  setFaults(faults: string, options?: { seed?: number; latencyMs?: number }): Promise<void>;
  importTransaction(token: string, input: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startSandboxProcess(
  ctx: BenchContext,
  opts: { latencyMs?: number; faults?: string; seed?: number; cpus?: string } = {},
): Promise<SandboxProcess> {
  const child = spawnTs(
    'bench/lib/sandbox-server.ts',
    [JSON.stringify({ latencyMs: opts.latencyMs ?? 0, faults: opts.faults ?? '', seed: opts.seed ?? 1 })],
    { name: 'sandbox', ...(opts.cpus !== undefined ? { cpus: opts.cpus } : {}) },
  );
  ctx.cleanup(() => child.stop());
  const ready = await child.waitForOutput(/SANDBOX_READY (\{.*\})/, 60_000);
  const { url, apiUrl } = JSON.parse(ready[1]!) as { url: string; apiUrl: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = res.text;
    if (res.status >= 300) throw new Error(`sandbox ${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const token = (t: string) => encodeURIComponent(t);
  return {
    child,
    url,
    apiUrl,
    createAccount: (options = {}) => call('POST', '/__sandbox/accounts', { chart: 'SKR04', ...options }),
    calls: (t) => call('GET', `/__sandbox/accounts/${token(t)}/calls`),
    resetCalls: async (t) => {
      await call('POST', '/__sandbox/reset-counters', t === undefined ? {} : { token: t });
    },
    state: (t) => call('GET', `/__sandbox/accounts/${token(t)}/state`),
    setFaults: async (faults, options = {}) => {
      await call('PUT', '/__sandbox/faults', { faults, ...options });
    },
    importTransaction: (t, input) => call('POST', `/__sandbox/accounts/${token(t)}/transactions`, input),
    stop: () => child.stop(),
  };
}
