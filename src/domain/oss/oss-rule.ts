// Which One-Stop-Shop tax rule a document takes on sevDesk's invoice path (sevdesk-api.md §6.4): 18 for goods,
// 19 for electronic services (productType digital), 20 for other services. The rule is a header field, so a
// document mixing them cannot be one invoice. Shipping, fees and discounts follow the products they belong to.
import type { DocumentLine, ProductType } from '../documents/document.js';

export type OssSupply = 'goods' | 'electronic_services' | 'other_services';

export const OSS_RULE_IDS: Readonly<Record<OssSupply, number>> = {
  goods: 18,
  electronic_services: 19,
  other_services: 20,
};

export const OSS_SUPPLY_BY_RULE: Readonly<Record<number, OssSupply>> = {
  18: 'goods',
  19: 'electronic_services',
  20: 'other_services',
};

export function isOssRuleId(ruleId: number | null | undefined): boolean {
  return ruleId === 18 || ruleId === 19 || ruleId === 20;
}

/** A product line's supply; a missing product type counts as goods (as the tax case does). */
export function ossSupplyOf(productType: ProductType | null | undefined): OssSupply {
  if (productType === 'digital') return 'electronic_services';
  if (productType === 'service') return 'other_services';
  return 'goods';
}

export type OssRule = { ok: true; ruleId: number; supply: OssSupply } | { ok: false; supplies: OssSupply[] };

/** The one rule of a document's lines, or the supplies it mixes. Without product lines: goods (shipping only). */
export function ossRuleOf(lines: readonly DocumentLine[]): OssRule {
  const supplies = [...new Set(lines.filter((l) => l.kind === 'product').map((l) => ossSupplyOf(l.productType)))];
  if (supplies.length > 1) return { ok: false, supplies: sortSupplies(supplies) };
  const supply = supplies[0] ?? 'goods';
  return { ok: true, ruleId: OSS_RULE_IDS[supply], supply };
}

const ORDER: readonly OssSupply[] = ['goods', 'electronic_services', 'other_services'];
const sortSupplies = (supplies: OssSupply[]) => [...supplies].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));

export const SUPPLY_NAMES: Readonly<Record<OssSupply, readonly [de: string, en: string]>> = {
  goods: ['Waren (Regel 18)', 'goods (rule 18)'],
  electronic_services: ['elektronische Dienstleistungen (Regel 19)', 'electronic services (rule 19)'],
  other_services: ['sonstige Dienstleistungen (Regel 20)', 'other services (rule 20)'],
};
