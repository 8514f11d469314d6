import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './errors.js';

// The running job's cancellation, visible to everything the job calls without threading a signal through every
// use case. The worker aborts it when the job's lease is (about to be) lost: from then on another worker may run
// the same job, so this run must not send another write to sevDesk (src/integrations/sevdesk/sevdesk-http.ts
// checks before every request).

const scope = new AsyncLocalStorage<AbortSignal>();

export function runInJobScope<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return scope.run(signal, fn);
}

/** The lease of the job this code runs for was lost. Retryable: the job's next holder continues the work. */
export class LeaseLostError extends AppError {
  constructor(reason: unknown) {
    super(
      'retryable',
      'lease_lost',
      `The job stopped before its next sevDesk request: ${reason instanceof Error ? reason.message : String(reason)}.`,
    );
  }
}

/** The signal of the job this code runs for, if any. Read it before handing work to queues or timers. */
export function currentJobSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/** Throws LeaseLostError when the job behind `signal` was cancelled. */
export function throwIfJobCancelled(signal: AbortSignal | undefined = scope.getStore()): void {
  if (signal?.aborted) throw new LeaseLostError(signal.reason);
}
