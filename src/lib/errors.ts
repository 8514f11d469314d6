// The small error taxonomy of Belegfluss. Every thrown error that crosses a boundary is one of these;
// http/error-mapping.ts and the admin UI map them to status codes and messages in exactly one place.

export type ErrorKind =
  | 'validation' // bad input from a caller: 400, names the field
  | 'not_found' // 404
  | 'conflict' // 409: state does not allow the operation (e.g. finalized document)
  | 'unauthorized' // 401: caller not authenticated (our API, webhooks)
  | 'retryable' // transient failure of a dependency: retry with backoff
  | 'rate_limited' // dependency asked us to slow down: retry after `retryAfterMs`, no attempt consumed
  | 'permanent' // dependency refused for good (400/409/422 from sevDesk): a person must act
  | 'connection' // credentials or reachability of an external account are broken: pause, ask to reconnect
  | 'config' // invalid configuration: the program stops with exit code 2
  | 'internal'; // a bug

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly retryAfterMs: number | undefined;
  /** Extra structured detail safe to show to an operator (never secrets). */
  readonly detail: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    opts: { issues?: FieldIssue[]; retryAfterMs?: number; detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.issues = opts.issues ?? [];
    this.retryAfterMs = opts.retryAfterMs;
    this.detail = opts.detail;
  }
}

export const validationError = (message: string, issues: FieldIssue[] = []) =>
  new AppError('validation', 'invalid_input', message, { issues });
export const notFound = (what: string) => new AppError('not_found', 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError('conflict', code, message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const HTTP_STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  retryable: 503,
  rate_limited: 429,
  permanent: 422,
  connection: 502,
  config: 500,
  internal: 500,
};

/** Turn zod issues into our field issues ("lines.0.quantity: Expected number"). */
export function issuesFromZod(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}
