import { describe, expect, it } from 'vitest';
import type { DocumentLine } from '../documents/document.js';
import { isOssRuleId, ossRuleOf, ossSupplyOf } from './oss-rule.js';

const line = (kind: DocumentLine['kind'], productType?: DocumentLine['productType']): DocumentLine => ({
  kind,
  position: 1,
  name: 'x',
  quantity: '1',
  unitPriceNet: '1',
  rateBp: 2000,
  net: 100,
  tax: 20,
  gross: 120,
  ...(productType !== undefined ? { productType } : {}),
});

describe('OSS rule by what was sold', () => {
  it('goods 18, electronic services 19, other services 20; no type counts as goods', () => {
    expect(ossSupplyOf('goods')).toBe('goods');
    expect(ossSupplyOf(null)).toBe('goods');
    expect(ossSupplyOf(undefined)).toBe('goods');
    expect(ossSupplyOf('digital')).toBe('electronic_services');
    expect(ossSupplyOf('service')).toBe('other_services');
    expect(ossRuleOf([line('product', 'goods'), line('shipping')])).toEqual({ ok: true, ruleId: 18, supply: 'goods' });
    expect(ossRuleOf([line('product', 'digital'), line('fee')])).toMatchObject({ ok: true, ruleId: 19 });
    expect(ossRuleOf([line('product', 'service'), line('discount')])).toMatchObject({ ok: true, ruleId: 20 });
  });

  it('shipping, fees and discounts follow the products; shipping alone is goods', () => {
    expect(ossRuleOf([line('product', 'digital'), line('shipping', 'goods')])).toMatchObject({ ruleId: 19 });
    expect(ossRuleOf([line('shipping')])).toMatchObject({ ok: true, ruleId: 18 });
  });

  it('a document mixing supplies cannot be one invoice', () => {
    expect(ossRuleOf([line('product', 'service'), line('product', 'goods'), line('product', 'digital')])).toEqual({
      ok: false,
      supplies: ['goods', 'electronic_services', 'other_services'],
    });
  });

  it('knows the OSS rule ids', () => {
    expect([17, 18, 19, 20, 21, null].map(isOssRuleId)).toEqual([false, true, true, true, false, false]);
  });
});
