// Format checks for EU VAT ids (VIES syntax per member state). Plausible, not verified:
// a real check against VIES is an I/O concern outside the domain.

/** Country-specific part after the 2-letter prefix. */
const FORMATS: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^([A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^[1-9]\d{7}$/,
  SK: /^[1-9]\d{9}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** Upper case without blanks, dots, dashes or slashes: "de 123.456.789" -> "DE123456789". */
export function normalizeVatId(raw: string): string {
  return raw.replace(/[\s.\-/]/g, '').toUpperCase();
}

/** The ISO country of a VAT id's prefix (EL -> GR), or null if the prefix is not an EU/XI prefix. */
export function vatIdCountry(vatId: string): string | null {
  const prefix = normalizeVatId(vatId).slice(0, 2);
  if (!(prefix in FORMATS)) return null;
  return prefix === 'EL' ? 'GR' : prefix;
}

/**
 * Whether `vatId` has the syntax of an EU (or XI) VAT id. With `country`, the prefix must also belong
 * to that country (GR accepts EL).
 */
export function isPlausibleVatId(vatId: string | null | undefined, country?: string): boolean {
  if (!vatId) return false;
  const id = normalizeVatId(vatId);
  const prefix = id.slice(0, 2);
  const format = FORMATS[prefix];
  if (!format?.test(id.slice(2))) return false;
  return country === undefined || vatIdCountry(id) === country.toUpperCase();
}
