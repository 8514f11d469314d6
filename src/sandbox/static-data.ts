// Reference data every sevDesk account shares. Ids that sevdesk-api.md reports as observed are kept
// (Germany = 1, contact category 3 = customer, address categories 47/48, communication way keys 1–8,
// unity 1 = Stück); the remaining ids are the sandbox's own and stable.

export interface StaticCountry {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  priority: number;
}

// EU members sort before the rest; their VAT rates (for OSS) come from src/domain/tax/eu-countries.ts.
const eu = (id: number, code: string, name: string, nameEn: string): StaticCountry => ({
  id,
  code,
  name,
  nameEn,
  priority: 100,
});
const other = (id: number, code: string, name: string, nameEn: string): StaticCountry => ({
  id,
  code,
  name,
  nameEn,
  priority: 200,
});

export const STATIC_COUNTRIES: readonly StaticCountry[] = [
  { ...eu(1, 'de', 'Deutschland', 'Germany'), priority: 1 },
  { ...eu(2, 'at', 'Österreich', 'Austria'), priority: 2 },
  other(3, 'ch', 'Schweiz', 'Switzerland'),
  eu(4, 'be', 'Belgien', 'Belgium'),
  eu(5, 'bg', 'Bulgarien', 'Bulgaria'),
  eu(6, 'cy', 'Zypern', 'Cyprus'),
  eu(7, 'cz', 'Tschechien', 'Czech Republic'),
  eu(8, 'dk', 'Dänemark', 'Denmark'),
  eu(9, 'ee', 'Estland', 'Estonia'),
  eu(10, 'es', 'Spanien', 'Spain'),
  eu(11, 'fi', 'Finnland', 'Finland'),
  eu(12, 'fr', 'Frankreich', 'France'),
  eu(13, 'gr', 'Griechenland', 'Greece'),
  eu(14, 'hr', 'Kroatien', 'Croatia'),
  eu(15, 'hu', 'Ungarn', 'Hungary'),
  eu(16, 'ie', 'Irland', 'Ireland'),
  eu(17, 'it', 'Italien', 'Italy'),
  eu(18, 'lt', 'Litauen', 'Lithuania'),
  eu(19, 'lu', 'Luxemburg', 'Luxembourg'),
  eu(20, 'lv', 'Lettland', 'Latvia'),
  eu(21, 'mt', 'Malta', 'Malta'),
  eu(22, 'nl', 'Niederlande', 'Netherlands'),
  eu(23, 'pl', 'Polen', 'Poland'),
  eu(24, 'pt', 'Portugal', 'Portugal'),
  eu(25, 'ro', 'Rumänien', 'Romania'),
  eu(26, 'se', 'Schweden', 'Sweden'),
  eu(27, 'si', 'Slowenien', 'Slovenia'),
  eu(28, 'sk', 'Slowakei', 'Slovakia'),
  // Two GB entries, as in real accounts (sevdesk-api.md §2.5); only "United Kingdom" is the one to use.
  other(29, 'gb', 'Vereinigtes Königreich', 'United Kingdom'),
  other(30, 'gb', 'Großbritannien', 'Great Britain'),
  other(31, 'us', 'Vereinigte Staaten von Amerika', 'United States'),
  other(32, 'no', 'Norwegen', 'Norway'),
  other(33, 'li', 'Liechtenstein', 'Liechtenstein'),
  other(34, 'is', 'Island', 'Iceland'),
  other(35, 'ca', 'Kanada', 'Canada'),
  other(36, 'au', 'Australien', 'Australia'),
  other(37, 'nz', 'Neuseeland', 'New Zealand'),
  other(38, 'jp', 'Japan', 'Japan'),
  other(39, 'cn', 'China', 'China'),
  other(40, 'kr', 'Südkorea', 'South Korea'),
  other(41, 'in', 'Indien', 'India'),
  other(42, 'sg', 'Singapur', 'Singapore'),
  other(43, 'hk', 'Hongkong', 'Hong Kong'),
  other(44, 'tr', 'Türkei', 'Turkey'),
  other(45, 'ua', 'Ukraine', 'Ukraine'),
  other(46, 'rs', 'Serbien', 'Serbia'),
  other(47, 'ba', 'Bosnien und Herzegowina', 'Bosnia and Herzegovina'),
  other(48, 'me', 'Montenegro', 'Montenegro'),
  other(49, 'mk', 'Nordmazedonien', 'North Macedonia'),
  other(50, 'al', 'Albanien', 'Albania'),
  other(51, 'md', 'Moldau', 'Moldova'),
  other(52, 'ad', 'Andorra', 'Andorra'),
  other(53, 'mc', 'Monaco', 'Monaco'),
  other(54, 'sm', 'San Marino', 'San Marino'),
  other(55, 'il', 'Israel', 'Israel'),
  other(56, 'ae', 'Vereinigte Arabische Emirate', 'United Arab Emirates'),
  other(57, 'za', 'Südafrika', 'South Africa'),
  other(58, 'br', 'Brasilien', 'Brazil'),
  other(59, 'mx', 'Mexiko', 'Mexico'),
  other(60, 'ar', 'Argentinien', 'Argentina'),
];

