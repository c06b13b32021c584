import {
  attendanceProblems,
  gradeOf,
  LEAVE_TYPE_LABELS,
  monthlyScore,
  scoreProblem,
  type EntryInput,
  type GradeBands,
  type LeaveType,
  type Template,
} from '@gongyi/domain';
import type { Row } from '../../db/schema.js';

// One worker's row of a monthly sheet: checking the cells a clerk typed or pasted, merging the
// good ones into the stored row, and recomputing the total (R25, R23, R11). A bad cell is refused
// with a Chinese message and the rest of the row and sheet is kept (#6, bad input).

export type Scorer = 'unit' | 'community';
export interface CellMessage {
  field: string;
  message: string;
}

type Stored = Pick<Row<'assessment_entries'>, 'days_due' | 'days_worked_halves' | 'absence_halves' | 'leave_json' | 'people_served' | 'scores_json' | 'employment_basis'>;
export type EntryPatch = Pick<Row<'assessment_entries'>, 'days_worked_halves' | 'absence_halves' | 'leave_json' | 'people_served' | 'scores_json'>;

const toHalves = (days: number) => Math.round(days * 2);
const toTenths = (points: number) => Math.round(points * 10);

/** Which indicators this scorer may fill: the community its own where the team holds a share; the unit everything else. */
export function mayScore(template: Template, indicatorId: string, scorer: Scorer, communityShare: boolean): boolean {
  const indicator = template.indicators.find((i) => i.id === indicatorId);
  if (!indicator) return false;
  if (scorer === 'community') return communityShare && indicator.scorer === 'community';
  return !communityShare || indicator.scorer === 'unit';
}

/** The stored row with the acceptable cells of `input` applied, and a message for each refused cell. */
export function applyCells(stored: Stored, input: EntryInput, template: Template, scorer: Scorer, communityShare: boolean): { patch: EntryPatch; messages: CellMessage[] } {
  const messages: CellMessage[] = [];
  const scores = JSON.parse(stored.scores_json) as Record<string, number>;
  for (const [id, value] of Object.entries(input.scores ?? {})) {
    const indicator = template.indicators.find((i) => i.id === id);
    if (!indicator) {
      messages.push({ field: `scores.${id}`, message: `没有编号为“${id}”的考核指标。` });
      continue;
    }
    if (!mayScore(template, id, scorer, communityShare)) {
      messages.push({ field: `scores.${id}`, message: `“${indicator.name}”由${scorer === 'unit' ? '村居委会' : '日常管理单位'}评分（R25），您不能填写。` });
      continue;
    }
    if (value === null) {
      delete scores[id];
      continue;
    }
    if (Number.isNaN(value)) {
      messages.push({ field: `scores.${id}`, message: `“${indicator.name}”应填数字。` });
      continue;
    }
    // 36.5 points is 365 tenths; the rounding only removes binary noise (0.1 × 10 = 1.0000000000000002).
    const problem = scoreProblem(indicator, Math.round(value * 10 * 1e6) / 1e6);
    if (problem === 'above_points') messages.push({ field: `scores.${id}`, message: `“${indicator.name}”满分 ${indicator.pointsTenths / 10} 分，不能填 ${value} 分。` });
    else if (problem === 'negative') messages.push({ field: `scores.${id}`, message: `“${indicator.name}”的得分不能为负数。` });
    else if (problem === 'not_tenths') messages.push({ field: `scores.${id}`, message: `“${indicator.name}”的得分最多保留一位小数。` });
    else scores[id] = toTenths(value);
  }
  const patch: EntryPatch = {
    days_worked_halves: stored.days_worked_halves,
    absence_halves: stored.absence_halves,
    leave_json: stored.leave_json,
    people_served: stored.people_served,
    scores_json: JSON.stringify(scores),
  };
  const attendance = input.daysWorked !== undefined || input.absenceDays !== undefined || input.leave !== undefined || input.peopleServed !== undefined;
  if (attendance && scorer === 'community') {
    messages.push({ field: 'daysWorked', message: '考勤由日常管理单位填写。' });
  } else if (attendance) {
    messages.push(...applyAttendance(stored, input, patch));
  }
  return { patch, messages };
}

