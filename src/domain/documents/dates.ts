// Calendar dates of documents are German dates: a payment at 23:30 UTC on 31 Dec belongs to 1 Jan in Berlin.

const BERLIN = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "2026-03-01T23:30:00Z" -> "2026-03-02"; a plain "YYYY-MM-DD" is returned unchanged. */
export function berlinDate(isoDateTime: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoDateTime)) return isoDateTime;
  const time = Date.parse(isoDateTime);
  if (Number.isNaN(time)) throw new RangeError(`invalid date-time: ${JSON.stringify(isoDateTime)}`);
  return BERLIN.format(time);
}
