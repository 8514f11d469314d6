// Which tax rule a document falls under (sevdesk-api.md §6.5). Never guesses: anything unclear
// returns taxCase null with reasons, and the document is flagged "needs attention".
import type { ProductType, TaxCase } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';
import { countryName } from './country-names.js';
import { allowedRates, isInEuVatArea } from './eu-countries.js';
import { formatRate, listRates } from './rate-format.js';
import { isPlausibleVatId, vatIdCountry } from './vat-id.js';

export { isPlausibleVatId } from './vat-id.js';

export interface ShopTaxSettings {
  homeCountry: 'DE';
  /** Kleinunternehmer (§ 19 UStG): no VAT at all. */
  smallBusiness: boolean;
  /** Registered for the One-Stop-Shop: EU consumer sales carry destination VAT. */
  ossRegistered: boolean;
  /** EU distance sales above the €10,000 threshold (then destination VAT is due even without OSS). */
  ossThresholdExceeded?: boolean;
}

export interface TaxFacts {
  /** Place of supply: the shipping country for goods (XI for Northern Ireland), the billing country for services. */
  destinationCountry: string | null;
  billingCountry: string | null;
  /** Buyer's VAT id as entered, null if none. */
  vatId: string | null;
  isBusiness: boolean;
  /** Product types on the order; shipping and fees follow the products. Empty means goods. */
  productTypes: readonly ProductType[];
  /** VAT rates of all lines (products, shipping, fees, discounts). */
  rates: readonly RateBp[];
  /** Date of supply (YYYY-MM-DD), picks the destination's rates in force; default: the current table. */
  date?: string;
}

export interface TaxCaseResult {
  taxCase: TaxCase | null;
  /** Human-readable reasons why no tax case could be determined; empty when taxCase is set. */
  reasons: string[];
}

const DOMESTIC_RATES: readonly RateBp[] = [1900, 700, 0];
const HOME = 'DE';

type Supply = 'goods' | 'services';

const found = (taxCase: TaxCase): TaxCaseResult => ({ taxCase, reasons: [] });
const attention = (...reasons: string[]): TaxCaseResult => ({ taxCase: null, reasons });

function distinctRates(rates: readonly RateBp[]): RateBp[] {
  return [...new Set(rates)].sort((a, b) => b - a);
}

function foreignRates(rates: readonly RateBp[], allowed: readonly RateBp[]): RateBp[] {
  return distinctRates(rates).filter((rate) => !allowed.includes(rate));
}

function domesticRatesCheck(rates: readonly RateBp[], context = ''): string[] {
  return foreignRates(rates, DOMESTIC_RATES).map(
    (rate) =>
      `VAT rate ${formatRate(rate)} does not exist in Germany; domestic documents allow ${listRates(DOMESTIC_RATES)}${context}.`,
  );
}

function supplyWord(supply: Supply): string {
  return supply === 'goods' ? 'Goods' : 'Services';
}

/** Zero-rated supply into another EU country: only with the buyer's plausible non-German EU VAT id. */
function classifyEuZeroRated(supply: Supply, country: string, facts: TaxFacts): TaxCaseResult {
  const where = countryName(country);
  const vatId = facts.vatId?.trim() || null;
  if (!vatId) {
    const who = facts.isBusiness ? 'the business customer has no VAT id' : 'the customer has no VAT id';
    return attention(
      `${supplyWord(supply)} to ${where} are not taxed, but ${who}; a tax-free intra-EU supply needs the buyer's EU VAT id.`,
    );
  }
  if (!isPlausibleVatId(vatId)) {
    return attention(`VAT id "${vatId}" is not a plausible EU VAT id, so the supply to ${where} cannot be tax-free.`);
  }
  if (vatIdCountry(vatId) === HOME) {
    return attention(
      `VAT id "${vatId}" is German; a tax-free supply to ${where} needs a VAT id from another EU member state.`,
    );
  }
  return found(supply === 'goods' ? 'eu_b2b_goods' : 'eu_b2b_services');
}

