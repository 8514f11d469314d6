// Mounts sevDesk routes under /api/v1 and runs every request through the same pipeline:
// latency → auth → fault before the effect → spec validation → handler → fault after the effect → body.
import type { Context, Hono } from 'hono';
import { errorBody, SandboxConnectionDrop, SevdeskApiError, badRequest } from './errors.js';
import type { FaultEngine, FaultRule } from './faults.js';
import { parseFormBody } from './form-body.js';
import type { ApiResult } from './respond.js';
import type { RouteValidator, SpecIndex } from './spec-validation.js';
import type { AccountState, SandboxStore } from './state.js';

export const API_PREFIX = '/api/v1';

/** Per-account call counters by route template ("POST /Voucher/Factory/saveVoucher"). */
export class CallCounter {
  private readonly byToken = new Map<string, Map<string, number>>();

  count(token: string, routeKey: string): void {
    let routes = this.byToken.get(token);
    if (!routes) {
      routes = new Map();
      this.byToken.set(token, routes);
    }
    routes.set(routeKey, (routes.get(routeKey) ?? 0) + 1);
  }

  get(token: string): { total: number; routes: Record<string, number> } {
    const routes = [...(this.byToken.get(token) ?? new Map<string, number>()).entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    );
    return { total: routes.reduce((sum, [, n]) => sum + n, 0), routes: Object.fromEntries(routes) };
  }

  reset(token?: string): void {
    if (token === undefined) this.byToken.clear();
    else this.byToken.delete(token);
  }
}

export interface SandboxRuntime {
  store: SandboxStore;
  spec: SpecIndex;
  faults: FaultEngine;
  calls: CallCounter;
  latencyMs: number;
  /** Current time in epoch seconds. */
  now(): number;
  /** Cancellable sleep; rejects when the sandbox closes. */
  sleep(ms: number): Promise<void>;
}

export interface ApiRequest {
  account: AccountState;
  store: SandboxStore;
  params: Record<string, number>;
  query: URLSearchParams;
  /** The validated (and coerced) JSON or form body; {} when there is none. */
  body: Record<string, unknown>;
  /** The multipart form of upload routes. */
  form: FormData | null;
  headers: Headers;
  now: number;
}

export type ApiHandler = (req: ApiRequest) => ApiResult | Promise<ApiResult>;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export class ApiRouter {
  constructor(
    private readonly app: Hono,
    private readonly rt: SandboxRuntime,
  ) {}

  get(template: string, handler: ApiHandler): void {
    this.add('GET', template, handler);
  }
  post(template: string, handler: ApiHandler): void {
    this.add('POST', template, handler);
  }
  put(template: string, handler: ApiHandler): void {
    this.add('PUT', template, handler);
  }
  delete(template: string, handler: ApiHandler): void {
    this.add('DELETE', template, handler);
  }

  private add(method: Method, template: string, handler: ApiHandler): void {
    const validator = this.rt.spec.route(method, template);
    const routeKey = `${method} ${template}`;
    const honoPath = API_PREFIX + template.replace(/\{(\w+)\}/g, ':$1');
    const rt = this.rt;
    this.app.on(method, honoPath, async (c) => {
      const token = c.req.header('authorization')?.trim();
      const account = rt.store.account(token);
      if (account) rt.calls.count(account.token, routeKey);
      const plan = rt.faults.plan(method, template, validator.operationId, routeKey, account?.token ?? '');
      const latency = rt.latencyMs + plan.latencyMs;
      if (latency > 0) await rt.sleep(latency);
      if (!account || account.revoked) return authenticationRequired();
      if (plan.before) {
        const response = await this.strike(plan.before, account);
        if (response) return response;
      }
      let result: ApiResult;
      try {
        const req = await readRequest(c, validator, account, rt);
        result = await handler(req);
      } catch (error) {
        if (!(error instanceof SevdeskApiError)) throw error;
        result = { status: error.status, body: errorBody(error.status, error.message, error.code, error.data) };
      }
      if (method !== 'GET') rt.store.markChanged();
      if (plan.after) {
        const response = await this.strike(plan.after, account);
        if (response) return response;
      }
      return render(result, plan.slowBodyMs, rt);
    });
  }

  /** Executes a failure rule. Returns the response to send, or throws to drop the connection. */
  private async strike(rule: FaultRule, account: AccountState): Promise<Response | null> {
    switch (rule.kind) {
      case 'status': {
        const status = rule.status ?? 500;
        const headers: Record<string, string> = { ...JSON_HEADERS };
        if (status === 429) headers['retry-after'] = String(rule.retryAfter ?? 1);
        return new Response(JSON.stringify(errorBody(status, STATUS_MESSAGES[status] ?? 'Server error')), {
          status,
          headers,
        });
      }
      case 'timeout':
        await this.rt.sleep(rule.ms ?? 30_000);
        throw new SandboxConnectionDrop('ETIMEDOUT');
      case 'reset':
        throw new SandboxConnectionDrop('ECONNRESET');
      case 'revoke':
        account.revoked = true;
        this.rt.store.markChanged();
        return authenticationRequired();
      default:
        return null;
    }
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function authenticationRequired(): Response {
  return new Response(JSON.stringify(errorBody(401, 'Authentication required')), {
    status: 401,
    headers: JSON_HEADERS,
  });
}

async function readRequest(
  c: Context,
  validator: RouteValidator,
  account: AccountState,
  rt: SandboxRuntime,
): Promise<ApiRequest> {
  const url = new URL(c.req.url);
  const query = url.searchParams;
  validator.query(query);
  const params = validator.pathParams(c.req.param() as Record<string, string>);
  let body: Record<string, unknown> = {};
  let form: FormData | null = null;
  const contentType = c.req.header('content-type') ?? '';
  if (validator.bodyKind === 'multipart') {
    if (contentType.startsWith('multipart/form-data')) {
      try {
        form = await c.req.raw.formData();
      } catch {
        throw badRequest('Bad request: malformed multipart body');
      }
    }
  } else if (validator.bodyKind === 'json') {
    body = await readBody(c, contentType);
    validator.body(body);
  }
  return { account, store: rt.store, params, query, body, form, headers: c.req.raw.headers, now: rt.now() };
}

async function readBody(c: Context, contentType: string): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (contentType.startsWith('application/x-www-form-urlencoded')) return parseFormBody(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Bad request: the body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badRequest('Bad request: the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function render(result: ApiResult, slowBodyMs: number, rt: SandboxRuntime): Response {
  const headers = result.headers ? { ...JSON_HEADERS, ...result.headers } : JSON_HEADERS;
  const text = JSON.stringify(result.body);
  if (slowBodyMs <= 0) return new Response(text, { status: result.status, headers });
  return new Response(trickle(new TextEncoder().encode(text), slowBodyMs, rt), { status: result.status, headers });
}

/** A body delivered in ten slices spread over `durationMs`. */
function trickle(bytes: Uint8Array, durationMs: number, rt: SandboxRuntime): ReadableStream<Uint8Array> {
  const slices = 10;
  const size = Math.max(1, Math.ceil(bytes.length / slices));
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close();
      if (offset > 0) await rt.sleep(durationMs / slices);
      controller.enqueue(bytes.subarray(offset, offset + size));
      offset += size;
    },
  });
}
