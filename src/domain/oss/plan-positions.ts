// Invoice and credit-note positions whose sevDesk-side rounding reproduces the document's VAT per rate to the
// cent. sevDesk derives each position's tax itself — from the gross price when the document shows gross prices
// (showNet false), from the net price otherwise — exactly like voucher positions (src/sandbox/document-math.ts).
// One position per document line where that reproduces each rate's VAT (the invoice then reads like the shop's);
// otherwise lines of a rate are merged as the voucher planner does; otherwise the document cannot be sent.
import type { DocumentLine, Minor } from '../documents/document.js';
import { type PlanError, planVoucherPositions } from '../documents/plan-voucher-positions.js';
import { type RateBp, taxFromGross, taxFromNet } from '../money/vat.js';

export interface SalesPosition {
  rateBp: RateBp;
  /** quantity × unitAmount: the position's gross (showNet false) or net (showNet true), signed minor units. */
  amount: Minor;
  /** Whole pieces (unity "Stück"); 1 when the line's quantity does not divide its amount exactly. */
  quantity: number;
  unitAmount: Minor;
  name: string;
  /** What sevDesk derives for this position. */
  net: Minor;
  tax: Minor;
  gross: Minor;
  /** Indexes into the lines passed in, ascending. */
  lineIndexes: number[];
}

export type SalesPositionPlan =
  | { ok: true; showNet: boolean; positions: SalesPosition[] }
  | { ok: false; errors: PlanError[] };

const NAME_MAX = 250;

function clip(text: string): string {
  return text.length > NAME_MAX ? `${text.slice(0, NAME_MAX - 1)}…` : text;
}

function derive(amount: Minor, rateBp: RateBp, showNet: boolean): Pick<SalesPosition, 'net' | 'tax' | 'gross'> {
  if (showNet) {
    const tax = taxFromNet(amount, rateBp);
    return { net: amount, tax, gross: amount + tax };
  }
  const tax = taxFromGross(amount, rateBp);
  return { net: amount - tax, tax, gross: amount };
}

/** Pieces and unit amount of one line: its whole quantity when that divides the amount exactly, else 1. */
function pieces(line: DocumentLine, amount: Minor): { quantity: number; unitAmount: Minor; prefix: string } {
  const text = line.quantity.trim().replace(/^[-+]/, '');
  const whole = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(whole) && whole >= 1 && amount % whole === 0)
    return { quantity: whole, unitAmount: amount / whole, prefix: '' };
  const shown = text === '' || text === '1' ? '' : `${text} × `;
  return { quantity: 1, unitAmount: amount, prefix: shown };
}

function lineAmount(line: DocumentLine, showNet: boolean): Minor {
  return showNet ? line.net : line.gross;
}

function perLineReproduces(lines: readonly DocumentLine[], rateBp: RateBp, showNet: boolean): boolean {
  const target = lines.reduce((sum, l) => sum + l.tax, 0);
  const derived = lines.reduce((sum, l) => sum + derive(lineAmount(l, showNet), rateBp, showNet).tax, 0);
  return derived === target;
}

function mergedName(lines: readonly DocumentLine[]): string {
  const names = [...new Set(lines.map((l) => l.name.trim()).filter(Boolean))];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} (+${names.length - 3})`;
}

/** Positions of one rate in one mode, or null when neither per-line nor merged positions reproduce its VAT. */
function planRate(
  lines: readonly DocumentLine[],
  indexes: readonly number[],
  rateBp: RateBp,
  showNet: boolean,
  currency: string,
): SalesPosition[] | null {
  if (perLineReproduces(lines, rateBp, showNet)) {
    return lines.map((line, i) => {
      const amount = lineAmount(line, showNet);
      const { quantity, unitAmount, prefix } = pieces(line, amount);
      return {
        rateBp,
        amount,
        quantity,
        unitAmount,
        name: clip(`${prefix}${line.name.trim() || '-'}`),
        ...derive(amount, rateBp, showNet),
        lineIndexes: [indexes[i] as number],
      };
    });
  }
  const merged = planVoucherPositions(lines, { currency });
  if (!merged.ok || merged.net !== showNet) return null;
  return merged.positions.map((p) => {
    const amount = showNet ? p.net : p.gross;
    const own = p.lineIndexes.map((i) => lines[i] as DocumentLine);
    return {
      rateBp,
      amount,
      quantity: 1,
      unitAmount: amount,
      name: clip(mergedName(own) || '-'),
      ...derive(amount, rateBp, showNet),
      lineIndexes: p.lineIndexes.map((i) => indexes[i] as number),
    };
  });
}

/**
 * Plans the positions of a sevDesk invoice or credit note for `lines` (already signed as the sevDesk document
 * carries them). Gross prices first (what consumer documents show), then net prices, for the whole document.
 */
export function planSalesPositions(lines: readonly DocumentLine[], currency = 'EUR'): SalesPositionPlan {
  const rates = [...new Set(lines.map((l) => l.rateBp))].sort((a, b) => b - a);
  for (const showNet of [false, true]) {
    const positions: SalesPosition[] = [];
    let ok = true;
    for (const rateBp of rates) {
      const indexes = lines.flatMap((l, i) => (l.rateBp === rateBp ? [i] : []));
      const planned = planRate(
        indexes.map((i) => lines[i] as DocumentLine),
        indexes,
        rateBp,
        showNet,
        currency,
      );
      if (!planned) {
        ok = false;
        break;
      }
      positions.push(...planned);
    }
    if (ok)
      return {
        ok: true,
        showNet,
        positions: positions.sort((a, b) => (a.lineIndexes[0] ?? 0) - (b.lineIndexes[0] ?? 0)),
      };
  }
  const failed = planVoucherPositions(lines, { currency });
  return { ok: false, errors: failed.ok ? [] : failed.errors };
}
