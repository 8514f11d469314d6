// Response shapes of sevDesk's API (sevdesk-api.md §1.2): everything in {"objects": …}; GET by id is a
// one-element list; creates and factory calls return a single object; lists take limit/offset/countAll.
import { errorBody } from './errors.js';

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const ok = (objects: unknown, status = 200): ApiResult => ({ status, body: { objects } });
export const created = (objects: unknown): ApiResult => ok(objects, 201);
export const one = (object: unknown): ApiResult => ok([object]);

/** sevDesk's default page is 100 objects; `limit` is capped at 1000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Applies limit/offset (and countAll → "total") to an already filtered list and renders the page. */
export function page<T>(query: URLSearchParams, items: readonly T[], render: (item: T) => unknown): ApiResult {
  const limit = Math.min(MAX_LIMIT, Math.max(1, intParam(query, 'limit') ?? DEFAULT_LIMIT));
  const offset = Math.max(0, intParam(query, 'offset') ?? 0);
  const objects = items.slice(offset, offset + limit).map(render);
  const body: Record<string, unknown> = { objects };
  if (boolParam(query, 'countAll') === true) body.total = items.length;
  return { status: 200, body };
}

/** An error that sevDesk returns inside HTTP 200 (e.g. cancelInvoice on a partly paid invoice → code 390). */
export function errorInOk(message: string, code: number, responseCode = 400): ApiResult {
  return { status: 200, body: errorBody(responseCode, message, code) };
}

export function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  return value === '1' || value.toLowerCase() === 'true';
}

export function textParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function embedSet(query: URLSearchParams): ReadonlySet<string> {
  const value = query.get('embed');
  return value ? new Set(value.split(',').map((s) => s.trim())) : EMPTY_SET;
}

const EMPTY_SET: ReadonlySet<string> = new Set();