export const COUNTRIES_BY_ID: ReadonlyMap<number, StaticCountry> = new Map(STATIC_COUNTRIES.map((c) => [c.id, c]));

export function countryByCode(code: string): StaticCountry | undefined {
  const lower = code.toLowerCase();
  return STATIC_COUNTRIES.find((c) => c.code === lower);
}

export interface Category {
  id: number;
  name: string;
  objectType: string;
  priority: number;
  code: string | null;
}

export const CATEGORIES: readonly Category[] = [
  { id: 2, name: 'Lieferant', objectType: 'Contact', priority: 1, code: 'SUPPLIER' },
  { id: 3, name: 'Kunde', objectType: 'Contact', priority: 2, code: 'CUSTOMER' },
  { id: 4, name: 'Partner', objectType: 'Contact', priority: 3, code: 'PARTNER' },
  { id: 28, name: 'Interessent', objectType: 'Contact', priority: 4, code: 'PROSPECT_CUSTOMER' },
  // 43 appears on a real test-account address (sevdesk-api.md §2.5); its label is not documented.
  { id: 43, name: 'Geschäftsadresse', objectType: 'ContactAddress', priority: 1, code: null },
  { id: 47, name: 'Rechnungsadresse', objectType: 'ContactAddress', priority: 2, code: 'INVOICE_ADDRESS' },
  { id: 48, name: 'Lieferadresse', objectType: 'ContactAddress', priority: 3, code: 'DELIVERY_ADDRESS' },
];

export const CATEGORIES_BY_ID: ReadonlyMap<number, Category> = new Map(CATEGORIES.map((c) => [c.id, c]));

export const COMMUNICATION_WAY_KEYS: ReadonlyArray<{ id: number; name: string; translationCode: string }> = [
  { id: 1, name: 'Privat', translationCode: 'COMM_WAY_KEY_PRIVAT' },
  { id: 2, name: 'Arbeit', translationCode: 'COMM_WAY_KEY_WORK' },
  { id: 3, name: 'Fax', translationCode: 'COMM_WAY_KEY_FAX' },
  { id: 4, name: 'Mobil', translationCode: 'COMM_WAY_KEY_MOBILE' },
  { id: 5, name: ' ', translationCode: 'COMM_WAY_KEY_EMPTY' },
  { id: 6, name: 'Autobox', translationCode: 'COMM_WAY_KEY_AUTOBOX' },
  { id: 7, name: 'Newsletter', translationCode: 'COMM_WAY_KEY_NEWSLETTER' },
  { id: 8, name: 'Rechnungsadresse', translationCode: 'COMM_WAY_KEY_INVOICE' },
];

export interface TaxRuleInfo {
  id: number;
  code: string;
  name: string;
  receiptType: 'REVENUE' | 'EXPENSE';
  /** Allowed position rates in percent; empty = depends on the destination country (OSS). */
  rates: readonly number[];
  /** Refused on vouchers (sevDesk: "Unsupported use cases: Usage in vouchers"). */
  invoiceOnly: boolean;
  /** Replaces this 1.0 taxType during the transition period. */
  legacyTaxType?: 'default' | 'eu' | 'noteu' | 'ss';
}

