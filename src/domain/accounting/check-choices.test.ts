import { describe, expect, it } from 'vitest';
import { costCentreSettingsSchema, revenueAccountsSchema } from './accounting-settings.js';
import {
  accountsFor,
  checkAccountChoices,
  checkCostCentres,
  type GuidanceAccount,
  pairsOfKey,
} from './check-choices.js';

// SKR04 rows as sevDesk's ReceiptGuidance states them (the sandbox's table).
const row = (accountNumber: string, accountName: string, rules: Record<number, string[]>, types = ['REVENUE']) => ({
  accountDatevId: `9${accountNumber}`,
  accountNumber,
  accountName,
  receiptTypes: types,
  rules: Object.entries(rules).map(([id, taxRates]) => ({ id: Number(id), taxRates })),
});
const guidance: GuidanceAccount[] = [
  row('4400', 'Erlöse 19 % USt', { 1: ['NINETEEN'] }),
  row('4300', 'Erlöse 7 % USt', { 1: ['SEVEN'] }),
  row('4200', 'Erlöse', { 1: ['ZERO', 'SEVEN', 'NINETEEN'], 2: ['ZERO'], 3: ['ZERO'], 17: ['ZERO'] }),
  row('4720', 'Erlösschmälerungen 19 % USt', { 1: ['NINETEEN'] }),
  row('4185', 'Erlöse Kleinunternehmer', { 11: ['ZERO'] }),
  row('6855', 'Nebenkosten des Geldverkehrs', { 9: ['ZERO', 'SEVEN', 'NINETEEN'] }, ['EXPENSE']),
];

const check = (accounts: unknown, smallBusiness = false) =>
  checkAccountChoices(revenueAccountsSchema.parse(accounts), guidance, { smallBusiness });

describe('checkAccountChoices', () => {
  it('accepts accounts sevDesk takes for the rule and rate', () => {
    expect(
      check({
        byTaxCase: { '1:19': '4400', '1:7': '4300', '*': '4200' },
        byProductType: { service: { '1': '4200' } },
        cancellations: { byTaxCase: { '1:19': '4720' } },
      }),
    ).toEqual([]);
  });

  it('refuses a rate the account does not take, with the reason from ReceiptGuidance', () => {
    const [issue] = check({ byProductType: { service: { '1:19': '4300' } } });
    expect(issue?.path).toBe('revenueAccounts.byProductType.service.1:19');
    expect(issue?.message.code).toBe('account_refused');
    expect(issue?.message.en).toMatch(/refuses account 4300 \(Erlöse 7 % USt\) for tax rule 1 at 19%/);
    expect(issue?.message.en).toMatch(/rate not allowed; allowed are rule 1 at 7%/);
    expect(issue?.message.de).toMatch(/Steuerregel 1 mit 19 %/);
  });

  it('refuses a rule the account does not take, unknown accounts, expense accounts and unknown keys', () => {
    const issues = check({
      byTaxCase: { '3': '4400', '2': '9999', '17': '6855', '18': '4200', '3:19': '4200' },
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path.replace('revenueAccounts.byTaxCase.', ''), i.message]));
    expect(Object.fromEntries(Object.entries(byPath).map(([k, m]) => [k, m.code]))).toEqual({
      '3': 'account_refused',
      '2': 'account_unknown',
      '17': 'account_refused',
      '18': 'tax_case_key_unknown',
      '3:19': 'tax_case_key_unknown',
    });
    expect(byPath['3']?.en).toMatch(/rule not allowed/);
    expect(byPath['17']?.en).toMatch(/no revenue account/);
  });

  it('needs an account for every tax case a key stands for', () => {
    expect(check({ byTaxCase: { '1': '4400' } })[0]?.message.en).toMatch(/at 7%/);
    expect(check({ byTaxCase: { '*': '4400' } })).toHaveLength(1);
    expect(check({ byTaxCase: { '*': '4185' } }, true)).toEqual([]);
    expect(pairsOfKey('*', true)).toEqual([{ ruleId: 11, rateBp: 0 }]);
  });

  it('offers per key only the accounts sevDesk takes there', () => {
    expect(accountsFor(guidance, '1:19', false).map((g) => g.accountNumber)).toEqual(['4200', '4400', '4720']);
    expect(accountsFor(guidance, '3', false).map((g) => g.accountNumber)).toEqual(['4200']);
  });
});

describe('checkCostCentres', () => {
  it('refuses cost centres the account does not have', () => {
    const settings = costCentreSettingsSchema.parse({ default: '1', byPaymentMethod: { paypal: '2' } });
    expect(checkCostCentres(settings, [{ id: '1', name: 'Shop', number: '100' }])).toEqual([
      { path: 'costCentre.byPaymentMethod.paypal', message: expect.objectContaining({ code: 'cost_centre_unknown' }) },
    ]);
  });
});
