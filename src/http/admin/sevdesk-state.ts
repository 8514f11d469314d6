// How the admin UI shows a document's sevDesk state: the transfer state machine (src/domain/transfer) plus the
// booking state, folded into the handful of states the operator cares about. Pure; used by rows and detail.

export const DISPLAY_STATES = [
  'not_transferred',
  'queued',
  'in_progress',
  'transferred',
  'booked',
  'linked',
  'waiting_for_payment',
  'failed',
  'needs_attention',
  'paused',
] as const;
export type DisplayState = (typeof DISPLAY_STATES)[number];

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger';

export interface SevdeskDisplay {
  state: DisplayState;
  tone: Tone;
  /** The row should re-poll: the worker is still on it. */
  polling: boolean;
  /** The operator can (re)start a transfer from here. */
  canTransfer: boolean;
  /** The state comes from the booking of the transferred voucher (its reason is the booking's). */
  fromBooking?: boolean;
}

const IN_PROGRESS = new Set(['contact_ready', 'file_uploaded', 'voucher_requested', 'voucher_created']);

// Booking states (src/domain/booking/booking-state.ts) of a transferred voucher, mirrored on the transfer row.
const BOOKING: Record<string, DisplayState> = {
  booked: 'booked',
  manual: 'booked',
  linked: 'linked',
  waiting_for_payment: 'waiting_for_payment',
  // Several transactions fit, or sevDesk refused the booking: a person decides.
  ambiguous: 'needs_attention',
  failed: 'needs_attention',
};

export function sevdeskDisplay(transferState: string | null | undefined, bookingState?: string | null): SevdeskDisplay {
  const s = transferState ?? 'not_transferred';
  if (s === 'not_transferred') return { state: 'not_transferred', tone: 'neutral', polling: false, canTransfer: true };
  if (s === 'queued') return { state: 'queued', tone: 'info', polling: true, canTransfer: false };
  if (IN_PROGRESS.has(s)) return { state: 'in_progress', tone: 'info', polling: true, canTransfer: false };
  if (s === 'transferred' || s === 'verified') {
    const booked = bookingState ? BOOKING[bookingState] : undefined;
    if (booked === 'waiting_for_payment' || booked === 'needs_attention')
      return { state: booked, tone: 'warn', polling: false, canTransfer: true, fromBooking: true };
    return { state: booked ?? 'transferred', tone: 'ok', polling: false, canTransfer: true };
  }
  if (s === 'needs_attention') return { state: 'needs_attention', tone: 'warn', polling: false, canTransfer: true };
  if (s === 'paused') return { state: 'paused', tone: 'warn', polling: false, canTransfer: true };
  if (s === 'failed') return { state: 'failed', tone: 'danger', polling: false, canTransfer: true };
  // A state this version does not know yet: show it as running and keep looking.
  return { state: 'in_progress', tone: 'info', polling: true, canTransfer: false };
}

/** The states the list can be filtered by, with the transfers.state value they select. */
export const FILTERABLE_TRANSFER_STATES = [
  'not_transferred',
  'queued',
  'transferred',
  'failed',
  'needs_attention',
  'paused',
] as const;

/** Terminal for a bulk action's progress: the worker will not touch it again by itself. */
export function isSettled(transferState: string | null | undefined): boolean {
  return !sevdeskDisplay(transferState).polling;
}

/**
 * Error texts may be stored as a localized JSON object ({"code","de","en"}) or as plain text; pick the user's
 * language when there is a choice.
 */
export function localizedText(text: string | null | undefined, locale: 'de' | 'en'): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const value = parsed[locale] ?? parsed.de ?? parsed.en ?? parsed.message;
      if (typeof value === 'string') return value;
    } catch {
      // plain text after all
    }
  }
  return text;
}
