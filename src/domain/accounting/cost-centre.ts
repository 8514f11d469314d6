// The cost centre (sevDesk CostCentre) of a voucher: the header takes one, so the document's payment method decides
// first, then its product type (the type carrying most of the product revenue), then the shop's default.
import type { DocumentData, ProductType } from '../documents/document.js';
import type { CostCentreSettings } from './accounting-settings.js';

export interface ResolvedCostCentre {
  id: string;
  source: 'payment_method' | 'product_type' | 'default';
  settingPath: string;
}

/** The product type with the largest absolute product amount; ties go to goods, then service, then digital. */
export function dominantProductType(data: Pick<DocumentData, 'lines'>): ProductType | null {
  const totals = new Map<ProductType, number>();
  for (const line of data.lines) {
    if (line.kind !== 'product') continue;
    const type = line.productType ?? 'goods';
    totals.set(type, (totals.get(type) ?? 0) + Math.abs(line.net));
  }
  let best: ProductType | null = null;
  for (const type of ['goods', 'service', 'digital'] as const) {
    const amount = totals.get(type);
    if (amount === undefined) continue;
    if (best === null || amount > (totals.get(best) ?? 0)) best = type;
  }
  return best;
}

export function resolveCostCentre(
  data: Pick<DocumentData, 'lines' | 'paymentMethod'>,
  settings: CostCentreSettings,
): ResolvedCostCentre | null {
  const pm = data.paymentMethod?.trim();
  const byPm = pm ? settings.byPaymentMethod[pm] : undefined;
  if (pm && byPm) return { id: byPm, source: 'payment_method', settingPath: `costCentre.byPaymentMethod.${pm}` };
  const type = dominantProductType(data);
  const byType = type ? settings.byProductType[type] : undefined;
  if (type && byType) return { id: byType, source: 'product_type', settingPath: `costCentre.byProductType.${type}` };
  return settings.default ? { id: settings.default, source: 'default', settingPath: 'costCentre.default' } : null;
}
