import { describe, expect, it } from 'vitest';
import { determineTaxCase, type ShopTaxSettings, type TaxFacts } from './determine-tax-case.js';

const shop: ShopTaxSettings = { homeCountry: 'DE', smallBusiness: false, ossRegistered: false };
const oss: ShopTaxSettings = { ...shop, ossRegistered: true };

const facts = (overrides: Partial<TaxFacts>): TaxFacts => ({
  destinationCountry: 'DE',
  billingCountry: 'DE',
  vatId: null,
  isBusiness: false,
  productTypes: ['goods'],
  rates: [1900],
  ...overrides,
});

describe('determineTaxCase', () => {
  it('domestic with 19/7/0', () => {
    expect(determineTaxCase(shop, facts({ rates: [1900, 700, 0] }))).toEqual({ taxCase: 'domestic', reasons: [] });
  });

  it('domestic rejects foreign rates with a sentence naming the problem', () => {
    expect(determineTaxCase(shop, facts({ rates: [2000, 1900] }))).toEqual({
      taxCase: null,
      reasons: ['VAT rate 20% does not exist in Germany; domestic documents allow 19%, 7% or 0%.'],
    });
  });

  describe('small business wins', () => {
    const kleinunternehmer = { ...shop, smallBusiness: true, ossRegistered: true };
    it('with all rates 0, wherever the customer is', () => {
      expect(determineTaxCase(kleinunternehmer, facts({ rates: [0] })).taxCase).toBe('small_business');
      expect(determineTaxCase(kleinunternehmer, facts({ rates: [0], destinationCountry: 'CH' })).taxCase).toBe(
        'small_business',
      );
      expect(determineTaxCase(kleinunternehmer, facts({ rates: [0], destinationCountry: null })).taxCase).toBe(
        'small_business',
      );
    });
    it('needs attention when VAT is charged', () => {
      const result = determineTaxCase(kleinunternehmer, facts({ rates: [1900, 0] }));
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toContain('small business (§ 19 UStG)');
      expect(result.reasons[0]).toContain('19%');
    });
  });

  describe('EU B2B', () => {
    it('goods with a plausible VAT id and 0% → eu_b2b_goods', () => {
      const result = determineTaxCase(
        shop,
        facts({ destinationCountry: 'AT', billingCountry: 'AT', vatId: 'ATU12345678', isBusiness: true, rates: [0] }),
      );
      expect(result).toEqual({ taxCase: 'eu_b2b_goods', reasons: [] });
    });

    it('services with a VAT id and 0% → eu_b2b_services (billing country decides)', () => {
      const result = determineTaxCase(
        shop,
        facts({
          destinationCountry: 'FR',
          billingCountry: 'FR',
          vatId: 'FR40303265045',
          productTypes: ['service', 'digital'],
          rates: [0],
        }),
      );
      expect(result.taxCase).toBe('eu_b2b_services');
    });

    it('zero rate without VAT id needs attention', () => {
      const result = determineTaxCase(shop, facts({ destinationCountry: 'AT', isBusiness: true, rates: [0] }));
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toMatch(/Goods to Austria are not taxed, but the business customer has no VAT id/);
    });

    it('implausible or German VAT id needs attention', () => {
      expect(
        determineTaxCase(shop, facts({ destinationCountry: 'AT', vatId: 'ATU123', rates: [0] })).reasons[0],
      ).toContain('"ATU123" is not a plausible EU VAT id');
      expect(
        determineTaxCase(shop, facts({ destinationCountry: 'AT', vatId: 'DE123456789', rates: [0] })).reasons[0],
      ).toContain('is German');
    });

    it('VAT id with VAT charged under OSS needs attention', () => {
      const result = determineTaxCase(oss, facts({ destinationCountry: 'FR', vatId: 'FR40303265045', rates: [2000] }));
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toContain('not OSS distance sales');
    });

    it('goods and services in one B2B order mix tax cases', () => {
      const result = determineTaxCase(
        shop,
        facts({
          destinationCountry: 'AT',
          billingCountry: 'AT',
          vatId: 'ATU12345678',
          productTypes: ['goods', 'service'],
          rates: [0],
        }),
      );
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toContain('mixes tax cases (goods: eu_b2b_goods, services: eu_b2b_services)');
    });
  });

  describe('EU consumers', () => {
    it('OSS with destination rates → eu_b2c_oss', () => {
      expect(determineTaxCase(oss, facts({ destinationCountry: 'FR', rates: [2000, 550] })).taxCase).toBe('eu_b2c_oss');
    });

    it('OSS with German rates to France needs attention', () => {
      const result = determineTaxCase(oss, facts({ destinationCountry: 'FR', rates: [1900] }));
      expect(result.reasons).toEqual([
        "VAT rate 19% does not exist in France; OSS documents must carry France's rates (20%, 10%, 5.5% or 2.1%).",
      ]);
    });

    it('OSS goods and digital in one order stay eu_b2c_oss', () => {
      const result = determineTaxCase(
        oss,
        facts({ destinationCountry: 'AT', billingCountry: 'AT', productTypes: ['goods', 'digital'], rates: [2000] }),
      );
      expect(result.taxCase).toBe('eu_b2c_oss');
    });

    it('without OSS below the threshold → domestic with German rates', () => {
      expect(determineTaxCase(shop, facts({ destinationCountry: 'FR', rates: [1900, 700] })).taxCase).toBe('domestic');
    });

    it('without OSS but foreign rates → attention', () => {
      const result = determineTaxCase(shop, facts({ destinationCountry: 'FR', rates: [2000] }));
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toMatch(
        /^VAT rate 20% does not exist in Germany; domestic documents allow 19%, 7% or 0%/,
      );
      expect(result.reasons[0]).toContain('not OSS-registered');
    });

    it('without OSS above the threshold → attention', () => {
      const result = determineTaxCase(
        { ...shop, ossThresholdExceeded: true },
        facts({ destinationCountry: 'FR', rates: [1900] }),
      );
      expect(result.reasons[0]).toContain('€10,000 threshold');
    });

    it('Northern Ireland goods are EU, services are not', () => {
      expect(determineTaxCase(oss, facts({ destinationCountry: 'XI', rates: [2000] })).taxCase).toBe('eu_b2c_oss');
      expect(
        determineTaxCase(
          shop,
          facts({ destinationCountry: 'GB', billingCountry: 'GB', productTypes: ['digital'], rates: [0] }),
        ).taxCase,
      ).toBe('export_services');
    });

    it('uses the destination rates in force on the date', () => {
      expect(
        determineTaxCase(oss, facts({ destinationCountry: 'SK', rates: [2000], date: '2024-06-01' })).taxCase,
      ).toBe('eu_b2c_oss');
      expect(
        determineTaxCase(oss, facts({ destinationCountry: 'SK', rates: [2000], date: '2025-06-01' })).taxCase,
      ).toBeNull();
    });
  });

  describe('non-EU', () => {
    it('goods with 0% → export_goods, services with 0% → export_services', () => {
      expect(
        determineTaxCase(shop, facts({ destinationCountry: 'CH', billingCountry: 'CH', rates: [0] })).taxCase,
      ).toBe('export_goods');
      expect(
        determineTaxCase(
          shop,
          facts({ destinationCountry: 'US', billingCountry: 'US', productTypes: ['service'], rates: [0] }),
        ).taxCase,
      ).toBe('export_services');
    });

    it('VAT charged to a non-EU country needs attention', () => {
      const result = determineTaxCase(shop, facts({ destinationCountry: 'CH', rates: [1900] }));
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toContain('Switzerland (outside the EU)');
    });

    it('mixed goods and services to a non-EU customer mix cases', () => {
      const result = determineTaxCase(
        shop,
        facts({ destinationCountry: 'CH', billingCountry: 'CH', productTypes: ['goods', 'service'], rates: [0] }),
      );
      expect(result.reasons[0]).toContain('mixes tax cases (goods: export_goods, services: export_services)');
    });

    it('goods to DE but services billed to CH mix cases', () => {
      const result = determineTaxCase(
        shop,
        facts({ destinationCountry: 'DE', billingCountry: 'CH', productTypes: ['goods', 'digital'], rates: [1900] }),
      );
      expect(result.taxCase).toBeNull();
      expect(result.reasons[0]).toContain('outside the EU');
    });
  });

  it('missing country needs attention', () => {
    expect(determineTaxCase(shop, facts({ destinationCountry: null })).reasons[0]).toContain('country is missing');
    expect(determineTaxCase(shop, facts({ destinationCountry: '' })).taxCase).toBeNull();
    expect(
      determineTaxCase(shop, facts({ destinationCountry: null, billingCountry: null, productTypes: ['service'] }))
        .reasons[0],
    ).toContain('billing country is missing');
  });

  it('defaults to goods when no product types are known', () => {
    expect(determineTaxCase(shop, facts({ destinationCountry: 'CH', productTypes: [], rates: [0] })).taxCase).toBe(
      'export_goods',
    );
  });
});
