// Inspection and control for tests and benchmarks, outside /api/v1 (no sevDesk auth, no faults).
import type { Context, Hono } from 'hono';
import { SevdeskApiError } from '../errors.js';
import { FaultSpecError, type FaultRule } from '../faults.js';
import type { CreateAccountOptions } from '../state.js';

export const INSPECT_PREFIX = '/__sandbox';

/** What the inspection routes need from the sandbox (see create-sandbox.ts). */
export interface SandboxControl {
  accounts(): unknown[];
  account(token: string): unknown;
  createAccount(options: CreateAccountOptions): unknown;
  dump(token: string): unknown;
  calls(token: string): unknown;
  resetCalls(token?: string): void;
  revokeToken(token: string): void;
  importTransaction(token: string, input: Record<string, unknown>): unknown;
  setFaults(faults: string | FaultRule[], options?: { seed?: number; latencyMs?: number }): void;
  faults(): unknown;
}

export function registerInspectRoutes(app: Hono, sandbox: SandboxControl): void {
  const route = (handler: (c: Context) => Promise<Response> | Response) => async (c: Context) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof SevdeskApiError) return c.json({ error: error.message }, error.status as 400);
      if (
        error instanceof FaultSpecError ||
        error instanceof RangeError ||
        error instanceof TypeError ||
        error instanceof SyntaxError
      )
        return c.json({ error: error.message }, 400);
      if (error instanceof UnknownAccountError) return c.json({ error: error.message }, 404);
      throw error;
    }
  };
  const body = async (c: Context): Promise<Record<string, unknown>> => {
    const text = await c.req.text();
    if (text.trim() === '') return {};
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new TypeError('the body must be a JSON object');
    return parsed as Record<string, unknown>;
  };
  const token = (c: Context): string => c.req.param('token') ?? '';

  app.get(
    INSPECT_PREFIX,
    route((c) => c.json({ accounts: sandbox.accounts(), faults: sandbox.faults() })),
  );
  app.get(
    `${INSPECT_PREFIX}/accounts`,
    route((c) => c.json({ accounts: sandbox.accounts() })),
  );
  app.post(
    `${INSPECT_PREFIX}/accounts`,
    route(async (c) => c.json(sandbox.createAccount((await body(c)) as CreateAccountOptions), 201)),
  );
  app.get(
    `${INSPECT_PREFIX}/accounts/:token`,
    route((c) => c.json(sandbox.account(token(c)))),
  );
  app.get(
    `${INSPECT_PREFIX}/accounts/:token/state`,
    route((c) => c.json(sandbox.dump(token(c)))),
  );
  app.get(
    `${INSPECT_PREFIX}/accounts/:token/calls`,
    route((c) => c.json(sandbox.calls(token(c)))),
  );
  app.post(
    `${INSPECT_PREFIX}/accounts/:token/revoke`,
    route((c) => {
      sandbox.revokeToken(token(c));
      return c.json({ revoked: true });
    }),
  );
  app.post(
    `${INSPECT_PREFIX}/accounts/:token/transactions`,
    route(async (c) => c.json(sandbox.importTransaction(token(c), await body(c)), 201)),
  );
  app.get(
    `${INSPECT_PREFIX}/faults`,
    route((c) => c.json(sandbox.faults())),
  );
  app.put(
    `${INSPECT_PREFIX}/faults`,
    route(async (c) => {
      const input = await body(c);
      const faults = (input.faults ?? input.spec ?? '') as string | FaultRule[];
      sandbox.setFaults(faults, {
        ...(input.seed !== undefined ? { seed: Number(input.seed) } : {}),
        ...(input.latencyMs !== undefined ? { latencyMs: Number(input.latencyMs) } : {}),
      });
      return c.json(sandbox.faults());
    }),
  );
  app.post(
    `${INSPECT_PREFIX}/reset-counters`,
    route(async (c) => {
      const input = await body(c);
      sandbox.resetCalls(typeof input.token === 'string' ? input.token : undefined);
      return c.json({ reset: true });
    }),
  );
}

export class UnknownAccountError extends Error {
  constructor(token: string) {
    super(`no sandbox account with token ${token}`);
  }
}
