// sevDesk failures as AppErrors, so the worker's taxonomy decides what happens (sevdesk-api.md §1.4):
// 401/403 → connection (the shop pauses); 429 → rate_limited (no attempt used); unreachable host → connection;
// 5xx/timeouts on reads → retryable; 400/409/422 → permanent; an unclear write → retryable, but only after a
// marker search may anything be written again. Every error carries its German and English sentence.
import {
  type LocalizedMessage,
  type NetworkFailure,
  messages,
  type SevdeskRejection,
  translateRejection,
} from '../../domain/transfer/messages.js';
import { AppError, type ErrorKind } from '../../lib/errors.js';

export class SevdeskError extends AppError {
  readonly localized: LocalizedMessage;
  constructor(
    kind: ErrorKind,
    localized: LocalizedMessage,
    opts: { retryAfterMs?: number; detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(kind, `sevdesk_${localized.code}`.replace(/^sevdesk_sevdesk_/, 'sevdesk_'), localized.en, {
      ...opts,
      detail: { ...opts.detail, de: localized.de, en: localized.en },
    });
    this.name = 'SevdeskError';
    this.localized = localized;
  }
}

/** 401/403: the token is no longer accepted. */
export class SevdeskAuthError extends SevdeskError {
  constructor(readonly status: number) {
    super('connection', messages.authInvalid(status), { detail: { status } });
  }
}

/** The request never reached sevDesk, or the answer never came. */
export class SevdeskNetworkError extends SevdeskError {
  constructor(
    readonly failure: NetworkFailure,
    readonly host: string,
    cause?: unknown,
  ) {
    // DNS/TCP/TLS/proxy failures are the host's network: postpone like a broken connection. Timeouts and
    // resets are transient: retry with backoff.
    const kind: ErrorKind =
      failure === 'timeout' || failure === 'reset' || failure === 'other' ? 'retryable' : 'connection';
    super(kind, messages.hostUnreachable(failure, host), { detail: { failure }, cause });
  }
  /** Did the request possibly reach sevDesk? Connection-phase failures (DNS, refused, TLS, proxy) did not. */
  get mayHaveArrived(): boolean {
    return this.failure === 'timeout' || this.failure === 'reset' || this.failure === 'other';
  }
}

export class SevdeskRateLimitedError extends SevdeskError {
  constructor(retryAfterMs: number) {
    super('rate_limited', messages.rateLimited(), { retryAfterMs });
  }
}

/** 5xx (after the read retries). */
export class SevdeskServerError extends SevdeskError {
  constructor(readonly status: number) {
    super('retryable', messages.sevdeskUnavailable(status), { detail: { status } });
  }
}

/** 400/409/422 or an error inside HTTP 200: permanent, with sevDesk's message translated. */
export class SevdeskRejectedError extends SevdeskError {
  constructor(readonly rejection: SevdeskRejection) {
    super('permanent', translateRejection(rejection), {
      detail: { status: rejection.status, sevdeskCode: rejection.code, sevdeskMessage: rejection.message },
    });
  }
}

/** 404 or error code 151: the object does not exist (the only proof of absence). */
export class SevdeskNotFoundError extends SevdeskError {
  constructor(readonly what: string) {
    super('permanent', {
      code: 'not_found',
      de: `In sevDesk nicht gefunden: ${what}`,
      en: `Not found in sevDesk: ${what}`,
    });
  }
}

/** A write whose outcome is unknown (5xx, timeout, reset after sending). Never retried blindly. */
export class SevdeskAmbiguousWriteError extends SevdeskError {
  constructor(
    readonly operation: string,
    cause?: unknown,
  ) {
    super('retryable', messages.ambiguousWrite(operation), { cause });
  }
}

export const isSevdeskError = (e: unknown): e is SevdeskError => e instanceof SevdeskError;
