// The search key that identifies a payment in a transaction's purpose ("Verwendungszweck"): a template over the
// order's values, by default just the order number (as Germanized does). Placeholders are case-sensitive.

export const SEARCH_KEY_PLACEHOLDERS = ['orderNumber', 'invoiceNumber', 'transactionId'] as const;
export type SearchKeyPlaceholder = (typeof SEARCH_KEY_PLACEHOLDERS)[number];

export type SearchKeyValues = Record<SearchKeyPlaceholder, string | null>;

export type SearchKeyResult =
  | { ok: true; key: string }
  | { ok: false; code: 'invalid'; unknown: string[] }
  | { ok: false; code: 'missing'; placeholder: SearchKeyPlaceholder };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholders in the template that are not known. */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !(SEARCH_KEY_PLACEHOLDERS as readonly string[]).includes(n)))].map(
    (n) => `{${n}}`,
  );
}

/**
 * "Bestellung {orderNumber}" + {orderNumber: "3718"} → "Bestellung 3718". A placeholder without a value makes the
 * key unusable (an empty key would match everything); so does a template that renders to blanks only.
 */
export function renderSearchKey(template: string, values: SearchKeyValues): SearchKeyResult {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) return { ok: false, code: 'invalid', unknown };
  let missing: SearchKeyPlaceholder | null = null;
  const key = template.replace(PLACEHOLDER, (_all, name: SearchKeyPlaceholder) => {
    const value = values[name]?.trim() ?? '';
    if (value === '') missing ??= name;
    return value;
  });
  if (missing) return { ok: false, code: 'missing', placeholder: missing };
  const normalised = key.replace(/\s+/g, ' ').trim();
  if (normalised === '') return { ok: false, code: 'invalid', unknown: ['(empty)'] };
  return { ok: true, key: normalised };
}
