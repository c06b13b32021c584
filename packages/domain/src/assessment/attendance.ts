import { addDays, daysInMonth, type IsoDate, type IsoMonth } from '../dates.js';
import type { LeaveType } from './vocabulary.js';

// #6 part 3: days due from the statutory calendar (public holidays and the make-up workdays of
// 调休), and the checks on one worker's attendance row.

export interface WorkCalendar {
  /** Years the calendar covers; a month outside them cannot be counted (say so, let an admin enter it). */
  years: ReadonlySet<number>;
  /** Public holidays falling on weekdays or weekends (days off). */
  holidays: ReadonlySet<IsoDate>;
  /** Weekend days that are workdays (调休 make-up days). */
  workdays: ReadonlySet<IsoDate>;
}

export function isWorkingDay(date: IsoDate, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days of `month` between `from` and `to` (the days the worker was in post), or null when the calendar lacks the year. */
export function daysDue(month: IsoMonth, calendar: WorkCalendar, inPost: { from: IsoDate; to: IsoDate | null } = { from: '0000-01-01', to: null }): number | null {
  const year = Number(month.slice(0, 4));
  if (!calendar.years.has(year)) return null;
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(year, Number(month.slice(5, 7)))).padStart(2, '0')}`;
  let count = 0;
  for (let d = first; d <= last; d = addDays(d, 1)) {
    if (d >= inPost.from && (inPost.to === null || d <= inPost.to) && isWorkingDay(d, calendar)) count++;
  }
  return count;
}

export interface AttendanceRow {
  daysWorked: number;
  leave: Partial<Record<LeaveType, number>>;
  absenceDays: number;
  /** R11: elderly helpers record the people served. */
  peopleServed: number | null;
}

export type AttendanceProblem = { field: 'daysWorked' | 'absenceDays' | `leave.${LeaveType}` | 'peopleServed'; kind: 'negative' | 'above_due' | 'sum_above_due' | 'not_half_days' | 'required' };

const halfDays = (n: number) => Number.isInteger(n * 2);

/** Refusals of #6's bad-input list: negative days, more days worked than due, days adding up past the month. */
export function attendanceProblems(row: AttendanceRow, due: number, perPersonServed: boolean): AttendanceProblem[] {
  const problems: AttendanceProblem[] = [];
  const cells: [AttendanceProblem['field'], number][] = [['daysWorked', row.daysWorked], ['absenceDays', row.absenceDays], ...Object.entries(row.leave).map(([k, v]) => [`leave.${k}`, v ?? 0] as [AttendanceProblem['field'], number])];
  for (const [field, value] of cells) {
    if (value < 0) problems.push({ field, kind: 'negative' });
    else if (!halfDays(value)) problems.push({ field, kind: 'not_half_days' });
  }
  if (row.daysWorked > due) problems.push({ field: 'daysWorked', kind: 'above_due' });
  const leave = Object.values(row.leave).reduce<number>((s, v) => s + (v ?? 0), 0);
  if (problems.length === 0 && row.daysWorked + leave + row.absenceDays > due) problems.push({ field: 'daysWorked', kind: 'sum_above_due' });
  if (perPersonServed && (row.peopleServed === null || row.peopleServed < 0)) problems.push({ field: 'peopleServed', kind: row.peopleServed === null ? 'required' : 'negative' });
  return problems;
}
