import { describe, expect, it } from 'vitest';
import { mergeAssignments } from './accounting.command.js';

describe('accounting set --set', () => {
  it('merges one key into the current settings at every level; null removes it', () => {
    const current = { revenueAccounts: { byTaxCase: { '1:19': '4400', '1:7': '4300' }, shipping: {} } };
    expect(mergeAssignments(current, { revenueAccounts: { byTaxCase: { '1:19': null, '*': '4200' } } })).toEqual({
      revenueAccounts: { byTaxCase: { '1:7': '4300', '*': '4200' }, shipping: {} },
    });
  });
});
