// Which revenue account the bookkeeper chose for one document line. Most specific first: the product (SKU, then
// product id), its product type (shipping and fee lines: the shipping and fee accounts), the tax case, the default
// ("*"). A cancellation looks in the Erlösminderung accounts first and, where they say nothing, books like its
// invoice. Nothing chosen → null: the transfer picks sevDesk's usual account for the rule and rate.
import type { DocumentLine, DocumentType } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';
import type { AccountLevels, AccountMap, RevenueAccounts } from './accounting-settings.js';

export type AccountSource = 'product' | 'product_type' | 'shipping' | 'fees' | 'tax_case' | 'default' | 'automatic';

export interface ResolvedAccount {
  /** SKR number chosen in the settings; null = automatic. */
  accountNumber: string | null;
  source: AccountSource;
  /** Where in the settings the choice was made ("revenueAccounts.byProductType.service.1:19"), null for automatic. */
  settingPath: string | null;
  /** True when an Erlösminderung (cancellation) account was used. */
  cancellation: boolean;
}

export type AccountLine = Pick<DocumentLine, 'kind' | 'sku' | 'productId' | 'productType'>;

/** 1900 → "19", 700 → "7", 550 → "5.5". */
export function rateKey(rateBp: RateBp): string {
  return String(rateBp / 100);
}

/** The keys of an account map that apply to (rule, rate), most specific first. */
export function taxCaseKeysFor(ruleId: number, rateBp: RateBp): string[] {
  return [`${ruleId}:${rateKey(rateBp)}`, String(ruleId)];
}

function lookup(map: AccountMap | undefined, keys: readonly string[]): { key: string; account: string } | null {
  if (!map) return null;
  for (const key of keys) {
    const account = map[key];
    if (account) return { key, account };
  }
  return null;
}

function resolveIn(
  levels: Partial<AccountLevels>,
  base: string,
  line: AccountLine,
  keys: readonly string[],
  cancellation: boolean,
): ResolvedAccount | null {
  const hit = (source: AccountSource, path: string, map: AccountMap | undefined, k = keys) => {
    const found = lookup(map, k);
    return found
      ? { accountNumber: found.account, source, settingPath: `${base}.${path}.${found.key}`, cancellation }
      : null;
  };
  const anyCase = [...keys, '*'];
  if (line.kind === 'product') {
    for (const id of [line.sku, line.productId]) {
      const key = id?.trim();
      if (!key) continue;
      const found = hit('product', `byProduct.${key}`, levels.byProduct?.[key], anyCase);
      if (found) return found;
    }
    const type = line.productType ?? 'goods';
    const byType = hit('product_type', `byProductType.${type}`, levels.byProductType?.[type], anyCase);
    if (byType) return byType;
  }
  if (line.kind === 'shipping') {
    const found = hit('shipping', 'shipping', levels.shipping, anyCase);
    if (found) return found;
  }
  if (line.kind === 'fee') {
    const found = hit('fees', 'fees', levels.fees, anyCase);
    if (found) return found;
  }
  return hit('tax_case', 'byTaxCase', levels.byTaxCase) ?? hit('default', 'byTaxCase', levels.byTaxCase, ['*']);
}

export function resolveLineAccount(
  line: AccountLine,
  input: { ruleId: number; rateBp: RateBp; documentType: DocumentType; accounts: Partial<RevenueAccounts> },
): ResolvedAccount {
  const keys = taxCaseKeysFor(input.ruleId, input.rateBp);
  const base = 'revenueAccounts';
  if (input.documentType === 'cancellation' && input.accounts.cancellations) {
    const own = resolveIn(input.accounts.cancellations, `${base}.cancellations`, line, keys, true);
    if (own) return own;
  }
  return (
    resolveIn(input.accounts, base, line, keys, false) ?? {
      accountNumber: null,
      source: 'automatic',
      settingPath: null,
      cancellation: false,
    }
  );
}

/** Every account choice in the settings with its path and tax-case key, for validation and display. */
export function accountChoices(
  accounts: Partial<RevenueAccounts>,
): { path: string; key: string; accountNumber: string }[] {
  const out: { path: string; key: string; accountNumber: string }[] = [];
  const map = (path: string, m: AccountMap | undefined) => {
    for (const [key, accountNumber] of Object.entries(m ?? {}))
      out.push({ path: `${path}.${key}`, key, accountNumber });
  };
  const levels = (base: string, l: Partial<AccountLevels>) => {
    map(`${base}.byTaxCase`, l.byTaxCase);
    for (const [type, m] of Object.entries(l.byProductType ?? {})) map(`${base}.byProductType.${type}`, m);
    for (const [product, m] of Object.entries(l.byProduct ?? {})) map(`${base}.byProduct.${product}`, m);
    map(`${base}.shipping`, l.shipping);
    map(`${base}.fees`, l.fees);
  };
  levels('revenueAccounts', accounts);
  if (accounts.cancellations) levels('revenueAccounts.cancellations', accounts.cancellations);
  return out;
}
