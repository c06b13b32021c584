import { describe, expect, it } from 'vitest';
import { attendanceProblems, daysDue, type WorkCalendar } from './attendance.js';
import { nextSheetState, sheetEditable } from './sheet-workflow.js';

// #6 part 3 and 4: days due from the statutory calendar, attendance refusals, the sheet workflow.

const calendar: WorkCalendar = {
  years: new Set([2026]),
  // 2026 Spring Festival: 02-15 … 02-23 off, make-up workdays 02-14 (Sat) and 02-28 (Sat)
  holidays: new Set(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']),
  workdays: new Set(['2026-02-14', '2026-02-28']),
};

describe('days due', () => {
  it('counts weekdays, skips holidays and adds make-up workdays', () => {
    expect(daysDue('2026-03', calendar)).toBe(22);
    expect(daysDue('2026-02', calendar)).toBe(16); // 20 weekdays − 6 on holiday + 2 make-up Saturdays
  });
  it('counts only the days in post', () => {
    expect(daysDue('2026-03', calendar, { from: '2026-03-16', to: null })).toBe(12);
    expect(daysDue('2026-03', calendar, { from: '2026-01-01', to: '2026-03-06' })).toBe(5);
  });
  it('says when the calendar lacks the year', () => {
    expect(daysDue('2027-01', calendar)).toBeNull();
  });
});

describe('attendance checks', () => {
  const ok = { daysWorked: 20, leave: { sick: 1 }, absenceDays: 1, peopleServed: null };
  it.each([
    [ok, false, []],
    [{ ...ok, daysWorked: -1 }, false, [{ field: 'daysWorked', kind: 'negative' }]],
    [{ ...ok, daysWorked: 23 }, false, [{ field: 'daysWorked', kind: 'above_due' }]],
    [{ ...ok, daysWorked: 21.5 }, false, [{ field: 'daysWorked', kind: 'sum_above_due' }]],
    [{ ...ok, leave: { sick: 0.3 } }, false, [{ field: 'leave.sick', kind: 'not_half_days' }]],
    [ok, true, [{ field: 'peopleServed', kind: 'required' }]],
  ])('%j (per person served: %s)', (row, perPerson, problems) => {
    expect(attendanceProblems(row, 22, perPerson)).toEqual(problems);
  });
});

describe('sheet workflow', () => {
  it('needs the community part first where the team holds a share, and refuses steps out of order', () => {
    expect(nextSheetState('draft', 'submit', true)).toBeNull();
    expect(nextSheetState('draft', 'enter_community', true)).toBe('community_entered');
    expect(nextSheetState('community_entered', 'submit', true)).toBe('submitted');
    expect(nextSheetState('draft', 'submit', false)).toBe('submitted');
    expect(nextSheetState('draft', 'enter_community', false)).toBeNull();
    expect(nextSheetState('submitted', 'lock', false)).toBeNull();
    expect(nextSheetState('submitted', 'review', false)).toBe('reviewed');
    expect(nextSheetState('reviewed', 'lock', false)).toBe('locked');
    for (const event of ['enter_community', 'submit', 'review', 'return', 'lock'] as const) expect(nextSheetState('locked', event, true)).toBeNull();
  });
  it('lets the unit type until submission and the community until it marks its part entered', () => {
    expect([sheetEditable('draft', 'unit'), sheetEditable('community_entered', 'unit'), sheetEditable('submitted', 'unit')]).toEqual([true, true, false]);
    expect([sheetEditable('draft', 'community'), sheetEditable('community_entered', 'community')]).toEqual([true, false]);
  });
});
