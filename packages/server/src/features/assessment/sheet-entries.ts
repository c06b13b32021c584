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
  const indicator = indicatorOf(template, indicatorId);
  return indicator !== undefined && mayFill(indicator, scorer, communityShare);
}

function mayFill(indicator: Template['indicators'][number], scorer: Scorer, communityShare: boolean): boolean {
  if (scorer === 'community') return communityShare && indicator.scorer === 'community';
  return !communityShare || indicator.scorer === 'unit';
}

// A loop, not find(): this runs for every cell of a city's month (#6 part 7).
function indicatorOf(template: Template, id: string): Template['indicators'][number] | undefined {
  for (const i of template.indicators) if (i.id === id) return i;
  return undefined;
}

/** Scores per indicator id, in tenths, as a row stores them (most rows of a new sheet hold none yet). */
export type Scores = Record<string, number>;
export const parseScores = (json: string): Scores => (json === '{}' ? {} : (JSON.parse(json) as Scores));
export const parseLeave = (json: string): Partial<Record<LeaveType, number>> => (json === '{}' ? {} : (JSON.parse(json) as Partial<Record<LeaveType, number>>));

/** The indicators of the template that have no score yet (as monthlyScore counts them). */
export function missingOf(template: Template, scores: Scores): string[] {
  const missing: string[] = [];
  for (const i of template.indicators) if (scores[i.id] === undefined) missing.push(i.id);
  return missing;
}

/**
 * The stored row with the acceptable cells of `input` applied, and a message for each refused cell.
 * `storedScores` are the stored row's scores when the caller has them parsed already (a save of
 * 5,000 rows parses each once); the result's `scores` are the patch's, never the same object as
 * `storedScores` when a score cell was typed.
 */
export function applyCells(stored: Stored, input: EntryInput, template: Template, scorer: Scorer, communityShare: boolean, storedScores?: Scores): { patch: EntryPatch; scores: Scores; messages: CellMessage[] } {
  const messages: CellMessage[] = [];
  const typed = input.scores === undefined ? [] : Object.entries(input.scores);
  const scores = typed.length === 0 ? (storedScores ?? parseScores(stored.scores_json)) : storedScores ? { ...storedScores } : parseScores(stored.scores_json);
  for (const [id, value] of typed) {
    const indicator = indicatorOf(template, id);
    if (!indicator) {
      messages.push({ field: `scores.${id}`, message: `没有编号为“${id}”的考核指标。` });
      continue;
    }
    if (!mayFill(indicator, scorer, communityShare)) {
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
    scores_json: typed.length === 0 ? stored.scores_json : JSON.stringify(scores),
  };
  const attendance = input.daysWorked !== undefined || input.absenceDays !== undefined || input.leave !== undefined || input.peopleServed !== undefined;
  if (attendance && scorer === 'community') {
    messages.push({ field: 'daysWorked', message: '考勤由日常管理单位填写。' });
  } else if (attendance) {
    messages.push(...applyAttendance(stored, input, patch));
  }
  return { patch, scores, messages };
}

function notNumber(messages: CellMessage[], field: string, value: number | null | undefined): void {
  if (typeof value === 'number' && Number.isNaN(value)) messages.push({ field, message: '考勤应填数字（天数，可为 0.5 的倍数）。' });
}

/** Attendance cells are checked together (days worked, leave and absence add up to at most the days due). */
function applyAttendance(stored: Stored, input: EntryInput, patch: EntryPatch): CellMessage[] {
  const notNumbers: CellMessage[] = [];
  notNumber(notNumbers, 'daysWorked', input.daysWorked);
  notNumber(notNumbers, 'absenceDays', input.absenceDays);
  for (const k in input.leave) notNumber(notNumbers, `leave.${k}`, input.leave[k as LeaveType]);
  if (notNumbers.length > 0) return notNumbers;
  const leave = input.leave === undefined ? parseLeave(stored.leave_json) : { ...parseLeave(stored.leave_json), ...input.leave };
  const row = {
    daysWorked: input.daysWorked === undefined ? (stored.days_worked_halves === null ? 0 : stored.days_worked_halves / 2) : (input.daysWorked ?? 0),
    absenceDays: input.absenceDays ?? stored.absence_halves / 2,
    leave,
    peopleServed: input.peopleServed === undefined ? stored.people_served : input.peopleServed,
  };
  const problems = attendanceProblems(row, stored.days_due, stored.employment_basis === 'per_person_served');
  if (problems.length === 0) {
    // Every cell accepted (the common case): what the general path below does when it finds no message.
    if (input.daysWorked !== undefined) patch.days_worked_halves = input.daysWorked === null ? null : toHalves(input.daysWorked);
    if (input.absenceDays !== undefined) patch.absence_halves = toHalves(input.absenceDays);
    if (input.leave !== undefined) patch.leave_json = leaveJson(leave);
    if (input.peopleServed !== undefined) patch.people_served = input.peopleServed;
    return [];
  }
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
    if (input.leave !== undefined) patch.leave_json = leaveJson(leave);
  }
  if (input.peopleServed !== undefined && !messages.some((m) => m.field === 'peopleServed' && input.peopleServed !== null)) patch.people_served = input.peopleServed;
  return messages.filter((m) => m.field !== 'peopleServed' || input.peopleServed !== undefined);
}

/** Leave as stored: the types with days, in the order typed. */
function leaveJson(leave: Partial<Record<LeaveType, number>>): string {
  const kept: Partial<Record<LeaveType, number>> = {};
  let any = false;
  for (const k in leave) {
    const days = leave[k as LeaveType];
    if ((days ?? 0) > 0) {
      kept[k as LeaveType] = days;
      any = true;
    }
  }
  return any ? JSON.stringify(kept) : '{}';
}

/** The computed part of a row: scores weighted, absence deducted, graded — or nulls while indicators are missing. */
export function computeTotals(patch: EntryPatch, template: Template, sharePercent: number | null, bands: GradeBands, scores: Scores = parseScores(patch.scores_json)) {
  const score = monthlyScore(template, { scores, absenceDays: patch.absence_halves / 2, communitySharePercent: sharePercent });
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
