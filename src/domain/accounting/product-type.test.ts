import { describe, expect, it } from 'vitest';
import { productTypeRulesSchema } from './accounting-settings.js';
import { resolveProductType } from './product-type.js';

describe('resolveProductType', () => {
  const rules = productTypeRulesSchema.parse({
    default: 'goods',
    byCategory: { Kurse: 'service', ebooks: 'digital' },
    byTaxClass: { 'reduced-rate': 'digital', standard: 'goods', 'zero-rate': 'service' },
  });

  it('takes the product’s own facts first: a pinned type, then the downloadable/virtual flags', () => {
    expect(resolveProductType({ pinned: 'service', downloadable: true }, rules)).toEqual({
      type: 'service',
      source: 'product',
    });
    expect(resolveProductType({ downloadable: true, virtual: true }, rules).type).toBe('digital');
    expect(resolveProductType({ virtual: true, categories: ['ebooks'] }, rules)).toEqual({
      type: 'service',
      source: 'flags',
    });
  });

  it('then the mapping by category (case-insensitive), then by tax class, then the default', () => {
    expect(resolveProductType({ categories: ['Sale', 'kurse'] }, rules)).toEqual({
      type: 'service',
      source: 'category',
    });
    expect(resolveProductType({ taxClass: 'zero-rate' }, rules)).toEqual({ type: 'service', source: 'tax_class' });
    expect(resolveProductType({ taxClass: '' }, rules)).toEqual({ type: 'goods', source: 'tax_class' });
    expect(resolveProductType({}, { default: 'service' })).toEqual({ type: 'service', source: 'default' });
    expect(resolveProductType({})).toEqual({ type: 'goods', source: 'default' });
  });
});
