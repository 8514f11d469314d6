import { describe, expect, it } from 'vitest';
import { accountingSettingsOf } from '../../../app/accounting/accounting-settings.js';
import { shopSettingsSchema } from '../../../domain/shops/shop-settings.js';
import { cellName, changeOf, fieldPathOf, formOf, readForm } from './accounting-form.js';

const texts = { lineFormat: 'line?', productKeyMissing: 'key?' };

describe('accounting form', () => {
  const settings = accountingSettingsOf(
    shopSettingsSchema.parse({
      sevdesk: {
        revenueAccounts: {
          byProductType: { service: { '1:19': '4400' } },
          byProduct: { 'SKU-1': { '1:7': '4300' } },
          cancellations: { byProduct: { 'SKU-2': { '*': '4700' } } },
        },
      },
      documents: { productTypes: { byTaxClass: { 'reduced-rate': 'digital' } } },
    }),
  );

  it('names each cell after its settings path', () => {
    expect(cellName('rev', 'service', '1:19')).toEqual({
      name: 'rev.service.1:19',
      path: 'revenueAccounts.byProductType.service.1:19',
    });
    expect(cellName('can', 'case', '*').path).toBe('revenueAccounts.cancellations.byTaxCase.*');
    expect(cellName('rev', 'fees', '3').path).toBe('revenueAccounts.fees.3');
  });

  it('round-trips the settings through the form', () => {
    const form = formOf(settings);
    expect(form.products).toEqual([{ key: 'SKU-1', taxCase: '1:7', account: '4300' }]);
    expect(form.productTypes.byTaxClass).toBe('reduced-rate = digital');
    const posted = readForm(
      {
        'rev.service.1:19': '4400',
        'rev.case.1:7': '',
        'can.case.1:19': '4720',
        'prod.0.key': 'SKU-1',
        'prod.0.case': '1:7',
        'prod.0.account': '4300',
        'prod.1.key': '',
        'prod.1.case': '*',
        'prod.1.account': '',
        'cc.pm.paypal': '7',
        'voucher.date': 'order_date',
        'voucher.description.invoice': '{invoiceNumber}',
        'voucher.description.cancellation': '{invoiceNumber}',
        'voucher.remark': ['0', '1'],
        'productTypes.default': 'goods',
        'productTypes.byTaxClass': 'reduced-rate = digital\n\n',
        dryRun: '0',
      },
      settings,
    );
    const { change, issues } = changeOf(posted, texts);
    expect(issues).toEqual([]);
    expect(change).toMatchObject({
      revenueAccounts: {
        byTaxCase: {},
        byProductType: { service: { '1:19': '4400' } },
        byProduct: { 'SKU-1': { '1:7': '4300' } },
        cancellations: { byTaxCase: { '1:19': '4720' }, byProduct: { 'SKU-2': { '*': '4700' } } },
      },
      costCentre: { default: null, byPaymentMethod: { paypal: '7' } },
      voucher: { date: 'order_date', remark: true },
      productTypes: { byTaxClass: { 'reduced-rate': 'digital' } },
      dryRun: false,
    });
  });

  it('reports lines it cannot read and places errors on their fields', () => {
    const form = readForm(
      { 'prod.0.key': '', 'prod.0.account': '4400', 'productTypes.byCategory': 'kurse service' },
      settings,
    );
    expect(changeOf(form, texts).issues).toEqual([
      { path: 'prod.0', message: 'key?' },
      { path: 'productTypes.byCategory', message: 'line?' },
    ]);
    const withRow = { ...form, products: [{ key: 'A.B', taxCase: '1:19', account: '1' }] };
    expect(fieldPathOf('revenueAccounts.byProduct.A.B.1:19', withRow)).toBe('prod.0');
    expect(fieldPathOf('productTypes.byCategory.x', withRow)).toBe('productTypes.byCategory');
  });
});
