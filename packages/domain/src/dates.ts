// Calendar dates are `YYYY-MM-DD` strings and months `YYYY-MM`, always meant in Asia/Shanghai.
// String comparison orders them correctly, so no Date objects leak into the rules.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export type IsoDate = string;
export type IsoMonth = string;

export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * The years a date or month may fall in wherever one is taken (#13 item 14): the notice's rules
 * start in the 1970s, a birth date in the 1900s, and a year 0000 or 9999 is a typing slip that
 * would otherwise reach the rule tables and the database as if it were real.
 */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/** True when the year of a `YYYY-MM-DD` or `YYYY-MM` value lies within DATE_YEARS. */
export function isWithinDateYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEARS.min && year <= DATE_YEARS.max;
}

export function isIsoMonth(value: string): boolean {
  const m = MONTH_RE.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day of a month, and its length in days. */
export function monthBounds(month: IsoMonth): { first: IsoDate; last: IsoDate; days: number } {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days };
}

/** Adds whole days to a calendar date (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** The calendar date of an instant in Asia/Shanghai (UTC+8, no daylight saving since 1991). */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An instant as ISO 8601 with the Shanghai offset, e.g. 2026-11-28T10:12:00.000+08:00. */
export function shanghaiTimestamp(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}
