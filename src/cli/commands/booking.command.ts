import type { Command } from 'commander';
import { bookManually } from '../../app/booking/book-manually.js';
import type { BookingView } from '../../app/booking/get-booking.js';
import { getBookingView } from '../../app/booking/get-booking.js';
import { linkTransaction } from '../../app/booking/link-transaction.js';
import { listBookingViews } from '../../app/booking/list-bookings.js';
import { listPaymentMethods } from '../../app/booking/list-payment-methods.js';
import { seedBookingSweeps } from '../../app/booking/schedule-matching.js';
import type { AppContext } from '../../app/context.js';
import { bootstrap } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import type { CandidateView } from '../../db/repos/bookings.repo.js';
import { formatMinor } from '../../domain/money/minor.js';
import { createLogger } from '../../lib/logger.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';
import { formatTable } from './queue.command.js';

// `belegfluss booking status|list|link|manual|payment-methods|sweep`: a document's booking in sevDesk from a
// shell — see why it waits, pick one of the candidate transactions, or book it by hand onto the default account.

async function withContext<T>(opts: Record<string, unknown>, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config as string | undefined });
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const runtime = await bootstrap(config, { logger, migrate: false });
  try {
    return await fn(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

const money = (minor: number | null, currency: string | null) =>
  minor === null ? '' : `${formatMinor(minor, currency ?? 'EUR')} ${currency ?? ''}`.trim();

const oneLine = (s: string | null, max = 50) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function formatCandidates(candidates: readonly CandidateView[]): string {
  return formatTable(
    ['TRANSACTION', 'AMOUNT', 'VALUE DATE', 'PAYER', 'DIFFERS IN', 'PURPOSE'],
    candidates.map((c) => [
      c.transactionId,
      money(c.amount, c.currency),
      (c.valueDate ?? '').slice(0, 10),
      oneLine(c.payeePayerName, 24),
      c.mismatches.join(',') || '-',
      oneLine(c.paymtPurpose),
    ]),
  );
}

export function formatBookingView(view: BookingView, lang: 'de' | 'en' = 'en'): string {
  const lines = [
    `Document:       ${view.documentNumber ?? view.documentId} (${view.documentType}, ${view.documentId})`,
    `State:          ${view.state}${view.recorded ? '' : ' (not recorded yet)'}`,
  ];
  if (view.reason) lines.push(`Reason:         ${view.reason[lang]}`);
  lines.push(`Amount:         ${money(view.amount, view.currency)}${view.paidAt ? `, paid ${view.paidAt}` : ''}`);
  if (view.paymentMethod) lines.push(`Payment method: ${view.paymentMethod}`);
  if (view.checkAccount) {
    const { id, name, type } = view.checkAccount;
    lines.push(`Check account:  ${name ? `${name} (${id}, ${type ?? '?'})` : `${id} (${type ?? '?'})`}`);
  }
  if (view.searchKey) lines.push(`Search key:     ${view.searchKey}`);
  if (view.transactionId) lines.push(`Transaction:    ${view.transactionId}`);
  if (view.bookedAt)
    lines.push(`Booked:         ${view.bookedAt}${view.bookingDate ? ` (date ${view.bookingDate})` : ''}`);
  if (view.checks > 0) lines.push(`Checks:         ${view.checks}, last ${view.lastCheckedAt ?? '-'}`);
  if (view.nextCheckAt) lines.push(`Next check:     ${view.nextCheckAt}`);
  if (view.candidates.length > 0) lines.push('', 'Candidates:', formatCandidates(view.candidates));
  const actions = [
    view.actions.link ? 'belegfluss booking link <document> <transaction>' : null,
    view.actions.manual ? 'belegfluss booking manual <document>' : null,
  ].filter(Boolean);
  if (actions.length > 0) lines.push('', `Actions: ${actions.join('  |  ')}`);
  return lines.join('\n');
}

function print(view: unknown, json: boolean, text: () => string): void {
  console.log(json ? JSON.stringify(view, null, 2) : text());
}

export function registerBookingCommand(program: Command): void {
  const booking = program
    .command('booking')
    .description('booking of transferred documents in sevDesk: status, list, link, manual, payment-methods, sweep');

  addConfigFlags(booking.command('status').description('show a document’s booking, its reason and candidates'))
    .argument('<document>', 'document id')
    .requiredOption('--shop <id>', 'shop id')
    .option('--json', 'print JSON')
    .option('--lang <lang>', 'language of the reason: de or en', 'en')
    .action(async (document: string, opts) => {
      const view = await withContext(opts, (ctx) => getBookingView(ctx, opts.shop, document));
      print(view, Boolean(opts.json), () => formatBookingView(view, opts.lang === 'de' ? 'de' : 'en'));
    });

  addConfigFlags(booking.command('list').description('list the shop’s bookings, newest first'))
    .requiredOption('--shop <id>', 'shop id')
    .option('--state <states>', 'comma-separated states, e.g. waiting_for_payment,ambiguous')
    .option('--limit <n>', 'rows (1–500)', '50')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const result = await withContext(opts, (ctx) =>
        listBookingViews(ctx, opts.shop, {
          ...(opts.state
            ? {
                states: String(opts.state)
                  .split(',')
                  .map((s: string) => s.trim()),
              }
            : {}),
          limit: Number(opts.limit),
        }),
      );
      print(result, Boolean(opts.json), () =>
        result.items.length === 0
          ? 'No bookings.'
          : formatTable(
              ['DOCUMENT', 'STATE', 'AMOUNT', 'ACCOUNT', 'TRANSACTION', 'REASON'],
              result.items.map((b) => [
                b.documentId,
                b.state,
                money(b.amount, b.currency),
                b.checkAccount?.name ?? b.checkAccount?.id ?? '-',
                b.transactionId ?? '-',
                oneLine(b.reason?.en ?? '', 70),
              ]),
            ),
      );
    });

  addConfigFlags(booking.command('link').description('book a document with the transaction a person picked'))
    .argument('<document>', 'document id')
    .argument('<transaction>', 'sevDesk transaction id (one of the candidates)')
    .requiredOption('--shop <id>', 'shop id')
    .option('--json', 'print JSON')
    .action(async (document: string, transaction: string, opts) => {
      const view = await withContext(opts, (ctx) =>
        linkTransaction(ctx, opts.shop, document, { transactionId: transaction }),
      );
      print(view, Boolean(opts.json), () => formatBookingView(view));
    });

  addConfigFlags(booking.command('manual').description('book a document by hand onto the default (offline) account'))
    .argument('<document>', 'document id')
    .requiredOption('--shop <id>', 'shop id')
    .option('--date <date>', 'booking date YYYY-MM-DD (default: the paid date, else today)')
    .option('--json', 'print JSON')
    .action(async (document: string, opts) => {
      const view = await withContext(opts, (ctx) =>
        bookManually(ctx, opts.shop, document, opts.date ? { date: opts.date } : {}),
      );
      print(view, Boolean(opts.json), () => formatBookingView(view));
    });

  addConfigFlags(
    booking.command('payment-methods').description('payment methods seen in the shop’s documents, with their account'),
  )
    .requiredOption('--shop <id>', 'shop id')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const rows = await withContext(opts, (ctx) => listPaymentMethods(ctx, opts.shop));
      print(rows, Boolean(opts.json), () =>
        rows.length === 0
          ? 'No documents yet.'
          : formatTable(
              ['ID', 'TITLE', 'DOCUMENTS', 'CHECK ACCOUNT'],
              rows.map((r) => [r.id ?? '-', r.title ?? '-', String(r.documents), r.checkAccountId ?? '(default)']),
            ),
      );
    });

  addConfigFlags(
    booking.command('sweep').description('start the periodic match job of every shop with booking enabled (or one)'),
  )
    .option('--shop <id>', 'only this shop')
    .action(async (opts) => {
      const shops = await withContext(opts, (ctx) => seedBookingSweeps(ctx, opts.shop ? [opts.shop] : undefined));
      console.log(
        shops.length === 0 ? 'No shop with booking enabled.' : `Match runs requested for ${shops.join(', ')}.`,
      );
    });

  for (const cmd of booking.commands) cmd.exitOverride();
}