/** Attendance cells are checked together (days worked, leave and absence add up to at most the days due). */
function applyAttendance(stored: Stored, input: EntryInput, patch: EntryPatch): CellMessage[] {
  const typed: [string, number | null | undefined][] = [['daysWorked', input.daysWorked], ['absenceDays', input.absenceDays], ...Object.entries(input.leave ?? {}).map(([k, v]) => [`leave.${k}`, v] as [string, number])];
  const notNumbers = typed.filter(([, v]) => typeof v === 'number' && Number.isNaN(v));
  if (notNumbers.length > 0) return notNumbers.map(([field]) => ({ field, message: '考勤应填数字（天数，可为 0.5 的倍数）。' }));
  const leave = { ...(JSON.parse(stored.leave_json) as Partial<Record<LeaveType, number>>), ...(input.leave ?? {}) };
  const row = {
    daysWorked: input.daysWorked === undefined ? (stored.days_worked_halves === null ? 0 : stored.days_worked_halves / 2) : (input.daysWorked ?? 0),
    absenceDays: input.absenceDays ?? stored.absence_halves / 2,
    leave,
    peopleServed: input.peopleServed === undefined ? stored.people_served : input.peopleServed,
  };
  const problems = attendanceProblems(row, stored.days_due, stored.employment_basis === 'per_person_served');
  const label = (field: string) => (field.startsWith('leave.') ? LEAVE_TYPE_LABELS[field.slice(6) as LeaveType].zh : field === 'daysWorked' ? '出勤天数' : field === 'absenceDays' ? '旷工天数' : '服务人数');
  const messages = problems.map((p) => ({
    field: p.field,
    message:
      p.kind === 'negative'
        ? `${label(p.field)}不能为负数。`
        : p.kind === 'not_half_days'
          ? `${label(p.field)}须为 0.5 天的整数倍。`
          : p.kind === 'above_due'
            ? `出勤天数 ${row.daysWorked} 超过本月应出勤 ${stored.days_due} 天。`
            : p.kind === 'sum_above_due'
              ? `出勤、请假与旷工合计超过本月应出勤 ${stored.days_due} 天。`
              : '助老协管按服务人数计酬（R11），请填写本月服务人数。',
  }));
  // The people served stand apart from the days: a missing count does not hold back the attendance.
  const daysOk = !messages.some((m) => m.field !== 'peopleServed');
  if (daysOk) {
    if (input.daysWorked !== undefined) patch.days_worked_halves = input.daysWorked === null ? null : toHalves(input.daysWorked);
    if (input.absenceDays !== undefined) patch.absence_halves = toHalves(input.absenceDays);
    if (input.leave !== undefined) patch.leave_json = JSON.stringify(Object.fromEntries(Object.entries(leave).filter(([, v]) => (v ?? 0) > 0)));
  }
  if (input.peopleServed !== undefined && !messages.some((m) => m.field === 'peopleServed' && input.peopleServed !== null)) patch.people_served = input.peopleServed;
  return messages.filter((m) => m.field !== 'peopleServed' || input.peopleServed !== undefined);
}

/** The computed part of a row: scores weighted, absence deducted, graded — or nulls while indicators are missing. */
export function computeTotals(patch: EntryPatch, template: Template, sharePercent: number | null, bands: GradeBands) {
  const score = monthlyScore(template, { scores: JSON.parse(patch.scores_json) as Record<string, number>, absenceDays: patch.absence_halves / 2, communitySharePercent: sharePercent });
  const complete = score.missing.length === 0 && patch.days_worked_halves !== null;
  return {
    missing: score.missing,
    unit_tenths: score.unitTenths,
    community_tenths: sharePercent === null ? null : score.communityTenths,
    deduction_tenths: score.deductionTenths,
    total_tenths: complete ? score.totalTenths : null,
    grade: complete ? gradeOf(score.totalTenths, bands) : null,
  };
}
