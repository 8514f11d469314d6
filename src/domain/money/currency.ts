// Minor-unit exponents per ISO 4217 currency. Shops send amounts as decimal strings;
// the exponent decides how many decimals a currency's minor unit has.

const ZERO_DECIMALS = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code);
}

/** Number of decimals of the currency's minor unit (EUR 2, JPY 0, KWD 3). Unknown well-formed codes default to 2. */
export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase();
  if (!isCurrencyCode(code)) throw new RangeError(`invalid currency code: ${JSON.stringify(currency)}`);
  if (ZERO_DECIMALS.has(code)) return 0;
  if (THREE_DECIMALS.has(code)) return 3;
  return 2;
}
