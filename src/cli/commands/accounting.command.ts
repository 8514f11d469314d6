import type { Command } from 'commander';
import {
  type AccountingSettings,
  getAccountingSettings,
  updateAccountingSettings,
} from '../../app/accounting/accounting-settings.js';
import { availableAccounts } from '../../app/accounting/available-accounts.js';
import { type DryRunResult, dryRunTransfer } from '../../app/accounting/dry-run-transfer.js';
import type { AppContext } from '../../app/context.js';
import { formatMinor } from '../../domain/money/minor.js';
import { formatRate } from '../../domain/tax/rate-format.js';
import { validationError } from '../../lib/errors.js';
import { addConfigFlags } from '../config-flags.js';
import { readJsonOption, settingsFromAssignments, withAppContext } from './shop.command.js';

// `belegfluss accounting show|set|accounts <shopId>`: the bookkeeper's settings (revenue accounts per product,
// product type, tax case, shipping, fees and cancellations; cost centre; contacts; voucher date, description and
// remark; product types; dry-run mode) and the sevDesk accounts to choose from. `belegfluss sync --dry-run <doc…>`
// prints what a transfer would send (printDryRun below).

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Account numbers and cost-centre ids are text: `--set …=4400` must not turn them into numbers. */
function numbersAsText(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersAsText(v)]));
}

/** `--set` changes one key: merged into the current settings, every level; `null` removes the key. */
export function mergeAssignments(current: unknown, change: unknown): unknown {
  if (!isObject(current) || !isObject(change)) return change;
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(change)) {
    if (v === null) delete out[k];
    else out[k] = mergeAssignments(out[k], v);
  }
  return out;
}

function mapLines(label: string, map: Readonly<Record<string, string>> | undefined): string[] {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? [] : [`  ${label}: ${entries.map(([k, v]) => `${k} → ${v}`).join(', ')}`];
}

export function formatAccountingSettings(s: AccountingSettings): string {
  const lines: string[] = ['Revenue accounts (per product > product type > tax case > default "*"; SKR numbers):'];
  const levels = (prefix: string, l: AccountingSettings['revenueAccounts']['cancellations']) => {
    lines.push(...mapLines(`${prefix}per tax case`, l.byTaxCase));
    for (const [type, m] of Object.entries(l.byProductType)) lines.push(...mapLines(`${prefix}${type}`, m));
    for (const [product, m] of Object.entries(l.byProduct)) lines.push(...mapLines(`${prefix}product ${product}`, m));
    lines.push(...mapLines(`${prefix}shipping`, l.shipping));
    lines.push(...mapLines(`${prefix}fees`, l.fees));
  };
  levels('', s.revenueAccounts);
  levels('cancellations: ', s.revenueAccounts.cancellations);
  if (lines.length === 1) lines.push('  (none chosen: sevDesk’s usual account per tax rule and rate)');
  const cc = s.costCentre;
  lines.push(
    `Cost centre: default ${cc.default ?? '—'}` +
      `${Object.keys(cc.byPaymentMethod).length ? `; per payment method ${JSON.stringify(cc.byPaymentMethod)}` : ''}` +
      `${Object.keys(cc.byProductType).length ? `; per product type ${JSON.stringify(cc.byProductType)}` : ''}`,
  );
  lines.push(
    `Contacts: companies ${s.contacts.company}; guests ${s.contacts.guests}` +
      `${s.contacts.guests === 'collective' ? ` ("${s.contacts.collectiveName}")` : ''}`,
  );
  lines.push(
    `Voucher: date ${s.voucher.date}; description "${s.voucher.description.invoice}" / cancellations ` +
      `"${s.voucher.description.cancellation}" (+ marker [BF:…]); remark ${s.voucher.remark ? 'on' : 'off'}`,
  );
  lines.push(
    `Product types: default ${s.productTypes.default}` +
      `${Object.keys(s.productTypes.byCategory).length ? `; by category ${JSON.stringify(s.productTypes.byCategory)}` : ''}` +
      `${Object.keys(s.productTypes.byTaxClass).length ? `; by tax class ${JSON.stringify(s.productTypes.byTaxClass)}` : ''}`,
  );
  lines.push(`Dry-run mode: ${s.dryRun ? 'on (nothing is sent to sevDesk)' : 'off'}`);
  return lines.join('\n');
}

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;

