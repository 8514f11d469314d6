import { describe, expect, it } from 'vitest';
import { revenueAccountsSchema } from './accounting-settings.js';
import { accountChoices, resolveLineAccount, taxCaseKeysFor } from './resolve-account.js';

const accounts = revenueAccountsSchema.parse({
  byTaxCase: { '1:19': '4400', '1': '4200', '*': '4201' },
  byProductType: { service: { '1:19': '4401' }, digital: { '*': '4402' } },
  byProduct: { 'SKU-7': { '1:19': '4403' }, '55': { '1:19': '4404' } },
  shipping: { '1:19': '4405' },
  fees: { '1': '4406' },
  cancellations: { byTaxCase: { '1:19': '4720' }, byProductType: { service: { '1:19': '4721' } } },
});

const product = (over: Partial<{ sku: string; productId: string; productType: 'goods' | 'service' | 'digital' }>) => ({
  kind: 'product' as const,
  sku: over.sku ?? null,
  productId: over.productId ?? null,
  productType: over.productType ?? 'goods',
});
const at = (ruleId: number, rateBp: number, documentType: 'invoice' | 'cancellation' = 'invoice') => ({
  ruleId,
  rateBp,
  documentType,
  accounts,
});

describe('resolveLineAccount', () => {
  it('goes from the product to its type to the tax case to the default', () => {
    expect(resolveLineAccount(product({ sku: 'SKU-7', productType: 'service' }), at(1, 1900))).toMatchObject({
      accountNumber: '4403',
      source: 'product',
      settingPath: 'revenueAccounts.byProduct.SKU-7.1:19',
    });
    expect(resolveLineAccount(product({ productId: '55' }), at(1, 1900)).accountNumber).toBe('4404');
    expect(resolveLineAccount(product({ sku: 'SKU-7' }), at(1, 700))).toMatchObject({
      accountNumber: '4200',
      source: 'tax_case',
      settingPath: 'revenueAccounts.byTaxCase.1',
    });
    expect(resolveLineAccount(product({ productType: 'service' }), at(1, 1900))).toMatchObject({
      accountNumber: '4401',
      source: 'product_type',
    });
    expect(resolveLineAccount(product({ productType: 'digital' }), at(3, 0)).accountNumber).toBe('4402');
    expect(resolveLineAccount(product({}), at(1, 1900))).toMatchObject({ accountNumber: '4400', source: 'tax_case' });
    expect(resolveLineAccount(product({}), at(17, 0))).toMatchObject({ accountNumber: '4201', source: 'default' });
  });

  it('books shipping and fees on their accounts', () => {
    const line = (kind: 'shipping' | 'fee') => ({ kind, sku: null, productId: null, productType: null });
    expect(resolveLineAccount(line('shipping'), at(1, 1900))).toMatchObject({
      accountNumber: '4405',
      source: 'shipping',
    });
    expect(resolveLineAccount(line('shipping'), at(1, 700)).accountNumber).toBe('4200');
    expect(resolveLineAccount(line('fee'), at(1, 700))).toMatchObject({ accountNumber: '4406', source: 'fees' });
  });

  it('uses the Erlösminderung accounts for cancellations first, else books like the invoice', () => {
    expect(resolveLineAccount(product({ productType: 'service' }), at(1, 1900, 'cancellation'))).toMatchObject({
      accountNumber: '4721',
      cancellation: true,
      settingPath: 'revenueAccounts.cancellations.byProductType.service.1:19',
    });
    // The cancellation tax-case account beats the invoice's product-type account.
    expect(resolveLineAccount(product({ productType: 'digital' }), at(1, 1900, 'cancellation')).accountNumber).toBe(
      '4720',
    );
    expect(resolveLineAccount(product({}), at(1, 700, 'cancellation'))).toMatchObject({
      accountNumber: '4200',
      cancellation: false,
    });
  });

  it('answers automatic when nothing is chosen', () => {
    expect(resolveLineAccount(product({}), { ruleId: 1, rateBp: 1900, documentType: 'invoice', accounts: {} })).toEqual(
      { accountNumber: null, source: 'automatic', settingPath: null, cancellation: false },
    );
  });

  it('lists every choice with its path', () => {
    expect(taxCaseKeysFor(1, 550)).toEqual(['1:5.5', '1']);
    const paths = accountChoices(accounts).map((c) => c.path);
    expect(paths).toContain('revenueAccounts.byProduct.SKU-7.1:19');
    expect(paths).toContain('revenueAccounts.cancellations.byProductType.service.1:19');
    expect(paths).toHaveLength(11);
  });
});
