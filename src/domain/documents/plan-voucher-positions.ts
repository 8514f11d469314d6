// Voucher positions whose sevDesk-side rounding reproduces the document's VAT per rate exactly.
// sevDesk derives each position's tax itself (from gross when net:false, from net when net:true) and sums;
// shops round per line, so one position per rate is often a cent off (product.md "Cents that must agree").
import { formatMinor } from '../money/minor.js';
import { type RateBp, taxFromGross, taxFromNet } from '../money/vat.js';
import { formatRate } from '../tax/rate-format.js';
import type { DocumentLine, Minor } from './document.js';

export interface PlannedPosition {
  rateBp: RateBp;
  accountKey: string;
  gross: Minor;
  net: Minor;
  /** The tax sevDesk will derive for this position. */
  tax: Minor;
  /** Indexes into the lines passed in, ascending. */
  lineIndexes: number[];
}

export interface PlanError {
  rateBp: RateBp;
  /** The document's VAT at this rate. */
  documentTax: Minor;
  /** What sevDesk would derive from one position per rate (gross). */
  derivedTax: Minor;
  /** documentTax − derivedTax */
  difference: Minor;
  message: string;
}

export type VoucherPlan =
  /** net:false → send sumGross (gross authoritative); net:true → send sumNet. */
  { ok: true; net: boolean; positions: PlannedPosition[] } | { ok: false; errors: PlanError[] };

export interface PlanOptions {
  /** Revenue account per line; positions never mix accounts. Default: one account. */
  accountKeyOf?: (line: DocumentLine, index: number) => string;
  /** For amounts in error messages; default EUR. */
  currency?: string;
}

interface Item {
  index: number;
  accountKey: string;
  /** gross (net:false) or net (net:true) */
  amount: Minor;
  tax: Minor;
}

interface Group {
  accountKey: string;
  items: Item[];
  amount: Minor;
}

type TaxOf = (amount: Minor, rateBp: RateBp) => Minor;

const groupOf = (items: Item[]): Group => ({
  accountKey: items[0]?.accountKey ?? '',
  items,
  amount: items.reduce((sum, item) => sum + item.amount, 0),
});

const merge = (a: Group, b: Group): Group => groupOf([...a.items, ...b.items]);

function derived(groups: readonly Group[], rateBp: RateBp, taxOf: TaxOf): Minor {
  return groups.reduce((sum, g) => sum + taxOf(g.amount, rateBp), 0);
}

function byAccount(items: readonly Item[]): Group[] {
  const accounts = [...new Set(items.map((item) => item.accountKey))];
  return accounts.map((key) => groupOf(items.filter((item) => item.accountKey === key)));
}

/**
 * Merge groups where the merged rounding equals the two roundings: fewer positions, same derived total.
 * One greedy pass, O(groups × result), so large documents stay fast.
 */
function compress(groups: readonly Group[], rateBp: RateBp, taxOf: TaxOf): Group[] {
  const result: Group[] = [];
  for (const group of groups) {
    const own = taxOf(group.amount, rateBp);
    const index = result.findIndex(
      (r) =>
        r.accountKey === group.accountKey && taxOf(r.amount + group.amount, rateBp) === taxOf(r.amount, rateBp) + own,
    );
    const target = result[index];
    if (target) result[index] = merge(target, group);
    else result.push(group);
  }
  return result;
}

/** Start from one position per line and merge where a merge moves the derived tax toward the target. */
function repairFromSingles(items: readonly Item[], rateBp: RateBp, taxOf: TaxOf, target: Minor): Group[] | null {
  const groups = items.map((item) => groupOf([item]));
  let gap = derived(groups, rateBp, taxOf) - target;
  while (gap !== 0) {
    let best: { a: number; b: number; delta: Minor } | null = null;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const ga = groups[a] as Group;
        const gb = groups[b] as Group;
        if (ga.accountKey !== gb.accountKey) continue;
        const delta = taxOf(ga.amount + gb.amount, rateBp) - taxOf(ga.amount, rateBp) - taxOf(gb.amount, rateBp);
        if (delta === 0 || Math.sign(delta) === Math.sign(gap) || Math.abs(delta) > Math.abs(gap)) continue;
        if (!best || Math.abs(delta) > Math.abs(best.delta)) best = { a, b, delta };
      }
    }
    if (!best) return null;
    const merged = merge(groups[best.a] as Group, groups[best.b] as Group);
    groups.splice(best.b, 1);
    groups[best.a] = merged;
    gap += best.delta;
  }
  return compress(groups, rateBp, taxOf);
}

