import { describe, expect, it } from 'vitest';
import {
  type BankTransaction,
  contestedTransactions,
  decideMatch,
  evaluateTransaction,
  listingStartDate,
  type MatchCriteria,
  matchWindow,
} from './match.js';

const criteria: MatchCriteria = {
  checkAccountId: '1',
  key: '3718',
  amount: 11900,
  currency: 'EUR',
  paidDate: '2026-03-10',
  windowDaysBefore: 14,
  windowDaysAfter: 14,
};

let seq = 0;
function tx(over: Partial<BankTransaction> = {}): BankTransaction {
  return {
    id: String(++seq),
    checkAccountId: '1',
    amount: 11900,
    currency: 'EUR',
    status: 100,
    valueDate: '2026-03-10T12:00:00+01:00',
    entryDate: '2026-03-11T08:00:00+01:00',
    paymtPurpose: 'Bestellung 3718 Max Kunde',
    payeePayerName: 'Max Kunde',
    deleted: false,
    ...over,
  };
}

describe('evaluateTransaction', () => {
  it('accepts an exact match', () => {
    expect(evaluateTransaction(tx(), criteria).mismatches).toEqual([]);
  });

  it('names every broken rule', () => {
    expect(evaluateTransaction(tx({ paymtPurpose: 'Bestellung 83718' }), criteria).mismatches).toEqual(['purpose']);
    expect(evaluateTransaction(tx({ amount: 11901 }), criteria).mismatches).toEqual(['amount']);
    expect(evaluateTransaction(tx({ amount: -11900 }), criteria).mismatches).toEqual(['sign']);
    expect(evaluateTransaction(tx({ amount: null }), criteria).mismatches).toEqual(['sign']);
    expect(evaluateTransaction(tx({ currency: 'CHF' }), criteria).mismatches).toEqual(['currency']);
    expect(evaluateTransaction(tx({ status: 200 }), criteria).mismatches).toEqual(['not_open']);
    expect(evaluateTransaction(tx({ checkAccountId: '2' }), criteria).mismatches).toEqual(['other_account']);
    expect(evaluateTransaction(tx({ valueDate: '2026-02-20T10:00:00+01:00' }), criteria).mismatches).toEqual(['date']);
    expect(evaluateTransaction(tx({ valueDate: null }), criteria).mismatches).toEqual(['date']);
    const t = tx();
    expect(evaluateTransaction(t, criteria, new Set([t.id])).mismatches).toEqual(['claimed']);
  });

  it('compares value dates as Berlin days at the window edges', () => {
    expect(matchWindow(criteria)).toEqual({ from: '2026-02-24', to: '2026-03-24' });
    // 23:30 UTC on 23 Feb is 24 Feb in Berlin: inside.
    expect(evaluateTransaction(tx({ valueDate: '2026-02-23T23:30:00Z' }), criteria).mismatches).toEqual([]);
    expect(evaluateTransaction(tx({ valueDate: '2026-02-23T22:30:00Z' }), criteria).mismatches).toEqual(['date']);
    expect(evaluateTransaction(tx({ valueDate: '2026-03-24T22:59:00Z' }), criteria).mismatches).toEqual([]);
  });

  it('matches refunds by their negative amount', () => {
    const refund = { ...criteria, amount: -5000 };
    expect(evaluateTransaction(tx({ amount: -5000 }), refund).mismatches).toEqual([]);
    expect(evaluateTransaction(tx({ amount: 5000 }), refund).mismatches).toEqual(['sign']);
  });
});

describe('decideMatch', () => {
  it('books exactly one candidate', () => {
    const good = tx();
    const d = decideMatch([tx({ paymtPurpose: 'Bestellung 83718' }), good, tx({ amount: 11800 })], criteria);
    expect(d).toEqual({ kind: 'unique', transaction: good });
  });

  it('refuses several candidates and shows them', () => {
    const a = tx();
    const b = tx({ paymtPurpose: '#3718' });
    const d = decideMatch([a, b], criteria);
    expect(d.kind).toBe('several');
    expect(d.kind === 'several' && d.candidates.map((t) => t.id)).toEqual([a.id, b.id]);
  });

  it('counts a transaction listed twice once', () => {
    const a = tx();
    expect(decideMatch([a, { ...a }], criteria)).toMatchObject({ kind: 'unique' });
  });

  it('keeps near misses (key matches, amount or date differs) when nothing matches', () => {
    const wrongAmount = tx({ amount: 11000 });
    const d = decideMatch([wrongAmount, tx({ paymtPurpose: 'other' }), tx({ status: 400 })], criteria);
    expect(d.kind).toBe('none');
    expect(d.kind === 'none' && d.nearMisses.map((e) => [e.transaction.id, e.mismatches])).toEqual([
      [wrongAmount.id, ['amount']],
    ]);
  });
});

describe('contestedTransactions', () => {
  it('returns transactions claimed by several documents', () => {
    const contested = contestedTransactions(
      new Map([
        ['doc_a', 't1'],
        ['doc_b', 't1'],
        ['doc_c', 't2'],
      ]),
    );
    expect([...contested]).toEqual([['t1', ['doc_a', 'doc_b']]]);
  });
});

describe('listingStartDate', () => {
  it('widens the earliest window start', () => {
    expect(listingStartDate([criteria, { ...criteria, paidDate: '2026-03-01' }])).toBe('2026-02-08');
    expect(listingStartDate([])).toBeNull();
  });
});