// Codes 1, 2, 3, 9, 11, 12, 13, 14, 16, 22 are observed (sevdesk-api.md §6.3); the others follow their pattern.
export const TAX_RULES: readonly TaxRuleInfo[] = [
  {
    id: 1,
    code: 'USTPFL_UMS_EINN',
    name: 'Umsatzsteuerpflichtige Umsätze',
    receiptType: 'REVENUE',
    rates: [0, 7, 19],
    invoiceOnly: false,
    legacyTaxType: 'default',
  },
  { id: 2, code: 'AUSFUHREN', name: 'Ausfuhren', receiptType: 'REVENUE', rates: [0], invoiceOnly: false },
  {
    id: 3,
    code: 'INNERGEM_LIEF',
    name: 'Innergemeinschaftliche Lieferungen',
    receiptType: 'REVENUE',
    rates: [0, 7, 19],
    invoiceOnly: false,
    legacyTaxType: 'eu',
  },
  {
    id: 4,
    code: 'STEUERFREIE_UMS_P4',
    name: 'Steuerfreie Umsätze §4 UStG',
    receiptType: 'REVENUE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 5,
    code: 'REV_CHARGE_13B_EINN',
    name: 'Reverse Charge gem. §13b UStG',
    receiptType: 'REVENUE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 8,
    code: 'INNERGEM_ERW',
    name: 'Innergemeinschaftliche Erwerbe',
    receiptType: 'EXPENSE',
    rates: [0, 7, 19],
    invoiceOnly: false,
  },
  {
    id: 9,
    code: 'VORST_ABZUGSF_AUFW',
    name: 'Vorsteuerabziehbare Aufwendungen',
    receiptType: 'EXPENSE',
    rates: [0, 7, 19],
    invoiceOnly: false,
  },
  {
    id: 10,
    code: 'NICHT_VORST_ABZUGSF_AUFW',
    name: 'Nicht vorsteuerabziehbare Aufwendungen',
    receiptType: 'EXPENSE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 11,
    code: 'KLEINUNTERNEHMER_P19',
    name: 'Steuer nicht erhoben nach §19 UStG',
    receiptType: 'REVENUE',
    rates: [0],
    invoiceOnly: false,
    legacyTaxType: 'ss',
  },
  {
    id: 12,
    code: 'REV_CHARGE_13B_MIT_VORST_ABZUG_0',
    name: 'Reverse Charge gem. §13b Abs. 2 UStG mit Vorsteuerabzug 0% (19%)',
    receiptType: 'EXPENSE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 13,
    code: 'REV_CHARGE_13B_OHNE_VORST_ABZUG_0',
    name: 'Reverse Charge gem. §13b UStG ohne Vorsteuerabzug 0% (19%)',
    receiptType: 'EXPENSE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 14,
    code: 'REV_CHARGE_13B_EU_0',
    name: 'Reverse Charge gem. §13b Abs. 1 EU Umsätze 0% (19%)',
    receiptType: 'EXPENSE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 16,
    code: 'NICHT_STEUERBAR_EXPENSE',
    name: 'Nicht steuerbar (Aufwand)',
    receiptType: 'EXPENSE',
    rates: [0],
    invoiceOnly: false,
  },
  {
    id: 17,
    code: 'NICHT_IM_INLAND_STEUERBAR',
    name: 'Nicht im Inland steuerbare Leistung',
    receiptType: 'REVENUE',
    rates: [0],
    invoiceOnly: false,
    legacyTaxType: 'noteu',
  },
  { id: 18, code: 'OSS_GOODS', name: 'One Stop Shop (Waren)', receiptType: 'REVENUE', rates: [], invoiceOnly: true },
  {
    id: 19,
    code: 'OSS_ELECTRONIC_SERVICE',
    name: 'One Stop Shop (elektronische Dienstleistungen)',
    receiptType: 'REVENUE',
    rates: [],
    invoiceOnly: true,
  },
  {
    id: 20,
    code: 'OSS_OTHER_SERVICE',
    name: 'One Stop Shop (sonstige Dienstleistungen)',
    receiptType: 'REVENUE',
    rates: [],
    invoiceOnly: true,
  },
  {
    id: 21,
    code: 'REV_CHARGE_18B',
    name: 'Reverse Charge gem. §18b UStG',
    receiptType: 'REVENUE',
    rates: [0],
    invoiceOnly: true,
  },
  {
    id: 22,
    code: 'NICHT_STEUERBAR_REVENUE',
    name: 'Nicht steuerbar (Erlös)',
    receiptType: 'REVENUE',
    rates: [0],
    invoiceOnly: false,
  },
];

export const TAX_RULES_BY_ID: ReadonlyMap<number, TaxRuleInfo> = new Map(TAX_RULES.map((r) => [r.id, r]));
export const OSS_RULE_IDS: ReadonlySet<number> = new Set([18, 19, 20]);

export const UNITIES: ReadonlyArray<{ id: number; name: string; translationCode: string }> = [
  { id: 1, name: 'Stk', translationCode: 'UNITY_PIECE' },
  { id: 2, name: 'm²', translationCode: 'UNITY_SQUARE_METER' },
  { id: 3, name: 'm', translationCode: 'UNITY_METER' },
  { id: 4, name: 'kg', translationCode: 'UNITY_KILOGRAM' },
  { id: 5, name: 't', translationCode: 'UNITY_TON' },
  { id: 6, name: 'lfm', translationCode: 'UNITY_RUNNING_METER' },
  { id: 7, name: 'pauschal', translationCode: 'UNITY_FLAT_RATE' },
  { id: 8, name: 'm³', translationCode: 'UNITY_CUBIC_METER' },
  { id: 9, name: 'Std.', translationCode: 'UNITY_HOUR' },
  { id: 10, name: 'km', translationCode: 'UNITY_KILOMETER' },
  { id: 11, name: '%', translationCode: 'UNITY_PERCENT' },
  { id: 12, name: 'Tag(e)', translationCode: 'UNITY_DAYS' },
  { id: 13, name: 'L', translationCode: 'UNITY_LITER' },
];