/** Fewest positions first: one per account; then one line set apart; then per line with repairs. */
function planRate(items: readonly Item[], rateBp: RateBp, taxOf: TaxOf): Group[] | null {
  const target = items.reduce((sum, item) => sum + item.tax, 0);
  const aggregated = byAccount(items);
  if (derived(aggregated, rateBp, taxOf) === target) return aggregated;
  for (const single of items) {
    const groups = [...byAccount(items.filter((item) => item !== single)), groupOf([single])];
    if (derived(groups, rateBp, taxOf) === target) return groups;
  }
  return repairFromSingles(items, rateBp, taxOf, target);
}

function toPosition(group: Group, rateBp: RateBp, net: boolean): PlannedPosition {
  const tax = net ? taxFromNet(group.amount, rateBp) : taxFromGross(group.amount, rateBp);
  return {
    rateBp,
    accountKey: group.accountKey,
    gross: net ? group.amount + tax : group.amount,
    net: net ? group.amount : group.amount - tax,
    tax,
    lineIndexes: group.items.map((item) => item.index).sort((a, b) => a - b),
  };
}

interface RatePlan {
  rateBp: RateBp;
  items: Item[];
  gross: Group[] | null;
  /** Only computed when some rate fails with gross positions. */
  net?: Group[] | null;
}

function itemsOf(
  lines: readonly DocumentLine[],
  rateBp: RateBp,
  keyOf: PlanOptions['accountKeyOf'],
  net: boolean,
): Item[] {
  return lines.flatMap((line, index) =>
    line.rateBp === rateBp
      ? [{ index, accountKey: keyOf ? keyOf(line, index) : '', amount: net ? line.net : line.gross, tax: line.tax }]
      : [],
  );
}

function positionsOf(plans: readonly RatePlan[], net: boolean): PlannedPosition[] {
  return plans
    .flatMap((plan) => (net ? plan.net : plan.gross)?.map((group) => toPosition(group, plan.rateBp, net)) ?? [])
    .sort((a, b) => (a.lineIndexes[0] ?? 0) - (b.lineIndexes[0] ?? 0));
}

function errorFor(plan: RatePlan, currency: string): PlanError {
  const documentTax = plan.items.reduce((sum, item) => sum + item.tax, 0);
  const derivedTax = taxFromGross(
    plan.items.reduce((sum, item) => sum + item.amount, 0),
    plan.rateBp,
  );
  const difference = documentTax - derivedTax;
  const amount = (minor: Minor) => `${formatMinor(minor, currency)} ${currency}`;
  const why = plan.net
    ? 'net positions would match this rate, but not the other rates of the document'
    : 'neither gross nor net positions match';
  return {
    rateBp: plan.rateBp,
    documentTax,
    derivedTax,
    difference,
    message:
      `VAT at ${formatRate(plan.rateBp)} cannot be reproduced by sevDesk's rounding: the document has ${amount(documentTax)}, ` +
      `one position derives ${amount(derivedTax)} (difference ${amount(difference)}); ${why}.`,
  };
}

/**
 * Plans voucher positions for a document's lines. Tries gross positions (net:false) for every rate,
 * then net positions (net:true) for the whole document; if neither reproduces each rate's VAT exactly,
 * returns the rates that fail with gross positions and their cent difference (the caller flags "needs attention").
 */
export function planVoucherPositions(lines: readonly DocumentLine[], options: PlanOptions = {}): VoucherPlan {
  const keyOf = options.accountKeyOf;
  const rates = [...new Set(lines.map((line) => line.rateBp))].sort((a, b) => b - a);
  const plans: RatePlan[] = rates.map((rateBp) => {
    const items = itemsOf(lines, rateBp, keyOf, false);
    return { rateBp, items, gross: planRate(items, rateBp, taxFromGross) };
  });
  if (plans.every((plan) => plan.gross)) return { ok: true, net: false, positions: positionsOf(plans, false) };
  for (const plan of plans) plan.net = planRate(itemsOf(lines, plan.rateBp, keyOf, true), plan.rateBp, taxFromNet);
  if (plans.every((plan) => plan.net)) return { ok: true, net: true, positions: positionsOf(plans, true) };
  const currency = options.currency ?? 'EUR';
  return { ok: false, errors: plans.filter((plan) => !plan.gross).map((plan) => errorFor(plan, currency)) };
}