export function formatDryRun(r: DryRunResult): string {
  const out: string[] = [];
  const status = r.ready ? 'would be sent now' : `not sent now: ${r.reason?.en ?? 'see above'}`;
  out.push(`${r.number ?? '(draft)'} (${r.documentId}) → sevDesk ${r.target}: ${status}`);
  if (r.shopDryRun) out.push('  The shop runs in dry-run mode: transfers stop before any write.');
  if (r.contact) {
    const c = r.contact;
    const what =
      c.action === 'none'
        ? 'none (the voucher carries only the customer name)'
        : c.action === 'reuse'
          ? `existing contact ${c.contactId} (${c.customerNumber}), unchanged`
          : c.action === 'update'
            ? `existing contact ${c.contactId} (${c.customerNumber}), updating ${c.changes.join(', ')}`
            : `look up ${c.customerNumber}, else create ${JSON.stringify(c.createBody)}`;
    out.push(`  Contact:   ${what}`);
    if (c.person)
      out.push(
        `  Person:    ${c.person.action === 'lookup_or_create' ? `look up ${c.person.customerNumber}, else create ${JSON.stringify(c.person.createBody)}` : `contact ${c.person.contactId} (${c.person.action})`}`,
      );
  }
  if (r.voucher) {
    const v = r.voucher;
    out.push(
      `  Voucher:   "${v.description}" · date ${v.voucherDate} (${v.voucherDateSource}) · tax rule ${v.taxRuleId}` +
        ` · ${v.net ? 'net' : 'gross'} · ${money(v.gross, v.currency)}, VAT ${money(v.tax, v.currency)}` +
        `${v.costCentre ? ` · cost centre ${v.costCentre.id}${v.costCentre.name ? ` ${v.costCentre.name}` : ''} (${v.costCentre.source})` : ''}`,
    );
    out.push('  Positions:');
    for (const p of r.positions)
      out.push(
        `    ${p.accountNumber || p.accountDatevId} ${p.accountName}`.padEnd(48) +
          ` ${formatRate(p.rateBp).padStart(6)} ${money(p.gross, v.currency).padStart(14)}` +
          `  lines ${p.linePositions.join(', ')} (${p.accountSources.join(', ')})`,
      );
    out.push(`  saveVoucher body: ${JSON.stringify(r.voucher.body)}`);
  }
  const b = r.booking;
  const bookingText =
    b.action === 'book'
      ? `book ${money(b.amount, b.currency)} dated ${b.date ?? '—'} on ${b.checkAccount?.name ?? b.checkAccount?.id}` +
        `${b.searchKey ? `, searching the transaction by "${b.searchKey}"` : ''}`
      : b.action === 'done'
        ? 'already booked'
        : (b.reason?.en ?? b.action);
  out.push(`  Booking:   ${bookingText}`);
  out.push(`  sevDesk calls of this dry run: ${r.calls.length} (reads of cached static data only; no writes)`);
  return out.join('\n');
}

/** `belegfluss sync --dry-run <doc…>`: print what each transfer would send; send nothing. */
export async function printDryRuns(ctx: AppContext, documentIds: string[], json: boolean): Promise<void> {
  const results = [];
  for (const id of documentIds) results.push(await dryRunTransfer(ctx, id));
  if (json) console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  else console.log(results.map(formatDryRun).join('\n\n'));
}

export function registerAccountingCommand(program: Command): void {
  const accounting = program
    .command('accounting')
    .description('accounting settings of a shop (revenue accounts, cost centre, contacts, voucher text, dry run)');

  addConfigFlags(accounting.command('show').description('show the accounting settings').argument('<shopId>'))
    .option('--json', 'print JSON')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        const settings = await getAccountingSettings(ctx, shopId);
        console.log(opts.json ? JSON.stringify(settings, null, 2) : formatAccountingSettings(settings));
      });
    });

  addConfigFlags(
    accounting
      .command('set')
      .description(
        'change settings: --set revenueAccounts.byProductType.service.1:19=4400 --set voucher.date=order_date, ' +
          'or --json \'{"costCentre":{"default":"1"}}\' (each section given replaces that section)',
      )
      .argument('<shopId>'),
  )
    .option('--set <key=value...>', 'one setting by its path (JSON values parsed; null removes a key)')
    .option('--json <json>', 'sections as JSON, or @file.json')
    .action(async (shopId: string, opts) => {
      if (opts.json === undefined && (opts.set ?? []).length === 0)
        throw validationError('Give --set key=value or --json', [{ path: 'set', message: 'required' }]);
      await withAppContext(opts, async (ctx) => {
        const change =
          opts.json !== undefined
            ? readJsonOption(opts.json, '--json')
            : (() => {
                const assignments = numbersAsText(settingsFromAssignments(opts.set ?? [])) as Record<string, unknown>;
                return getAccountingSettings(ctx, shopId).then((current) => {
                  const merged = mergeAssignments(current, assignments) as Record<string, unknown>;
                  // Only the sections named on the command line are sent (and so replaced).
                  return Object.fromEntries(Object.keys(assignments).map((k) => [k, merged[k]]));
                });
              })();
        const result = await updateAccountingSettings(ctx, shopId, await change);
        console.log(formatAccountingSettings(result.settings));
        if (!result.validation.checked && result.validation.note) console.error(result.validation.note.en);
      });
    });

  addConfigFlags(
    accounting
      .command('accounts')
      .description('the revenue accounts (SKR numbers, allowed tax rules and rates) and cost centres in sevDesk')
      .argument('<shopId>'),
  )
    .option('--json', 'print JSON')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        const a = await availableAccounts(ctx, shopId);
        if (opts.json) {
          console.log(JSON.stringify(a, null, 2));
          return;
        }
        if (a.note) console.error(a.note.en);
        if (!a.connected) return;
        console.log(`Revenue accounts (${a.chart ?? 'chart unknown'}, bookkeeping ${a.bookkeepingVersion ?? '?'}):`);
        for (const acc of a.revenueAccounts) {
          const rules = acc.rules.map((r) => `rule ${r.id}: ${r.rates.map((x) => `${x}%`).join('/')}`).join('; ');
          console.log(
            `  ${acc.accountNumber.padEnd(6)} ${acc.accountName.padEnd(60)} ${rules}` +
              `${acc.taxCases.length ? `  → tax cases ${acc.taxCases.join(', ')}` : ''}${acc.reduction ? '  (Erlösminderung)' : ''}`,
          );
        }
        console.log('Cost centres:');
        if (a.costCentres.length === 0) console.log('  (none)');
        for (const c of a.costCentres) console.log(`  ${c.id.padEnd(10)} ${c.number ?? ''} ${c.name}`);
      });
    });
}
