import { bookingReasons } from '../../domain/booking/reasons.js';
import { conflict } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../shops/parse-input.js';
import { currencyMismatch, pausingOnAuth, personActionError } from './booking-runner.js';
import { manualInputSchema } from './booking-input.js';
import { type BookingView, getBookingView } from './get-booking.js';
import { openPersonBooking } from './person-booking.js';

// A person books the document by hand onto the shop's default account — an offline clearing account or cash
// register, where sevDesk creates the payment itself. An online default account needs a transaction (pick one):
// no payment is ever invented on a bank or PayPal account.

export async function bookManually(
  ctx: AppContext,
  shopId: string,
  documentId: string,
  input: unknown,
): Promise<BookingView> {
  const parsed = parseInput(manualInputSchema, input ?? {}, 'manual booking');
  const { shop, booking, runner } = await openPersonBooking(ctx, shopId, documentId);
  const defaultId = shop.settings.booking.defaultCheckAccountId;
  if (!defaultId)
    throw conflict('no_default_account', 'No default check account is set in the booking settings of this shop.');
  await pausingOnAuth(ctx, runner.connection, async () => {
    const account = await runner.usableAccount(defaultId);
    if (!account) {
      const reason = bookingReasons.unknownCheckAccount(defaultId);
      throw conflict(reason.code, reason.en);
    }
    if (account.type === 'online') {
      const reason = bookingReasons.onlineNeedsTransaction(account.name);
      throw conflict(reason.code, reason.en);
    }
    const resolved = await runner.subjectOf(booking, { byPerson: true });
    if (resolved.kind === 'local') throw conflict(resolved.reason.code, resolved.reason.en);
    const currency = currencyMismatch(account, resolved.subject.facts.currency);
    if (currency) throw conflict(currency.code, currency.en);
    const subject = parsed.date
      ? { ...resolved.subject, facts: { ...resolved.subject.facts, paidAt: parsed.date } }
      : resolved.subject;
    const change = parsed.date ? { ...resolved.change, paidAt: parsed.date } : resolved.change;
    const result = await runner.execute(subject, account, null, 'manual', change);
    if (result.kind !== 'done') throw personActionError(result);
  });
  return getBookingView(ctx, shopId, documentId);
}
