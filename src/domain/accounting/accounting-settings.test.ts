import { describe, expect, it } from 'vitest';
import { mergeSettings, shopSettingsSchema } from '../shops/shop-settings.js';
import {
  isLegacyRevenueAccounts,
  revenueAccountsSchema,
  unknownDescriptionPlaceholders,
  voucherPresentationSchema,
} from './accounting-settings.js';

describe('revenue account settings', () => {
  it('reads the flat record stored before the redesign as the per-tax-case map', () => {
    const parsed = revenueAccountsSchema.parse({ '1:19': '4400', '*': '4200', 'not a key': '4400', '1:7': 'x' });
    expect(parsed.byTaxCase).toEqual({ '1:19': '4400', '*': '4200' });
    expect(parsed.byProductType).toEqual({});
    expect(parsed.cancellations.byTaxCase).toEqual({});
    const shop = shopSettingsSchema.parse({ sevdesk: { revenueAccounts: { '1:19': '4400' } } });
    expect(shop.sevdesk.revenueAccounts.byTaxCase).toEqual({ '1:19': '4400' });
  });

  it('takes the structured form and refuses what is no account number or tax-case key, with the path', () => {
    const ok = revenueAccountsSchema.parse({
      byProductType: { service: { '1:19': '4400' } },
      byProduct: { 'SKU-1': { '*': '4300' } },
      shipping: { '1:19': '4400' },
      cancellations: { byTaxCase: { '1:19': '4720' } },
    });
    expect(ok.byProduct['SKU-1']).toEqual({ '*': '4300' });
    expect(ok.cancellations.byTaxCase['1:19']).toBe('4720');
    const bad = revenueAccountsSchema.safeParse({ byProductType: { service: { '1:19': 'Erlöse' } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['byProductType', 'service', '1:19']);
    expect(revenueAccountsSchema.safeParse({ byTaxCase: { 'x:1': '4400' } }).success).toBe(false);
    expect(revenueAccountsSchema.safeParse({ byProductType: { gadgets: {} } }).success).toBe(false);
  });

  it('tells the legacy shape apart', () => {
    expect(isLegacyRevenueAccounts({ '1:19': '4400' })).toBe(true);
    expect(isLegacyRevenueAccounts({ byTaxCase: {} })).toBe(false);
    expect(isLegacyRevenueAccounts({})).toBe(false);
  });

  it('merges a change level by level; maps are replaced; a flat record changes only the per-tax-case map', () => {
    const current = shopSettingsSchema.parse({
      sevdesk: {
        revenueAccounts: { byTaxCase: { '1:19': '4400' }, byProductType: { service: { '1:19': '4400' } } },
        voucher: { remark: true },
      },
    });
    const merged = shopSettingsSchema.parse(
      mergeSettings(current, { sevdesk: { revenueAccounts: { '1:7': '4300' }, voucher: { date: 'order_date' } } }),
    );
    expect(merged.sevdesk.revenueAccounts.byTaxCase).toEqual({ '1:7': '4300' });
    expect(merged.sevdesk.revenueAccounts.byProductType).toEqual({ service: { '1:19': '4400' } });
    expect(merged.sevdesk.voucher).toMatchObject({ date: 'order_date', remark: true });
    const cleared = shopSettingsSchema.parse(mergeSettings(merged, { sevdesk: { revenueAccounts: {} } }));
    expect(cleared.sevdesk.revenueAccounts.byTaxCase).toEqual({});
    expect(cleared.sevdesk.revenueAccounts.byProductType).toEqual({ service: { '1:19': '4400' } });
  });
});

describe('voucher presentation settings', () => {
  it('has defaults that read like before: the number, and "Storno zu" for cancellations', () => {
    expect(voucherPresentationSchema.parse({})).toEqual({
      date: 'invoice_date',
      description: { invoice: '{invoiceNumber}', cancellation: '{invoiceNumber} Storno zu {cancelledInvoiceNumber}' },
      remark: false,
    });
  });

  it('refuses unknown placeholders and anything that looks like the marker', () => {
    expect(unknownDescriptionPlaceholders('{invoiceNumber} {orderNo} {x}')).toEqual(['orderNo', 'x']);
    const bad = voucherPresentationSchema.safeParse({ description: { invoice: '{orderNo}' } });
    expect(bad.error?.issues[0]?.message).toMatch(/unknown placeholder \{orderNo\}/);
    expect(voucherPresentationSchema.safeParse({ description: { invoice: 'X [BF:doc_1]' } }).success).toBe(false);
    expect(voucherPresentationSchema.safeParse({ description: { invoice: '' } }).success).toBe(false);
  });
});
