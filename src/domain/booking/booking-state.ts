// The booking of one transferred document in sevDesk ("Beleg buchen", optionally linked with the bank or PayPal
// transaction that paid it). States are what an operator sees; every state carries a reason that says why.

export const BOOKING_STATES = [
  /** Created and due: the next job run decides. */
  'pending',
  /** Not paid yet in the shop, or the payment has not shown up in the account yet; re-matched on a schedule. */
  'waiting_for_payment',
  /** Several transactions fit; nothing is booked until a person picks one. */
  'ambiguous',
  /** bookAmount was sent; until the voucher is re-read, the booking may exist. Reconciled before anything else. */
  'booking',
  /** Booked without a transaction (offline clearing account or cash register), or found already paid in sevDesk. */
  'booked',
  /** Booked with the matching transaction of an online account (bank, PayPal, file import). */
  'linked',
  /** Booked by a person onto the default account. */
  'manual',
  /** Nothing to book by the shop's settings or the document (booking off, no account, linking off, zero amount…). */
  'not_applicable',
  /** sevDesk refused, or the voucher is in a state that needs a person (partly paid, draft, amount differs). */
  'failed',
] as const;

export type BookingState = (typeof BOOKING_STATES)[number];

export function isBookingState(value: string): value is BookingState {
  return (BOOKING_STATES as readonly string[]).includes(value);
}

/** Done: the voucher is paid in sevDesk. */
export const FINAL_STATES: readonly BookingState[] = ['booked', 'linked', 'manual'];

/** States the match job looks at again when they are due. */
export const OPEN_STATES: readonly BookingState[] = ['pending', 'waiting_for_payment', 'ambiguous', 'booking'];

/** States a person may resolve by picking a transaction or booking manually. */
export const PERSON_ACTIONABLE_STATES: readonly BookingState[] = [
  'pending',
  'waiting_for_payment',
  'ambiguous',
  'not_applicable',
  'failed',
];

export type CheckAccountType = 'online' | 'offline' | 'register';

export function isCheckAccountType(value: string | null | undefined): value is CheckAccountType {
  return value === 'online' || value === 'offline' || value === 'register';
}

/** Who asked for the booking that was (or is being) written. */
export type BookingOrigin = 'auto' | 'link' | 'manual';
