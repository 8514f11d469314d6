// Reading sevDesk's loose wire types (sevdesk-api.md §1.2): ids, amounts and flags arrive as strings or
// numbers; amounts become integer minor units here and never pass through float arithmetic.
import type { Minor } from '../../domain/documents/document.js';
import { formatMinor, parseMinor } from '../../domain/money/minor.js';
import { type RateBp, rateToBp } from '../../domain/money/vat.js';

export function wireId(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return wireId((value as { id?: unknown }).id);
  return String(value);
}

export function wireNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function wireString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

export function wireBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** "119", 10.7, "-15.00" → minor units of `currency`. */
export function wireMinor(value: unknown, currency = 'EUR'): Minor {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value !== 'string' && typeof value !== 'number') throw new RangeError('amount is not a number');
  return parseMinor(typeof value === 'string' ? value.trim() : value, currency, 'half_up');
}

export function wireRate(value: unknown): RateBp {
  return rateToBp(wireNumber(value) ?? 0);
}

/** Minor units → a JSON number whose shortest form is the exact decimal (11900 → 119, 1070 → 10.7). */
export function amountOut(minor: Minor, currency = 'EUR'): number {
  return Number(formatMinor(minor, currency));
}

/** Rate in basis points → sevDesk's percent number (1900 → 19). */
export function rateOut(rateBp: RateBp): number {
  return rateBp / 100;
}

/** ISO date (YYYY-MM-DD) → dd.mm.yyyy, which sevDesk stores as Berlin midnight (no day shift). */
export function dottedDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** A list answer; by-id GETs answer with a one-element list. */
export function asList(objects: unknown): Record<string, unknown>[] {
  if (Array.isArray(objects)) return objects.filter((o) => o && typeof o === 'object') as Record<string, unknown>[];
  if (objects && typeof objects === 'object') return [objects as Record<string, unknown>];
  return [];
}

export function asObject(objects: unknown): Record<string, unknown> {
  if (Array.isArray(objects)) return (objects[0] as Record<string, unknown>) ?? {};
  return (objects as Record<string, unknown>) ?? {};
}
