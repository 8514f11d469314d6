import type { BankTransaction } from '../../domain/booking/match.js';
import { SevdeskNotFoundError } from '../../integrations/sevdesk/sevdesk-errors.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../shops/parse-input.js';
import { currencyMismatch, pausingOnAuth, personActionError } from './booking-runner.js';
import { linkInputSchema } from './booking-input.js';
import { type BookingView, getBookingView } from './get-booking.js';
import { openPersonBooking } from './person-booking.js';

// A person picks the transaction that paid the document (one of the candidates, or any open transaction of an
// online account): the same strict checks as automatic matching apply before the write — open (status 100), not
// linked to another document, exactly the document's signed amount, voucher still open — and the write happens once.

export async function linkTransaction(
  ctx: AppContext,
  shopId: string,
  documentId: string,
  input: unknown,
): Promise<BookingView> {
  const { transactionId } = parseInput(linkInputSchema, input ?? {}, 'link request');
  const { booking, runner } = await openPersonBooking(ctx, shopId, documentId);
  await pausingOnAuth(ctx, runner.connection, async () => {
    const resolved = await runner.subjectOf(booking, { byPerson: true });
    if (resolved.kind === 'local') throw conflict(resolved.reason.code, resolved.reason.en);
    const { subject, change } = resolved;
    let transaction: BankTransaction;
    const readAt = ctx.now().getTime();
    try {
      transaction = await runner.bookingApi().transaction(transactionId, subject.facts.currency);
    } catch (e) {
      if (e instanceof SevdeskNotFoundError) throw notFound(`Transaction ${transactionId}`);
      throw e;
    }
    const account = transaction.checkAccountId ? await runner.usableAccount(transaction.checkAccountId) : null;
    if (!account)
      throw conflict('unknown_check_account', `Transaction ${transactionId} is not on an active check account.`);
    if (account.type !== 'online')
      throw conflict(
        'not_an_online_account',
        `Transaction ${transactionId} is on "${account.name}" (${account.type}); only transactions of online accounts are linked.`,
      );
    const currency = currencyMismatch(account, subject.facts.currency);
    if (currency) throw conflict(currency.code, currency.en);
    // Just read: execute checks it as read instead of reading it a second time.
    const result = await runner.execute(subject, account, transaction, 'link', change, { transactionReadAt: readAt });
    if (result.kind !== 'done') throw personActionError(result);
  });
  return getBookingView(ctx, shopId, documentId);
}