/** EU consumer (or a business without a usable VAT id) charged VAT. */
function classifyEuTaxed(country: string, facts: TaxFacts, shop: ShopTaxSettings): TaxCaseResult {
  const where = countryName(country);
  if (shop.ossRegistered) {
    const vatId = facts.vatId?.trim() ?? '';
    if (isPlausibleVatId(vatId) && vatIdCountry(vatId) !== HOME) {
      return attention(
        `The customer has the EU VAT id "${vatId}" but is charged VAT of ${where} under OSS; ` +
          'supplies to businesses are not OSS distance sales (zero-rate them or remove the VAT id).',
      );
    }
    const allowed = allowedRates(country, facts.date);
    const wrong = foreignRates(facts.rates, allowed);
    if (wrong.length === 0) return found('eu_b2c_oss');
    return attention(
      ...wrong.map(
        (rate) =>
          `VAT rate ${formatRate(rate)} does not exist in ${where}; OSS documents must carry ${where}'s rates (${listRates(allowed)}).`,
      ),
    );
  }
  if (shop.ossThresholdExceeded) {
    return attention(
      `EU distance sales exceed the €10,000 threshold but the shop is not OSS-registered; VAT of ${where} is due, not German VAT.`,
    );
  }
  const reasons = domesticRatesCheck(
    facts.rates,
    ` (the shop is not OSS-registered, so consumer sales to ${where} below the threshold carry German VAT)`,
  );
  return reasons.length === 0 ? found('domestic') : attention(...reasons);
}

function classifyNonEu(supply: Supply, country: string, rates: readonly RateBp[]): TaxCaseResult {
  const charged = distinctRates(rates).filter((rate) => rate !== 0);
  if (charged.length === 0) return found(supply === 'goods' ? 'export_goods' : 'export_services');
  const what = supply === 'goods' ? 'an export of goods' : 'services';
  return attention(
    `VAT of ${charged.map(formatRate).join(', ')} is charged on ${what} to ${countryName(country)} (outside the EU); ` +
      `${supply === 'goods' ? 'exports' : 'services to customers outside the EU'} are only mapped with 0% VAT.`,
  );
}

function classifySupply(supply: Supply, country: string, facts: TaxFacts, shop: ShopTaxSettings): TaxCaseResult {
  if (country === HOME) {
    const reasons = domesticRatesCheck(facts.rates);
    return reasons.length === 0 ? found('domestic') : attention(...reasons);
  }
  if (!isInEuVatArea(country, supply)) return classifyNonEu(supply, country, facts.rates);
  const allZero = facts.rates.every((rate) => rate === 0);
  return allZero ? classifyEuZeroRated(supply, country, facts) : classifyEuTaxed(country, facts, shop);
}

function normalizeCountry(country: string | null): string | null {
  const code = country?.trim().toUpperCase() ?? '';
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

/**
 * Determines the document's tax case. Goods are classified by the destination, services (incl. digital)
 * by the billing country; if goods and services end up in different cases the order is flagged.
 */
export function determineTaxCase(shop: ShopTaxSettings, facts: TaxFacts): TaxCaseResult {
  const charged = distinctRates(facts.rates).filter((rate) => rate !== 0);
  if (shop.smallBusiness) {
    if (charged.length === 0) return found('small_business');
    return attention(
      `The shop is a small business (§ 19 UStG) and must not charge VAT, but the order carries ${charged.map(formatRate).join(', ')} VAT.`,
    );
  }

  const types = facts.productTypes.length === 0 ? (['goods'] as const) : facts.productTypes;
  const supplies = new Set<Supply>(types.map((type) => (type === 'goods' ? 'goods' : 'services')));
  const destination = normalizeCountry(facts.destinationCountry);
  const billing = normalizeCountry(facts.billingCountry) ?? destination;

  const results: Array<[Supply, TaxCaseResult]> = [];
  for (const supply of ['goods', 'services'] as const) {
    if (!supplies.has(supply)) continue;
    const country = supply === 'goods' ? destination : billing;
    if (!country) {
      const which = supply === 'goods' ? 'shipping (destination)' : 'billing';
      return attention(`The ${which} country is missing or invalid, so the tax case cannot be determined.`);
    }
    results.push([supply, classifySupply(supply, country, facts, shop)]);
  }

  const failed = results.flatMap(([, result]) => result.reasons);
  if (failed.length > 0) return attention(...new Set(failed));
  const cases = new Set(results.map(([, result]) => result.taxCase));
  if (cases.size > 1) {
    const detail = results.map(([supply, result]) => `${supply}: ${result.taxCase}`).join(', ');
    return attention(
      `The order mixes tax cases (${detail}); one document can carry only one tax rule, so split the order.`,
    );
  }
  const [only] = results;
  return only ? only[1] : attention('The order has no lines to determine a tax case from.');
}
