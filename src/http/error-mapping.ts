import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, HTTP_STATUS_BY_KIND, isAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

// The one place where errors become HTTP responses. Internal details never leave the process.
export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; requestId?: string };
}

export function errorResponse(c: Context, err: unknown, logger: Logger): Response {
  const requestId = c.get('requestId') as string | undefined;
  if (isAppError(err)) {
    const status = HTTP_STATUS_BY_KIND[err.kind] as ContentfulStatusCode;
    if (status >= 500) logger.error({ err, requestId }, err.message);
    const body: ErrorBody = { error: { code: err.code, message: err.message, requestId } };
    if (err.issues.length > 0) body.error.issues = err.issues;
    if (err.kind === 'rate_limited' && err.retryAfterMs)
      c.header('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
    return c.json(body, status);
  }
  logger.error({ err, requestId }, 'unhandled error');
  const internal = new AppError(
    'internal',
    'internal_error',
    'Internal error. The request id helps the operator find it in the log.',
  );
  return c.json({ error: { code: internal.code, message: internal.message, requestId } } satisfies ErrorBody, 500);
}
