// Document → saveVoucher body (sevdesk-api.md §4.2, §6): a revenue voucher (creditDebit D, status 100) with the
// tax rule of the document's tax case, positions planned so sevDesk's per-position rounding reproduces the VAT per
// rate, each on a validated revenue account. Everything that could make the voucher wrong is decided here, before
// any write: if a document cannot be mapped safely the answer is a reason, not a payload.
import type { RevenueAccounts } from '../../domain/accounting/accounting-settings.js';
import { type AccountSource, resolveLineAccount } from '../../domain/accounting/resolve-account.js';
import type { DocumentData, DocumentLine } from '../../domain/documents/document.js';
import { type PlannedPosition, planVoucherPositions } from '../../domain/documents/plan-voucher-positions.js';
import type { RateBp } from '../../domain/money/vat.js';
import { voucherDescription } from '../../domain/transfer/marker.js';
import { type LocalizedMessage, messages } from '../../domain/transfer/messages.js';
import type { ExpectedVoucher } from '../../domain/transfer/readback.js';
import { voucherTaxRule } from '../../domain/transfer/voucher-tax-rule.js';
import { chooseRevenueAccount, guidanceRefusal } from './revenue-accounts.js';
import type { GuidanceRow } from './sevdesk-api.js';
import { amountOut, dottedDate, rateOut } from './wire.js';

export type BookkeepingVersion = '1.0' | '2.0';

/** Bookkeeping 1.0 revenue accounting type ("Erlöse"), as 1.0-era integrations used it. */
export const LEGACY_REVENUE_ACCOUNTING_TYPE = '26';

export interface VoucherDocument {
  id: string;
  number: string;
  data: DocumentData;
  /** Number of the invoice a cancellation cancels. */
  cancelsNumber: string | null;
}

export interface PreparedPosition extends PlannedPosition {
  accountId: string;
  /** SKR number and name of the account (empty for bookkeeping 1.0 accounting types). */
  accountNumber: string;
  accountName: string;
  /** How the account was chosen for the lines of this position (product, product type, tax case, …). */
  accountSources: AccountSource[];
  comment: string;
}

export interface PreparedVoucher {
  ruleId: number;
  taxType: string;
  net: boolean;
  positions: PreparedPosition[];
  expected: ExpectedVoucher;
  description: string;
  /** ISO date of the voucher (invoice date unless the bookkeeper chose the order date). */
  voucherDate: string;
  costCentreId: string | null;
}

/** How the voucher reads, decided by the shop's settings (src/domain/accounting/voucher-text.ts). */
export interface VoucherPresentationInput {
  description?: string;
  voucherDate?: string;
  costCentreId?: string | null;
}

export type Preparation = { ok: true; voucher: PreparedVoucher } | { ok: false; reason: LocalizedMessage };

/** Lines that carry an amount; a free line (0/0/0) has nothing to book. */
function bookableLines(data: DocumentData): DocumentLine[] {
  return data.lines.filter((l) => l.net !== 0 || l.tax !== 0 || l.gross !== 0);
}

export function prepareVoucher(
  doc: VoucherDocument,
  ctx: {
    bookkeepingVersion: BookkeepingVersion;
    guidance: readonly GuidanceRow[];
    /** The bookkeeper's account choices; empty → sevDesk's usual account per rule and rate. */
    revenueAccounts?: Partial<RevenueAccounts>;
    presentation?: VoucherPresentationInput;
  },
): Preparation {
  const { data } = doc;
  if (data.attentionReasons.length > 0)
    return { ok: false, reason: messages.documentNeedsAttention(data.attentionReasons) };
  const rule = voucherTaxRule(data.taxCase);
  if (!rule.ok)
    return {
      ok: false,
      reason:
        rule.code === 'tax_case_missing' ? messages.taxCaseMissing() : messages.needsInvoicePath(String(rule.taxCase)),
    };
  const lines = bookableLines(data);
  if (lines.length === 0) return { ok: false, reason: messages.nothingToBook() };
  for (const line of lines) {
    if (!rule.allowedRatesBp.includes(line.rateBp))
      return { ok: false, reason: messages.rateNotAllowedForRule(line.rateBp, rule.ruleId) };
  }

  // Revenue account per line: the bookkeeper's choice (validated against ReceiptGuidance), else the usual account.
  // The plan groups positions by account as well as by rate and never mixes accounts within a position.
  const accounts = ctx.revenueAccounts ?? {};
  const chosen = new Map<string, { row: GuidanceRow | null; failure: LocalizedMessage | null }>();
  const lineAccounts: { id: string; number: string; name: string; source: AccountSource }[] = [];
  for (const line of lines) {
    if (ctx.bookkeepingVersion === '1.0') {
      lineAccounts.push({ id: LEGACY_REVENUE_ACCOUNTING_TYPE, number: '', name: '', source: 'automatic' });
      continue;
    }
    const resolved = resolveLineAccount(line, {
      ruleId: rule.ruleId,
      rateBp: line.rateBp,
      documentType: data.type,
      accounts,
    });
    const cacheKey = `${resolved.settingPath ?? '*auto'}|${resolved.accountNumber ?? ''}|${line.rateBp}`;
    let choice = chosen.get(cacheKey);
    if (!choice) {
      choice = accountFor(ctx.guidance, rule.ruleId, line.rateBp, resolved.accountNumber, resolved.settingPath);
      chosen.set(cacheKey, choice);
    }
    if (!choice.row)
      return { ok: false, reason: choice.failure ?? messages.revenueAccountMissing(rule.ruleId, line.rateBp) };
    lineAccounts.push({
      id: choice.row.accountDatevId,
      number: choice.row.accountNumber,
      name: choice.row.accountName,
      source: resolved.source,
    });
  }

  const plan = planVoucherPositions(lines, {
    accountKeyOf: (_line, index) => lineAccounts[index]?.id ?? '',
    currency: data.currency,
  });
  if (!plan.ok) {
    const e = plan.errors[0]!;
    return { ok: false, reason: messages.vatNotReproducible(e.rateBp, e.documentTax, e.derivedTax, data.currency) };
  }
  const positions: PreparedPosition[] = plan.positions.map((p) => {
    const first = lineAccounts[p.lineIndexes[0] ?? 0];
    return {
      ...p,
      accountId: p.accountKey,
      accountNumber: first?.number ?? '',
      accountName: first?.name ?? '',
      accountSources: [...new Set(p.lineIndexes.map((i) => lineAccounts[i]?.source ?? 'automatic'))],
      comment: positionComment(p.lineIndexes.map((i) => lines[i]!)),
    };
  });
  return {
    ok: true,
    voucher: {
      ruleId: rule.ruleId,
      taxType: rule.taxType,
      net: plan.net,
      positions,
      description:
        ctx.presentation?.description ??
        voucherDescription({ number: doc.number, documentId: doc.id, cancelsNumber: doc.cancelsNumber }),
      voucherDate: ctx.presentation?.voucherDate ?? data.issueDate,
      costCentreId: ctx.presentation?.costCentreId ?? null,
      expected: {
        gross: data.totals.gross,
        tax: data.totals.tax,
        byRate: data.totals.byRate,
        currency: data.currency,
        taxRuleId: ctx.bookkeepingVersion === '2.0' ? rule.ruleId : null,
        taxType: ctx.bookkeepingVersion === '1.0' ? rule.taxType : null,
      },
    },
  };
}

