// Field tables: one declaration per resource drives both partial updates (JSON → internal values)
// and rendering (internal values → sevDesk's string-typed wire format).
import { badRequest } from './errors.js';
import { flag, formatMinor, isoBerlin, parseDateInput, toMinor } from './wire.js';

export type FieldKind = 'string' | 'int' | 'decimal' | 'bool' | 'date' | 'money' | { ref: string };
export type FieldTable = Readonly<Record<string, FieldKind>>;

/** Resolves an embedded reference (`embed=category`) to its full wire object. */
export type RefResolver = (objectName: string, id: number) => unknown;

type Bag = Record<string, unknown>;

/** Copies every field of `table` that `input` carries into `record`, converted to the internal form. */
export function applyFields(record: object, input: Bag, table: FieldTable): void {
  const target = record as Bag;
  for (const key in table) {
    if (!(key in input)) continue;
    target[key] = toInternal(key, input[key], table[key]!);
  }
}

function toInternal(key: string, value: unknown, kind: FieldKind): unknown {
  if (value === null || value === undefined) return null;
  if (typeof kind === 'object') {
    const id = typeof value === 'object' ? (value as { id?: unknown }).id : value;
    if (id === null || id === undefined) return null;
    const n = Number(id);
    if (!Number.isInteger(n)) throw badRequest(`Validation error: ${key}.id must be an integer`);
    return n;
  }
  switch (kind) {
    case 'string':
      return String(value);
    case 'int':
    case 'decimal': {
      const n = Number(value);
      if (!Number.isFinite(n)) throw badRequest(`Validation error: ${key} must be a number`);
      return kind === 'int' ? Math.trunc(n) : n;
    }
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 'true';
    case 'money':
      try {
        return toMinor(value);
      } catch {
        throw badRequest(`Validation error: ${key} must be an amount`);
      }
    case 'date': {
      const epoch = parseDateInput(value);
      if (epoch === null) throw badRequest(`Validation error: ${key} must be a date`);
      return epoch;
    }
  }
}

/** Writes the wire form of every field of `table` into `out`. */
export function renderFields(
  record: object,
  table: FieldTable,
  out: Bag,
  embed?: ReadonlySet<string>,
  resolve?: RefResolver,
): Bag {
  const source = record as Bag;
  for (const key in table) {
    const kind = table[key]!;
    const value = source[key];
    if (value === null || value === undefined) {
      out[key] = null;
    } else if (typeof kind === 'object') {
      out[key] =
        embed?.has(key) && resolve
          ? (resolve(kind.ref, value as number) ?? { id: String(value), objectName: kind.ref })
          : { id: String(value), objectName: kind.ref };
    } else {
      out[key] = renderValue(value, kind);
    }
  }
  return out;
}

function renderValue(value: unknown, kind: Exclude<FieldKind, { ref: string }>): unknown {
  switch (kind) {
    case 'string':
      return value;
    case 'int':
    case 'decimal':
      return String(value);
    case 'bool':
      return flag(value as boolean);
    case 'money':
      return formatMinor(value as number);
    case 'date':
      return isoBerlin(value as number);
  }
}

/** The head every sevDesk object starts with. */
export function head(
  record: { id: number; create: number; update?: number },
  objectName: string,
): Record<string, unknown> {
  return {
    id: String(record.id),
    objectName,
    additionalInformation: null,
    create: isoBerlin(record.create),
    update: isoBerlin(record.update ?? record.create),
  };
}

/** A document's or position's sums, followed by the `*Accounting` copies sevDesk adds to them. */
export function renderSums(out: Bag, sums: { sumNet: number; sumTax: number; sumGross: number }): void {
  out.sumNet = formatMinor(sums.sumNet);
  out.sumTax = formatMinor(sums.sumTax);
  out.sumGross = formatMinor(sums.sumGross);
  out.sumNetAccounting = out.sumNet;
  out.sumTaxAccounting = out.sumTax;
  out.sumGrossAccounting = out.sumGross;
}

export const sevClientRef = (id: number) => ({ id: String(id), objectName: 'SevClient' });

/** Case-insensitive substring match, the way sevDesk's LIKE filters behave. */
export function contains(haystack: string | null | undefined, needle: string): boolean {
  return haystack?.toLowerCase().includes(needle.toLowerCase()) ?? false;
}

/** The id of a bracket filter like `contact[id]=…`; undefined when absent. */
export function refFilter(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(`${name}[id]`);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
