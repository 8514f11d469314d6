// Whether sevDesk would take the bookkeeper's account and cost-centre choices, judged from the connected account's
// own data (ReceiptGuidance forRevenue, the CostCentre list) before anything is sent (sevdesk-api.md §6.3): the
// account must exist, allow REVENUE, the tax rule and the rate; a missing field counts as "not allowed".
import type { RateBp } from '../money/vat.js';
import { formatRate, formatRateDe } from '../tax/rate-format.js';
import type { LocalizedMessage } from '../transfer/messages.js';
import { guidanceRateToBp, voucherTaxRule } from '../transfer/voucher-tax-rule.js';
import { type CostCentreSettings, type RevenueAccounts, TAX_CASE_KEYS } from './accounting-settings.js';
import { accountChoices } from './resolve-account.js';

/** The shape of a ReceiptGuidance row (src/integrations/sevdesk/sevdesk-api.ts GuidanceRow fits it). */
export interface GuidanceAccount {
  accountDatevId: string;
  accountNumber: string;
  accountName: string;
  receiptTypes: readonly string[];
  rules: readonly { id: number; taxRates: readonly string[] }[];
}

export interface CostCentreInfo {
  id: string;
  name: string;
  number: string | null;
}

export interface AccountingIssue {
  /** Settings path, e.g. "revenueAccounts.byProductType.service.1:19". */
  path: string;
  message: LocalizedMessage;
}

/** The rules Belegfluss books as vouchers and their rates (voucher-tax-rule.ts). */
const VOUCHER_RULES: ReadonlyMap<number, readonly RateBp[]> = new Map(
  (['domestic', 'small_business', 'eu_b2b_goods', 'export_goods', 'export_services'] as const).flatMap((c) => {
    const r = voucherTaxRule(c);
    return r.ok ? [[r.ruleId, r.allowedRatesBp] as const] : [];
  }),
);

/** The (rule, rate) pairs a tax-case key stands for; "*" stands for every tax case the shop can have. */
export function pairsOfKey(key: string, smallBusiness: boolean): { ruleId: number; rateBp: RateBp }[] | null {
  if (key === '*') {
    const keys = smallBusiness ? ['11'] : TAX_CASE_KEYS.filter((k) => k !== '11');
    return keys.flatMap((k) => pairsOfKey(k, smallBusiness) ?? []);
  }
  const [rulePart, ratePart] = key.split(':');
  const ruleId = Number(rulePart);
  const rates = VOUCHER_RULES.get(ruleId);
  if (!rates) return null;
  if (ratePart === undefined) return rates.map((rateBp) => ({ ruleId, rateBp }));
  const rateBp = Math.round(Number(ratePart) * 100);
  return rates.includes(rateBp) ? [{ ruleId, rateBp }] : null;
}

const rulesText = (row: GuidanceAccount, de: boolean) =>
  row.rules
    .map((r) => {
      const rates = r.taxRates.map(guidanceRateToBp).filter((x): x is RateBp => x !== null);
      return `${de ? 'Regel' : 'rule'} ${r.id}${rates.length ? ` ${de ? 'mit' : 'at'} ${rates.map(de ? formatRateDe : formatRate).join(', ')}` : ''}`;
    })
    .join('; ') || (de ? 'keine' : 'none');

/** Why sevDesk would refuse this account for (rule, rate); null when it takes it. */
export function refusal(row: GuidanceAccount, ruleId: number, rateBp: RateBp): 'receipt_type' | 'rule' | 'rate' | null {
  if (!row.receiptTypes.includes('REVENUE')) return 'receipt_type';
  const rule = row.rules.find((r) => r.id === ruleId);
  if (!rule) return 'rule';
  const rates = rule.taxRates.map(guidanceRateToBp);
  return rates.includes(rateBp) ? null : 'rate';
}

const accountLabel = (row: GuidanceAccount) => `${row.accountNumber} (${row.accountName})`;

