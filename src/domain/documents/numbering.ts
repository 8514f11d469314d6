// Document number formats: "RE-{YYYY}-{seq:5}" -> "RE-2026-00042". The sequence itself lives in the
// database; this only renders it and tells which period a counter belongs to.

export const DEFAULT_NUMBER_FORMATS = {
  invoice: 'RE-{YYYY}-{seq:5}',
  cancellation: 'ST-{YYYY}-{seq:5}',
} as const;

export type NumberFormatCheck = { ok: true } | { ok: false; error: string };

const TOKEN = /\{([^{}]*)\}/g;
const SEQ = /^seq(?::(\d{1,2}))?$/;
const MAX_PAD = 12;

/** Valid when it has exactly one {seq} or {seq:N} (1 ≤ N ≤ 12), only known tokens and no stray braces. */
export function validateNumberFormat(format: string): NumberFormatCheck {
  if (format.trim() === '') return { ok: false, error: 'The number format is empty.' };
  if (format.length > 64) return { ok: false, error: 'The number format is longer than 64 characters.' };
  let seqCount = 0;
  for (const [, token = ''] of format.matchAll(TOKEN)) {
    const seq = SEQ.exec(token);
    if (seq) {
      const pad = seq[1] === undefined ? 1 : Number(seq[1]);
      if (pad < 1 || pad > MAX_PAD) return { ok: false, error: `{seq:${seq[1]}} must pad to 1–${MAX_PAD} digits.` };
      seqCount += 1;
    } else if (!['YYYY', 'YY', 'MM'].includes(token)) {
      return { ok: false, error: `Unknown token {${token}}; use {YYYY}, {YY}, {MM}, {seq} or {seq:N}.` };
    }
  }
  if (/[{}]/.test(format.replace(TOKEN, ''))) return { ok: false, error: 'The number format has an unmatched brace.' };
  if (seqCount !== 1) return { ok: false, error: 'The number format must contain {seq} (or {seq:N}) exactly once.' };
  // Document numbers end up in file names, PDFs and sevDesk; keep them to letters, digits and simple separators.
  if (!/^[\p{L}\p{N} _.#:{}-]+$/u.test(format)) {
    return { ok: false, error: 'The number format may only contain letters, digits, spaces and _ . # : -' };
  }
  return { ok: true };
}

function splitDate(date: string): { year: string; month: string } {
  const match = /^(\d{4})-(\d{2})-\d{2}/.exec(date);
  if (!match) throw new RangeError(`invalid date: ${JSON.stringify(date)}`);
  return { year: match[1] ?? '', month: match[2] ?? '' };
}

/** Renders a number. `date` is the document's issue date (YYYY-MM-DD); seq is the 1-based counter. */
export function formatDocumentNumber(format: string, params: { date: string; seq: number }): string {
  const check = validateNumberFormat(format);
  if (!check.ok) throw new RangeError(check.error);
  if (!Number.isSafeInteger(params.seq) || params.seq < 1)
    throw new RangeError(`invalid sequence number: ${params.seq}`);
  const { year, month } = splitDate(params.date);
  return format.replace(TOKEN, (_, token: string) => {
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(2);
    if (token === 'MM') return month;
    const pad = Number(SEQ.exec(token)?.[1] ?? 1);
    return String(params.seq).padStart(pad, '0');
  });
}

/**
 * The period a counter runs in: formats with {MM} restart monthly ("2026-03"), with a year yearly ("2026"),
 * otherwise never (""). Use it as part of the sequence key.
 */
export function numberSequencePeriod(format: string, date: string): string {
  const { year, month } = splitDate(date);
  if (format.includes('{MM}')) return `${year}-${month}`;
  if (format.includes('{YYYY}') || format.includes('{YY}')) return year;
  return '';
}
