// Reference data and account settings: bookkeeping version, countries, categories, communication way keys,
// tax rules, units, users, cost centres and ReceiptGuidance.
import type { ApiRouter } from '../api-router.js';
import { badRequest, notFound, unprocessable } from '../errors.js';
import { listCostCentres } from '../cost-centres.js';
import { head, sevClientRef } from '../records.js';
import { renderGuidance } from '../receipt-guidance.js';
import { ok, one, page, textParam } from '../respond.js';
import {
  CATEGORIES,
  type Category,
  COMMUNICATION_WAY_KEYS,
  COUNTRIES_BY_ID,
  STATIC_COUNTRIES,
  type StaticCountry,
  TAX_RULES,
  UNITIES,
} from '../static-data.js';
import type { AccountState } from '../state.js';

// Reference data has no meaningful timestamps; a fixed date keeps responses stable.
const REFERENCE_DATE = 1_420_070_400; // 2015-01-01

export function renderCountry(country: StaticCountry) {
  return {
    ...head({ id: country.id, create: REFERENCE_DATE }, 'StaticCountry'),
    code: country.code,
    name: country.name,
    nameEn: country.nameEn,
    translationCode: `COUNTRY_${country.code.toUpperCase()}`,
    locale: `${country.code}_${country.code.toUpperCase()}`,
    priority: String(country.priority),
  };
}

export function renderCategory(category: Category) {
  return {
    ...head({ id: category.id, create: REFERENCE_DATE }, 'Category'),
    name: category.name,
    objectType: category.objectType,
    priority: String(category.priority),
    code: category.code,
    color: null,
    postingAccount: null,
    type: null,
    translationCode: null,
  };
}

function renderSevUser(account: AccountState) {
  return {
    ...head({ id: account.sevUserId, create: account.created }, 'SevUser'),
    username: `owner-${account.sevClientId}@sandbox.belegfluss.invalid`,
    status: '100',
    fullname: 'Sandbox Inhaber',
    firstName: 'Sandbox',
    lastName: 'Inhaber',
    email: `owner-${account.sevClientId}@sandbox.belegfluss.invalid`,
    sevClient: sevClientRef(account.sevClientId),
  };
}

export function registerStaticRoutes(api: ApiRouter): void {
  api.get('/Tools/bookkeepingSystemVersion', (req) => {
    // X-Version is accepted on documents but refused on this endpoint (sevdesk-api.md §1.1).
    const xVersion = req.headers.get('x-version');
    if (xVersion !== null && xVersion !== 'default')
      throw badRequest(`X-Version ${xVersion} is not available for this resource`);
    return ok({ version: req.account.bookkeepingVersion });
  });

  api.get('/StaticCountry', (req) => {
    const code = textParam(req.query, 'code')?.toLowerCase();
    const countries = code ? STATIC_COUNTRIES.filter((c) => c.code === code) : STATIC_COUNTRIES;
    return page(req.query, countries, renderCountry);
  });
  api.get('/StaticCountry/{staticCountryId}', (req) => {
    const country = COUNTRIES_BY_ID.get(req.params.staticCountryId!);
    if (!country) throw notFound('StaticCountry', req.params.staticCountryId!);
    return one(renderCountry(country));
  });

  api.get('/Category', (req) => {
    const objectType = textParam(req.query, 'objectType');
    const categories = objectType ? CATEGORIES.filter((c) => c.objectType === objectType) : CATEGORIES;
    return page(req.query, categories, renderCategory);
  });

  api.get('/CommunicationWayKey', (req) =>
    page(req.query, COMMUNICATION_WAY_KEYS, (key) => ({
      ...head({ id: key.id, create: REFERENCE_DATE }, 'CommunicationWayKey'),
      name: key.name,
      translationCode: key.translationCode,
    })),
  );

  api.get('/TaxRule', (req) =>
    page(req.query, TAX_RULES, (rule) => ({
      id: String(rule.id),
      objectName: 'TaxRule',
      additionalInformation: null,
      name: rule.name,
      description: rule.name,
      code: rule.code,
      countryClient: { id: '1', objectName: 'StaticCountry' },
    })),
  );

  api.get('/Unity', (req) =>
    page(req.query, UNITIES, (unity) => ({
      ...head({ id: unity.id, create: REFERENCE_DATE }, 'Unity'),
      name: unity.name,
      translationCode: unity.translationCode,
      unitySystem: '1',
    })),
  );

  api.get('/SevUser', (req) => page(req.query, [req.account], renderSevUser));

  // Three cost centres per account (src/sandbox/cost-centres.ts).
  api.get('/CostCentre', listCostCentres);

  api.get('/ReceiptGuidance/forAllAccounts', (req) => ok(req.account.guidance.map(renderGuidance)));
  api.get('/ReceiptGuidance/forRevenue', (req) =>
    ok(req.account.guidance.filter((g) => g.receiptTypes.includes('REVENUE')).map(renderGuidance)),
  );
  api.get('/ReceiptGuidance/forExpense', (req) =>
    ok(req.account.guidance.filter((g) => g.receiptTypes.includes('EXPENSE')).map(renderGuidance)),
  );
  api.get('/ReceiptGuidance/forAccountNumber', (req) => {
    const number = req.query.get('accountNumber') ?? '';
    const rows = req.account.guidance.filter((g) => g.accountNumber === number);
    if (rows.length === 0) throw unprocessable('The account you requested could not be found.');
    return ok(rows.map(renderGuidance));
  });
  api.get('/ReceiptGuidance/forTaxRule', (req) => {
    const code = req.query.get('taxRule') ?? '';
    const rule = TAX_RULES.find((r) => r.code === code || String(r.id) === code);
    if (!rule) throw unprocessable(`Unknown tax rule ${code}`);
    return ok(req.account.guidance.filter((g) => g.rules[rule.id] !== undefined).map(renderGuidance));
  });
}
