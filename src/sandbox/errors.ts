// sevDesk's error body, as observed (sevdesk-api.md §1.3):
// {"error":{"exceptionUUID":"…","message":"…","errorCode":0,"code":151,"data":[],"responseCode":404},"objects":null}
import { randomUUID } from 'node:crypto';

export class SevdeskApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number | null = null,
    readonly data: unknown = [],
  ) {
    super(message);
    this.name = 'SevdeskApiError';
  }
}

export interface SevdeskErrorBody {
  error: {
    exceptionUUID: string;
    message: string;
    errorCode: number;
    code: number | null;
    data: unknown;
    responseCode: number;
  };
  objects: null;
}

export function errorBody(responseCode: number, message: string, code: number | null = null, data: unknown = []) {
  return {
    error: { exceptionUUID: randomUUID(), message, errorCode: 0, code, data, responseCode },
    objects: null,
  } satisfies SevdeskErrorBody;
}

export const notFound = (model: string, id: number | string): SevdeskApiError =>
  new SevdeskApiError(404, `No Model_${model} with the id ${id} was found`, 151);

export const badRequest = (message: string, code: number | null = null): SevdeskApiError =>
  new SevdeskApiError(400, message, code);

export const unprocessable = (message: string, code: number | null = null, data: unknown = []): SevdeskApiError =>
  new SevdeskApiError(422, message, code, data);

export const conflict = (message: string, code: number | null = 159): SevdeskApiError =>
  new SevdeskApiError(409, message, code);

/**
 * A simulated network failure. Thrown through the Hono app so that `app.fetch` rejects the way a real
 * `fetch` does ("fetch failed" with an ECONNRESET / ETIMEDOUT cause); the node listener destroys the socket instead.
 */
export class SandboxConnectionDrop extends TypeError {
  constructor(readonly reason: 'ECONNRESET' | 'ETIMEDOUT') {
    super('fetch failed', { cause: Object.assign(new Error(`sandbox fault: ${reason}`), { code: reason }) });
    this.name = 'TypeError';
  }
}