/** A configured account must be one sevDesk takes for the rule and rate; without a choice, the usual account. */
function accountFor(
  guidance: readonly GuidanceRow[],
  ruleId: number,
  rateBp: RateBp,
  accountNumber: string | null,
  settingPath: string | null = null,
): { row: GuidanceRow | null; failure: LocalizedMessage | null } {
  if (accountNumber === null) {
    const auto = chooseRevenueAccount(guidance, ruleId, rateBp, {});
    return auto.ok ? { row: auto.row, failure: null } : { row: null, failure: auto.error };
  }
  // Name the setting, so the operator knows which choice to change.
  const where = settingPath ? `; ${settingPath}` : '';
  const row = guidance.find((g) => g.accountNumber === accountNumber);
  if (!row)
    return {
      row: null,
      failure: messages.revenueAccountNotAllowed(
        accountNumber,
        ruleId,
        rateBp,
        `unknown in this sevDesk account${where}`,
      ),
    };
  const why = guidanceRefusal(row, ruleId, rateBp);
  return why
    ? { row: null, failure: messages.revenueAccountNotAllowed(accountNumber, ruleId, rateBp, `${why}${where}`) }
    : { row, failure: null };
}

function positionComment(lines: readonly DocumentLine[]): string {
  const names = [...new Set(lines.map((l) => l.name.trim()).filter(Boolean))];
  const text = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} (+${names.length - 3})`;
  return text.length > 250 ? `${text.slice(0, 249)}…` : text;
}

/** The saveVoucher body. Key order as the spec asks: voucher, voucherPosSave, voucherPosDelete, filename last. */
export function saveVoucherBody(
  prepared: PreparedVoucher,
  doc: VoucherDocument,
  opts: {
    bookkeepingVersion: BookkeepingVersion;
    contactId: string | null;
    supplierName: string;
    filename: string;
  },
): Record<string, unknown> {
  const { data } = doc;
  const currency = data.currency.toUpperCase();
  const voucher: Record<string, unknown> = {
    objectName: 'Voucher',
    mapAll: true,
    voucherDate: dottedDate(prepared.voucherDate),
    deliveryDate: dottedDate(data.deliveryDate || data.issueDate),
    supplier: opts.contactId ? { id: Number(opts.contactId), objectName: 'Contact' } : null,
    supplierName: opts.supplierName,
    description: prepared.description,
    status: 100,
    creditDebit: 'D',
    voucherType: 'VOU',
    currency,
  };
  if (prepared.costCentreId) voucher.costCentre = { id: Number(prepared.costCentreId), objectName: 'CostCentre' };
  if (opts.bookkeepingVersion === '2.0') voucher.taxRule = { id: String(prepared.ruleId), objectName: 'TaxRule' };
  else voucher.taxType = prepared.taxType;
  // A foreign currency needs the date of the exchange rate (sevdesk-api.md §4.2).
  if (currency !== 'EUR') voucher.propertyForeignCurrencyDeadline = dottedDate(data.issueDate);

  const voucherPosSave = prepared.positions.map((p) => {
    const pos: Record<string, unknown> = { objectName: 'VoucherPos', mapAll: true };
    if (opts.bookkeepingVersion === '2.0') pos.accountDatev = { id: Number(p.accountId), objectName: 'AccountDatev' };
    else pos.accountingType = { id: Number(p.accountId), objectName: 'AccountingType' };
    pos.taxRate = rateOut(p.rateBp);
    pos.net = prepared.net;
    if (prepared.net) pos.sumNet = amountOut(p.net, currency);
    else pos.sumGross = amountOut(p.gross, currency);
    pos.comment = p.comment;
    return pos;
  });
  return { voucher, voucherPosSave, voucherPosDelete: null, filename: opts.filename };
}
