// sevDesk's wire format: ids, amounts, flags and integers travel as strings; dates as ISO 8601 with
// the Europe/Berlin offset. Internally the sandbox keeps integer cents and epoch seconds.

/** Parses a decimal amount ("10.70", 10.7, "-15") into integer cents, rounding half away from zero. */
export function toMinor(value: unknown): number {
  const text = typeof value === 'number' ? decimalText(value) : String(value ?? '').trim();
  const match = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const cents = Number(whole || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  const roundUp = fraction.length > 2 && Number(fraction[2]) >= 5 ? 1 : 0;
  const magnitude = cents + roundUp;
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/** Shortest exact decimal text of a JS number, without exponent notation. */
function decimalText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const text = String(value);
  return text.includes('e') ? value.toFixed(10) : text;
}

/** Renders cents the way sevDesk does: trailing zeros dropped ("119", "10.7", "-15", "0.05"). */
export function formatMinor(minor: number): string {
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const whole = Math.trunc(abs / 100);
  const cents = abs % 100;
  let text = String(whole);
  if (cents !== 0) text += cents % 10 === 0 ? `.${cents / 10}` : `.${String(cents).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Cents as a JSON number, the way sevDesk renders `paidAmount`. */
export function minorAsNumber(minor: number): number {
  return minor / 100;
}

/** A VAT rate in basis points rendered as sevDesk's rate string ("19", "5.5", "0"). */
export function formatRateBp(rateBp: number): string {
  return formatMinor(rateBp);
}

export function flag(value: boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value ? '1' : '0';
}

export function ref(id: number | null | undefined, objectName: string): { id: string; objectName: string } | null {
  return id === null || id === undefined ? null : { id: String(id), objectName };
}

// --- dates ---------------------------------------------------------------------------------

/** Berlin's UTC offset in hours at an instant: CEST from the last Sunday of March to the last Sunday of October (01:00 UTC). */
export function berlinOffsetHours(epochSeconds: number): number {
  const year = new Date(epochSeconds * 1000).getUTCFullYear();
  let summer = summerTime.get(year);
  if (!summer) {
    summer = [lastSundayUtc(year, 2) + 3600, lastSundayUtc(year, 9) + 3600];
    summerTime.set(year, summer);
  }
  return epochSeconds >= summer[0] && epochSeconds < summer[1] ? 2 : 1;
}

/** Start and end of CEST per year, epoch seconds; rendering dates is on every response's hot path. */
const summerTime = new Map<number, [number, number]>();

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay()) / 1000;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "2026-08-15T12:00:00+02:00" */
export function isoBerlin(epochSeconds: number | null | undefined): string | null {
  if (epochSeconds === null || epochSeconds === undefined) return null;
  const offset = berlinOffsetHours(epochSeconds);
  const d = new Date((epochSeconds + offset * 3600) * 1000);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+0${offset}:00`
  );
}

/** Midnight in Berlin of a calendar day, as epoch seconds. Midnight never falls into a DST switch hour. */
export function berlinMidnight(year: number, month: number, day: number): number {
  const utcMidnight = Date.UTC(year, month - 1, day) / 1000;
  return utcMidnight - berlinOffsetHours(utcMidnight - 3600) * 3600;
}

/** Berlin calendar day (YYYY-MM-DD) of an instant. */
export function berlinDay(epochSeconds: number): string {
  return (isoBerlin(epochSeconds) ?? '').slice(0, 10);
}

const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

/**
 * Reads the date forms sevDesk accepts: Unix seconds (number or digits), "dd.mm.yyyy" and "yyyy-mm-dd"
 * (both Berlin midnight), ISO date-times with offset, and offset-less ISO date-times (Berlin local time).
 * Returns epoch seconds, or null when the text is not a date.
 */
export function parseDateInput(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? normaliseEpoch(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return normaliseEpoch(Number(text));
  let m = DOTTED_DATE.exec(text);
  if (m) return validDay(Number(m[3]), Number(m[2]), Number(m[1]));
  m = ISO_DAY.exec(text);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = ISO_LOCAL.exec(text);
  if (m) {
    const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day === null) return null;
    return day + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000);
}

/** Millisecond timestamps are common in JS clients; sevDesk means seconds. Values past year 5000 in seconds are milliseconds. */
function normaliseEpoch(n: number): number {
  return Math.floor(Math.abs(n) > 95_617_584_000 ? n / 1000 : n);
}

function validDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return berlinMidnight(year, month, day);
}
