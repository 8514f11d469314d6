// The life of one document's transfer to sevDesk. Every write step has a state that is persisted BEFORE the
// write is sent, so a crash or an ambiguous answer always leaves a record of what might already exist remotely.

export const TRANSFER_STATES = [
  /** Waiting for the worker. */
  'queued',
  /** The sevDesk contact exists (or the document is sent with supplierName only). */
  'contact_ready',
  /** The PDF is uploaded as a temp file; its name is in the checkpoint. */
  'file_uploaded',
  /** saveVoucher was sent; until the answer (or a marker search) says otherwise, the voucher may exist. */
  'voucher_requested',
  /** The voucher id is known and stored; the read-back comparison is pending. */
  'voucher_created',
  /** Voucher verified against the document (total and VAT per rate to the cent). Terminal. */
  'transferred',
  /** sevDesk refused for good, or the read-back disagrees: a person must act. */
  'failed',
  /** The document cannot be mapped safely (attention reasons, OSS, reverse-charge services, cents): never sent. */
  'needs_attention',
  /** Nothing is sent: interface inactive, not connected, or authentication no longer valid. */
  'paused',
] as const;

export type TransferState = (typeof TRANSFER_STATES)[number];

/** States from which the worker continues by itself. */
export const ACTIVE_STATES: readonly TransferState[] = [
  'queued',
  'contact_ready',
  'file_uploaded',
  'voucher_requested',
  'voucher_created',
];

/** States a person (or a reconnect/activation) can send back to the queue. */
export const REQUEUEABLE_STATES: readonly TransferState[] = ['failed', 'needs_attention', 'paused', 'transferred'];

const STOPS: readonly TransferState[] = ['failed', 'needs_attention', 'paused'];

/**
 * Allowed transitions. A transfer may be stopped from any active state; a stopped or finished one only goes back to
 * `queued`. `voucher_requested → file_uploaded` is the proven "not executed" path (429, or a marker search that
 * found nothing after an ambiguous answer); `transferred → queued` is a manual re-check of a voucher that may be gone.
 */
export const TRANSITIONS: Readonly<Record<TransferState, readonly TransferState[]>> = {
  queued: ['queued', 'contact_ready', 'voucher_created', ...STOPS],
  contact_ready: ['contact_ready', 'file_uploaded', 'voucher_created', 'queued', ...STOPS],
  file_uploaded: ['file_uploaded', 'voucher_requested', 'voucher_created', 'contact_ready', 'queued', ...STOPS],
  voucher_requested: ['voucher_requested', 'voucher_created', 'file_uploaded', 'contact_ready', 'queued', ...STOPS],
  voucher_created: ['transferred', 'voucher_created', 'queued', ...STOPS],
  transferred: ['queued', 'transferred'],
  failed: ['queued', 'failed', 'paused'],
  needs_attention: ['queued', 'needs_attention'],
  paused: ['queued', 'paused'],
};

export function canTransition(from: TransferState, to: TransferState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class TransitionError extends Error {
  constructor(
    readonly from: TransferState,
    readonly to: TransferState,
  ) {
    super(`transfer cannot go from ${from} to ${to}`);
    this.name = 'TransitionError';
  }
}

export function assertTransition(from: TransferState, to: TransferState): void {
  if (!canTransition(from, to)) throw new TransitionError(from, to);
}

export function isTransferState(value: string): value is TransferState {
  return (TRANSFER_STATES as readonly string[]).includes(value);
}

/** What the transfer has learned so far; persisted as JSON with the state. */
export interface TransferCheckpoint {
  contactId?: string | null;
  /** Temp file name from uploadTempFile, and the hash of the file it belongs to. */
  filename?: string;
  fileSha256?: string;
  /** When saveVoucher was last requested (ISO), for the log. */
  voucherRequestedAt?: string;
  /** The outcome of the last saveVoucher was ambiguous: search before any further create. */
  ambiguous?: boolean;
  /** Why the transfer stopped (pause reason, attention code). */
  reason?: string;
}
