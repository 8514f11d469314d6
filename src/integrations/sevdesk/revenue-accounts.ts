// Which sevDesk revenue account (accountDatev) takes a position, validated against the account's
// ReceiptGuidance before anything is written (sevdesk-api.md §6.3): the account must allow REVENUE, the tax rule
// and the rate; a missing or empty field counts as "not allowed". accountDatev ids are tenant-specific.
import type { LocalizedMessage } from '../../domain/transfer/messages.js';
import { messages } from '../../domain/transfer/messages.js';
import { guidanceRateToBp } from '../../domain/transfer/voucher-tax-rule.js';
import type { RateBp } from '../../domain/money/vat.js';
import type { GuidanceRow } from './sevdesk-api.js';

export type AccountChoice = { ok: true; row: GuidanceRow } | { ok: false; error: LocalizedMessage };

/**
 * The usual booking accounts per (rule, rate) in SKR04 and SKR03 (sevdesk-api.md §6.3; confirm with the
 * accountant — the shop setting `revenueAccounts` overrides them). Generic accounts (4200/8200) that accept most
 * rules are the last resort, because a wrong rule then saves silently.
 */
const PREFERRED: Record<string, readonly string[]> = {
  '1:1900': ['4400', '8400'],
  '1:700': ['4300', '8300'],
  '1:0': ['4200', '8200'],
  '11:0': ['4185', '8195'],
  '3:0': ['4125', '8125'],
  '2:0': ['4120', '8120'],
  '17:0': ['4338', '8338', '4336', '8336'],
};

/** Why a guidance row does not take (rule, rate), or null when it does. */
export function guidanceRefusal(row: GuidanceRow, ruleId: number, rateBp: RateBp): string | null {
  if (!row.receiptTypes.includes('REVENUE')) return 'no revenue account';
  const rule = row.rules.find((r) => r.id === ruleId);
  if (!rule) return `tax rule ${ruleId} not allowed`;
  const rates = rule.taxRates.map(guidanceRateToBp).filter((r): r is RateBp => r !== null);
  if (!rates.includes(rateBp)) return `rate ${rateBp / 100} % not allowed`;
  return null;
}

const isReduction = (row: GuidanceRow) => /schmälerung|skont|minderung/i.test(row.accountName);

/**
 * Settings keys, most specific first: "<rule>:<rate %>" ("1:19"), "<rule>" ("1"), "*"; the value is the account
 * number (SKR) the merchant chose.
 */
export function configuredAccount(
  revenueAccounts: Readonly<Record<string, string>>,
  ruleId: number,
  rateBp: RateBp,
): string | null {
  return (
    revenueAccounts[`${ruleId}:${rateBp / 100}`] ?? revenueAccounts[String(ruleId)] ?? revenueAccounts['*'] ?? null
  );
}

export function chooseRevenueAccount(
  guidance: readonly GuidanceRow[],
  ruleId: number,
  rateBp: RateBp,
  revenueAccounts: Readonly<Record<string, string>> = {},
): AccountChoice {
  const configured = configuredAccount(revenueAccounts, ruleId, rateBp);
  if (configured) {
    const row = guidance.find((g) => g.accountNumber === configured);
    if (!row)
      return {
        ok: false,
        error: messages.revenueAccountNotAllowed(configured, ruleId, rateBp, 'unknown in this sevDesk account'),
      };
    const why = guidanceRefusal(row, ruleId, rateBp);
    if (why) return { ok: false, error: messages.revenueAccountNotAllowed(configured, ruleId, rateBp, why) };
    return { ok: true, row };
  }
  const candidates = guidance.filter((g) => guidanceRefusal(g, ruleId, rateBp) === null && !isReduction(g));
  for (const number of PREFERRED[`${ruleId}:${rateBp}`] ?? []) {
    const row = candidates.find((g) => g.accountNumber === number);
    if (row) return { ok: true, row };
  }
  // Most specific account first: fewest rules, then fewest rates for this rule, then lowest number.
  const ranked = [...candidates].sort((a, b) => {
    const rules = a.rules.length - b.rules.length;
    if (rules !== 0) return rules;
    const ra = a.rules.find((r) => r.id === ruleId)?.taxRates.length ?? 0;
    const rb = b.rules.find((r) => r.id === ruleId)?.taxRates.length ?? 0;
    return ra - rb || a.accountNumber.localeCompare(b.accountNumber);
  });
  const row = ranked[0];
  return row ? { ok: true, row } : { ok: false, error: messages.revenueAccountMissing(ruleId, rateBp) };
}