export const accountingMessages = {
  unknownKey: (key: string): LocalizedMessage => ({
    code: 'tax_case_key_unknown',
    de: `„${key}“ ist kein Steuerfall des Beleg-Wegs. Erlaubt: ${TAX_CASE_KEYS.join(', ')} oder * für alle.`,
    en: `"${key}" is not a tax case of the voucher path. Allowed: ${TAX_CASE_KEYS.join(', ')} or * for all.`,
  }),
  accountUnknown: (accountNumber: string): LocalizedMessage => ({
    code: 'account_unknown',
    de: `Das Konto ${accountNumber} gibt es in diesem sevDesk-Konto nicht (laut sevDesk-ReceiptGuidance für Erlöse).`,
    en: `Account ${accountNumber} does not exist in this sevDesk account (per sevDesk's ReceiptGuidance for revenue).`,
  }),
  accountRefused: (
    row: GuidanceAccount,
    ruleId: number,
    rateBp: RateBp,
    why: 'receipt_type' | 'rule' | 'rate',
  ): LocalizedMessage => {
    const de =
      why === 'receipt_type'
        ? `Das Konto ${accountLabel(row)} ist kein Erlöskonto; sevDesk lehnt es für Erlösbelege ab.`
        : `sevDesk lehnt das Konto ${accountLabel(row)} für Steuerregel ${ruleId} mit ${formatRateDe(rateBp)} ab (ReceiptGuidance: ${why === 'rule' ? 'Regel nicht erlaubt' : 'Steuersatz nicht erlaubt'}; erlaubt sind ${rulesText(row, true)}).`;
    const en =
      why === 'receipt_type'
        ? `Account ${accountLabel(row)} is no revenue account; sevDesk refuses it on revenue vouchers.`
        : `sevDesk refuses account ${accountLabel(row)} for tax rule ${ruleId} at ${formatRate(rateBp)} (ReceiptGuidance: ${why === 'rule' ? 'rule not allowed' : 'rate not allowed'}; allowed are ${rulesText(row, false)}).`;
    return { code: 'account_refused', de, en };
  },
  costCentreUnknown: (id: string): LocalizedMessage => ({
    code: 'cost_centre_unknown',
    de: `Die Kostenstelle ${id} gibt es in diesem sevDesk-Konto nicht.`,
    en: `Cost centre ${id} does not exist in this sevDesk account.`,
  }),
};

/**
 * Every account choice that sevDesk would refuse, with the reason from the account's ReceiptGuidance. A key for
 * several tax cases ("1", "*") needs an account that takes all of them.
 */
export function checkAccountChoices(
  accounts: Partial<RevenueAccounts>,
  guidance: readonly GuidanceAccount[],
  opts: { smallBusiness: boolean },
): AccountingIssue[] {
  const issues: AccountingIssue[] = [];
  for (const choice of accountChoices(accounts)) {
    const pairs = pairsOfKey(choice.key, opts.smallBusiness);
    if (!pairs) {
      issues.push({ path: choice.path, message: accountingMessages.unknownKey(choice.key) });
      continue;
    }
    const row = guidance.find((g) => g.accountNumber === choice.accountNumber);
    if (!row) {
      issues.push({ path: choice.path, message: accountingMessages.accountUnknown(choice.accountNumber) });
      continue;
    }
    for (const { ruleId, rateBp } of pairs) {
      const why = refusal(row, ruleId, rateBp);
      if (why) {
        issues.push({ path: choice.path, message: accountingMessages.accountRefused(row, ruleId, rateBp, why) });
        break;
      }
    }
  }
  return issues;
}

export function checkCostCentres(settings: CostCentreSettings, known: readonly CostCentreInfo[]): AccountingIssue[] {
  const ids = new Set(known.map((c) => c.id));
  const issues: AccountingIssue[] = [];
  const check = (path: string, id: string | null | undefined) => {
    if (id && !ids.has(id)) issues.push({ path, message: accountingMessages.costCentreUnknown(id) });
  };
  check('costCentre.default', settings.default);
  for (const [pm, id] of Object.entries(settings.byPaymentMethod)) check(`costCentre.byPaymentMethod.${pm}`, id);
  for (const [type, id] of Object.entries(settings.byProductType)) check(`costCentre.byProductType.${type}`, id);
  return issues;
}

/** The accounts a select for (rule, rate) may offer: those sevDesk takes there. */
export function accountsFor(
  guidance: readonly GuidanceAccount[],
  key: string,
  smallBusiness: boolean,
): GuidanceAccount[] {
  const pairs = pairsOfKey(key, smallBusiness) ?? [];
  return guidance
    .filter((g) => pairs.length > 0 && pairs.every((p) => refusal(g, p.ruleId, p.rateBp) === null))
    .sort((a, b) => a.accountNumber.localeCompare(b.accountNumber));
}
