import { describe, expect, it } from 'vitest';
import type { DocumentLine } from '../documents/document.js';
import { costCentreSettingsSchema } from './accounting-settings.js';
import { dominantProductType, resolveCostCentre } from './cost-centre.js';

const line = (net: number, productType: DocumentLine['productType'], kind: DocumentLine['kind'] = 'product') =>
  ({ kind, productType, net }) as DocumentLine;

describe('resolveCostCentre', () => {
  const settings = costCentreSettingsSchema.parse({
    default: '10',
    byPaymentMethod: { paypal: '20' },
    byProductType: { service: '30' },
  });

  it('payment method first, then the dominant product type, then the default', () => {
    const services = [line(5000, 'service'), line(1000, 'goods'), line(9000, null, 'shipping')];
    expect(resolveCostCentre({ lines: services, paymentMethod: 'paypal' }, settings)).toEqual({
      id: '20',
      source: 'payment_method',
      settingPath: 'costCentre.byPaymentMethod.paypal',
    });
    expect(resolveCostCentre({ lines: services, paymentMethod: 'bacs' }, settings)?.id).toBe('30');
    expect(resolveCostCentre({ lines: [line(100, 'goods')], paymentMethod: null }, settings)?.source).toBe('default');
    expect(resolveCostCentre({ lines: [], paymentMethod: null }, costCentreSettingsSchema.parse({}))).toBeNull();
  });

  it('judges the product type by amount, also on cancellations', () => {
    expect(dominantProductType({ lines: [line(-100, 'digital'), line(-900, 'service')] })).toBe('service');
    expect(dominantProductType({ lines: [line(100, 'digital'), line(100, 'goods')] })).toBe('goods');
    expect(dominantProductType({ lines: [line(100, null, 'fee')] })).toBeNull();
  });
});
