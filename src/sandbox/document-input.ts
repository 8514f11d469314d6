// What the save calls of vouchers, invoices and credit notes read alike: the requested tax rule, a position's
// tax rate, the position a save updates and the positions a save deletes.
import { rateToBp } from '../domain/money/vat.js';
import { badRequest, notFound, unprocessable } from './errors.js';

type Bag = Record<string, unknown>;

/**
 * The tax rule a save call in sevdesk-Update 2.0 asks for: `taxRule.id`, else the stored rule, else the transition
 * mapping of a 1.0 `taxType` (each document kind has its own mapping table).
 */
export function requestedTaxRule(
  input: Bag,
  stored: { taxRule: number | null; taxType: string | null },
  legacyTaxTypes: Readonly<Record<string, number>>,
): number {
  const given = (input.taxRule as { id?: unknown } | null | undefined)?.id;
  if (given !== undefined && given !== null) return Number(given);
  if (stored.taxRule !== null) return stored.taxRule;
  if (stored.taxType === 'custom') throw unprocessable('taxType custom is not supported in sevdesk-Update 2.0');
  const mapped = stored.taxType ? legacyTaxTypes[stored.taxType] : undefined;
  if (mapped === undefined) throw unprocessable('taxRule is required in sevdesk-Update 2.0');
  return mapped;
}

/** A position's `taxRate` in basis points; `where` names the position in the 400 answer. */
export function positionRateBp(input: Bag, where: string): number {
  try {
    return rateToBp(input.taxRate as number);
  } catch {
    throw badRequest(`Validation error: ${where}.taxRate is not a tax rate`);
  }
}

/** The id a saved position carries (0 for a new one) and the stored position it replaces; an unknown id is 404. */
export function positionToReplace<P extends { id: number }>(
  positions: readonly P[],
  input: Bag,
  objectName: string,
): { id: number; existing: P | undefined } {
  const id = input.id !== undefined && input.id !== null ? Number(input.id) : 0;
  const existing = id ? positions.find((p) => p.id === id) : undefined;
  if (id && !existing) throw notFound(objectName, id);
  return { id, existing };
}

/** The ids of a `*PosDelete` value, which is one object or a list of them. */
export function deletedPositionIds(value: unknown): Set<number> {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return new Set(list.map((entry) => Number((entry as { id?: unknown }).id)).filter(Number.isFinite));
}
