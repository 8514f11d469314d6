import { describe, expect, it } from 'vitest';
import { chooseRevenueAccount, configuredAccount, guidanceRefusal } from './revenue-accounts.js';
import type { GuidanceRow } from './sevdesk-api.js';

const row = (
  accountNumber: string,
  accountName: string,
  rules: Record<number, string[]>,
  types = ['REVENUE'],
): GuidanceRow => ({
  accountDatevId: `id${accountNumber}`,
  accountNumber,
  accountName,
  receiptTypes: types,
  rules: Object.entries(rules).map(([id, taxRates]) => ({ id: Number(id), name: '', taxRates })),
});

const GUIDANCE = [
  row('4200', 'Erlöse', { 1: ['ZERO', 'SEVEN', 'NINETEEN'], 2: ['ZERO'], 3: ['ZERO'], 17: ['ZERO'] }),
  row('4400', 'Erlöse 19 % USt', { 1: ['NINETEEN'] }),
  row('4300', 'Erlöse 7 % USt', { 1: ['SEVEN'] }),
  row('4720', 'Erlösschmälerungen 19 % USt', { 1: ['NINETEEN'] }),
  row('4120', 'Steuerfreie Umsätze § 4 Nr. 1a UStG', { 2: ['ZERO'] }),
  row('6855', 'Nebenkosten des Geldverkehrs', { 9: ['NINETEEN'] }, ['EXPENSE']),
];

describe('revenue account choice', () => {
  it('prefers the specific account for rule and rate over the generic one', () => {
    expect(chooseRevenueAccount(GUIDANCE, 1, 1900)).toMatchObject({ ok: true, row: { accountNumber: '4400' } });
    expect(chooseRevenueAccount(GUIDANCE, 1, 700)).toMatchObject({ ok: true, row: { accountNumber: '4300' } });
    expect(chooseRevenueAccount(GUIDANCE, 2, 0)).toMatchObject({ ok: true, row: { accountNumber: '4120' } });
    expect(chooseRevenueAccount(GUIDANCE, 17, 0)).toMatchObject({ ok: true, row: { accountNumber: '4200' } });
  });

  it('never picks a revenue-reduction account by itself, and names a missing one', () => {
    const onlyReduction = GUIDANCE.filter((g) => g.accountNumber === '4720');
    const r = chooseRevenueAccount(onlyReduction, 1, 1900);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('revenue_account_missing');
  });

  it('validates a configured account: REVENUE, rule and rate', () => {
    expect(configuredAccount({ '1:19': '4400', '1': '4200', '*': '4100' }, 1, 1900)).toBe('4400');
    expect(configuredAccount({ '1': '4200' }, 1, 700)).toBe('4200');
    const wrong = chooseRevenueAccount(GUIDANCE, 1, 700, { '1:7': '4400' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.en).toMatch(/4400.*rate 7 % not allowed/);
    const expense = chooseRevenueAccount(GUIDANCE, 1, 1900, { '*': '6855' });
    if (!expense.ok) expect(expense.error.en).toMatch(/no revenue account/);
    expect(guidanceRefusal(GUIDANCE[1]!, 3, 0)).toBe('tax rule 3 not allowed');
  });
});
