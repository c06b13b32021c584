import {
  addDays,
  monthBounds,
  allowedSheetEvents,
  daysDue,
  nextSheetState,
  ruleValue,
  SHEET_EVENT_LABELS,
  SHEET_STATE_LABELS,
  shanghaiTimestamp,
  sheetEditable,
  type CellProblem,
  type CorrectionInput,
  type EntryInput,
  type Sheet,
  type SheetCreate,
  type SheetEvent,
  type SheetState,
  type SheetCorrection,
  type SheetSummary,
  type SheetTransition,
  type Template,
} from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import { lockRow } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, can, grantsFor, type Action } from '../policy.js';
import { supervisorOn } from '../agreements/agreements.repository.js';
import { workCalendar } from './calendar.js';
import { applyCells, computeTotals, missingOf, parseLeave, parseScores, type Scorer, type Scores } from './sheet-entries.js';
import { actsFor, entryCondition, rowCommunities, sheetCondition } from './sheet-scope.js';
import * as repo from './sheets.repository.js';
import { findTemplate, templateFor } from './templates.service.js';

// The monthly sheet (#6 parts 2–4, R25, R7): the daily-managing unit's attendance and scores for
// its workers in a team, the community's share where the team holds one, submission by the unit,
// review and lock by the supervising department; after lock only a recorded correction changes it.

const SHEET = { zh: '考核表', en: 'Assessment sheet' };

/** #6 part 4: a month's sheet is due on the configured day of the next month. */
export function dueDateOf(month: string): string {
  const next = addDays(monthBounds(month).last, 1);
  return `${next.slice(0, 8)}${String(ruleValue('assessment.dueDay', next)).padStart(2, '0')}`;
}

export function summaryRows(ctx: ReadContext, townId: string, action: Action) {
  return repo.sheetRows(ctx.db, townId).where(sheetCondition(ctx, action)).select(repo.SHEET_COLUMNS);
}
/** A sheet's row without its rows counted (a page that lists the entries counts them itself). */
type SheetRow = Awaited<ReturnType<ReturnType<typeof sheetFields>['execute']>>[number];
function sheetFields(ctx: ReadContext, townId: string, action: Action) {
  return repo.sheetRows(ctx.db, townId).where(sheetCondition(ctx, action)).select(repo.SHEET_FIELDS);
}

function toSummary(ctx: ReadContext, r: SheetRow, counts: { workers: number; complete: number }): SheetSummary {
  const state = r.state as SheetState;
  return {
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    teamId: r.team_id,
    teamName: r.team_name,
    month: r.month,
    state,
    dueDate: r.due_date,
    overdue: (state === 'draft' || state === 'community_entered') && today(ctx.clock) > r.due_date,
    communitySharePercent: r.community_share_percent,
    ...counts,
    returnedReason: r.returned_reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    communityEnteredAt: r.community_entered_at,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    lockedBy: r.locked_by,
    lockedAt: r.locked_at,
  };
}

export async function listSheets(ctx: ReadContext, townId: string, query: { month?: string | undefined; state?: SheetState | undefined; teamId?: string | undefined }): Promise<SheetSummary[]> {
  authorize(ctx.actor, 'assessment.read');
  let q = summaryRows(ctx, townId, 'assessment.read');
  if (query.month) q = q.where('s.month', '=', query.month);
  if (query.state) q = q.where('s.state', '=', query.state);
  if (query.teamId) q = q.where('s.team_id', '=', query.teamId);
  const rows = await q.orderBy('s.month', 'desc').orderBy('t.sort_order').orderBy('d.name').limit(500).execute();
  // A grid manager's grant counts only its own community's rows of each sheet (#13 item 10).
  const limited = rows.length > 0 && ctx.actor.kind === 'user' && grantsFor(ctx.actor, 'assessment.read').some((g) => g.scopeKind === 'community');
  const counts = limited ? new Map((await repo.entryCounts(ctx.db, townId, rows.map((r) => r.id), (x) => x.where(entryCondition(ctx, 'assessment.read')))).map((c) => [c.id, c])) : null;
  return rows.map((r) => {
    const c = counts ? (counts.get(r.id) ?? { workers: 0, complete: 0 }) : r;
    return toSummary(ctx, r, { workers: Number(c.workers), complete: Number(c.complete) });
  });
}

async function requireSheet(ctx: ReadContext, townId: string, id: string, action: Action): Promise<{ row: SheetRow; template: Template }> {
  const row = await sheetFields(ctx, townId, action).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(SHEET);
  const template = (await findTemplate(ctx.db, townId, row.template_id))!;
  return { row, template };
}

/** Who takes each step (R25): the community its part, the unit the submission, the supervising department the rest. */
const STEP_ACTION: Record<SheetEvent, Action> = { enter_community: 'assessment.community', submit: 'assessment.enter', review: 'assessment.review', return: 'assessment.review', lock: 'assessment.review' };

/** The steps this actor may take on the sheet now (for the buttons a page offers). */
function eventsFor(ctx: ReadContext, state: SheetState, share: boolean): SheetEvent[] {
  return allowedSheetEvents(state, share).filter((e) => can(ctx.actor, STEP_ACTION[e]));
}

/** A row a save has just worked on: its scores parsed and what is missing, so the answer need not work them out again. */
interface Worked {
  scores: Scores;
  missing: string[];
}

/** The sheet as the API shows it, from its row and its entries as they are (read, or just written). */
function sheetView(
  ctx: ReadContext,
  row: SheetRow,
  template: Template,
  entries: readonly repo.EntryRow[],
  communityNames: ReadonlyMap<string, string>,
  corrections: SheetCorrection[],
  worked?: ReadonlyMap<string, Worked>,
): Sheet {
  const shown: Sheet['entries'] = new Array(entries.length);
  let complete = 0;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    const done = worked?.get(e.person_id);
    const scores = done ? done.scores : parseScores(e.scores_json);
    const points: Record<string, number> = {};
    for (const id in scores) points[id] = scores[id]! / 10;
    if (e.total_tenths !== null) complete++;
    shown[k] = {
      personId: e.person_id,
      name: e.person_name,
      communityId: e.community_id,
      communityName: e.community_id === null ? null : (communityNames.get(e.community_id) ?? null),
      perPersonServed: e.employment_basis === 'per_person_served',
      daysDue: e.days_due,
      daysWorked: e.days_worked_halves === null ? null : e.days_worked_halves / 2,
      absenceDays: e.absence_halves / 2,
      leave: parseLeave(e.leave_json),
      peopleServed: e.people_served,
      scores: points,
      unitTenths: e.unit_tenths,
      communityTenths: e.community_tenths,
      deductionTenths: e.deduction_tenths,
      totalTenths: e.total_tenths,
      grade: e.grade as Sheet['entries'][number]['grade'],
      missing: done ? done.missing : missingOf(template, scores),
    };
  }
  const summary = toSummary(ctx, row, { workers: entries.length, complete });
  return { ...summary, template, entries: shown, allowedEvents: eventsFor(ctx, row.state as SheetState, row.community_share_percent !== null), corrections };
}

/** The sheet's corrections, newest first, from the row snapshots each one kept. */
async function correctionsOf(ctx: ReadContext, townId: string, sheetId: string): Promise<SheetCorrection[]> {
  const rows = await ctx.db
    .selectFrom('assessment_corrections')
    .select(['person_id', 'before_json', 'after_json', 'reason', 'approved_by', 'created_at'])
    .where('town_id', '=', townId)
    .where('sheet_id', '=', sheetId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  type Snapshot = { person_name: string; total_tenths: number | null; grade: SheetCorrection['gradeAfter'] };
  return rows.map((r) => {
    const before = JSON.parse(r.before_json) as Snapshot;
    const after = JSON.parse(r.after_json) as Snapshot;
    return {
      personId: r.person_id,
      name: after.person_name,
      totalTenthsBefore: before.total_tenths,
      totalTenthsAfter: after.total_tenths,
      gradeBefore: before.grade,
      gradeAfter: after.grade,
      reason: r.reason,
      approvedBy: r.approved_by,
      createdAt: r.created_at,
    };
  });
}

export async function getSheet(ctx: ReadContext, townId: string, id: string): Promise<Sheet> {
  authorize(ctx.actor, 'assessment.read');
  const { row, template } = await requireSheet(ctx, townId, id, 'assessment.read');
  // A grid manager's grant reads its own community's rows only (#13 item 10), here and in every export built on this.
  const communities = await rowCommunities(ctx, townId, id, 'assessment.read');
  const rows = repo.entryRows(ctx.db, townId, id).$if(communities !== null, (q) => q.where('e.community_id', 'in', communities!));
  const [entries, names, corrections] = await Promise.all([rows.execute(), repo.communityNames(ctx.db, townId), correctionsOf(ctx, townId, id)]);
  const shownPeople = communities && new Set(entries.map((e) => e.person_id));
  return sheetView(ctx, row, template, entries, names, shownPeople ? corrections.filter((c) => shownPeople.has(c.personId)) : corrections);
}

/** The team's community share on the month's first day (R4): null where its communities hold none. */
async function communityShare(ctx: ReadContext, townId: string, teamId: string, on: string): Promise<number | null> {
  const a = await ctx.db
    .selectFrom('team_assignments')
    .select(['community_score_share', 'community_share_percent'])
    .where('town_id', '=', townId)
    .where('team_id', '=', teamId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .executeTakeFirst();
  if (!a || !a.community_score_share) return null;
  return a.community_share_percent ?? ruleValue('assessment.communitySharePercent', on);
}

/** Opens a unit's sheet for a team and month, with a row for each worker in post that month and the days due. */
export async function createSheet(ctx: MutationContext, townId: string, input: SheetCreate): Promise<Sheet> {
  authorize(ctx.actor, 'assessment.enter');
  if (!actsFor(ctx, 'assessment.enter', input.departmentId)) throw ruleViolation({ zh: '只能为本单位建立考核表。', en: 'You may open sheets only for your own unit.' }, 'departmentId');
  const { first, last } = monthBounds(input.month);
  if (first > today(ctx.clock)) throw ruleViolation({ zh: '不能为尚未开始的月份建立考核表。', en: 'The month has not begun.' }, 'month');
  const template = await templateFor(ctx.db, townId, input.teamId, input.month);
  if (!template) throw ruleViolation({ zh: `该服务队 ${input.month} 尚无经领导小组批准的考核指标（R25）。请主管部门先制定指标并报批。`, en: `The team has no approved indicators for ${input.month} (R25).` }, 'teamId');
  const existing = await ctx.db.selectFrom('assessment_sheets').select('id').where('town_id', '=', townId).where('department_id', '=', input.departmentId).where('team_id', '=', input.teamId).where('month', '=', input.month).executeTakeFirst();
  if (existing) throw new AppError('duplicate', { zh: '本单位该队本月的考核表已建立，请在列表中打开。', en: 'This sheet already exists.' }, 'month');
  const calendar = await workCalendar(ctx.db);
  if (!calendar.years.has(Number(input.month.slice(0, 4)))) {
    throw ruleViolation({ zh: `节假日日历缺少 ${input.month.slice(0, 4)} 年的数据，无法计算应出勤天数。请系统管理员在“节假日日历”中录入该年。`, en: `The calendar lacks ${input.month.slice(0, 4)}; an administrator can enter it.` }, 'month');
  }
  const posts = await repo.postsInMonth(ctx.db, townId, input.departmentId, input.teamId, first, last);
  if (posts.length === 0) throw ruleViolation({ zh: '本单位该月在该服务队没有在岗人员，无需考核。', en: 'No workers of this unit were in post in this team that month.' }, 'teamId');
  const byPerson = new Map<string, { name: string; community: string | null; basis: string; from: string; to: string | null }>();
  for (const p of posts) {
    const seen = byPerson.get(p.person_id);
    byPerson.set(p.person_id, {
      name: p.person_name,
      community: p.community_id,
      basis: p.employment_basis,
      from: seen && seen.from < p.valid_from ? seen.from : p.valid_from,
      to: seen && (seen.to === null || (p.valid_to !== null && seen.to > p.valid_to)) ? seen.to : p.valid_to,
    });
  }
  const id = ctx.newId();
  const now = shanghaiTimestamp(ctx.clock.now());
  await ctx.db
    .insertInto('assessment_sheets')
    .values({
      town_id: townId,
      id,
      department_id: input.departmentId,
      team_id: input.teamId,
      month: input.month,
      template_id: template.id,
      community_share_percent: await communityShare(ctx, townId, input.teamId, first),
      state: 'draft',
      due_date: dueDateOf(input.month),
      returned_reason: '',
      created_by: ctx.actor.display,
      created_at: now,
      community_entered_at: null,
      submitted_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      locked_by: null,
      locked_at: null,
    })
    .execute();
  const entries: Row<'assessment_entries'>[] = [...byPerson].map(([personId, p]) => ({
    town_id: townId,
    sheet_id: id,
    person_id: personId,
    person_name: p.name,
    community_id: p.community,
    employment_basis: p.basis,
    days_due: daysDue(input.month, calendar, { from: p.from, to: p.to })!,
    days_worked_halves: null,
    absence_halves: 0,
    leave_json: '{}',
    people_served: null,
    scores_json: '{}',
    unit_tenths: null,
    community_tenths: null,
    deduction_tenths: null,
    total_tenths: null,
    grade: null,
    updated_by: null,
    updated_at: null,
  }));
  await ctx.insertRows('assessment_entries', entries);
  await recordAudit(ctx, { townId, action: 'assessment.sheet.create', objectType: 'assessment_sheet', objectId: id, after: { ...input, workers: entries.length } });
  return getSheet(ctx, townId, id);
}

/** Which rows a community grant may score: workers stationed in its communities (null = every row). */
function communitiesOf(ctx: ReadContext): Set<string> | null {
  if (ctx.actor.kind === 'system') return null;
  const grants = grantsFor(ctx.actor, 'assessment.community');
  if (grants.some((g) => g.scopeKind === 'town')) return null;
  return new Set(grants.filter((g) => g.scopeKind === 'community').map((g) => g.scopeId ?? ''));
}

/** The community's part of a sheet (R25): its own workers only, where the team's communities hold a share. */
export async function getCommunitySheet(ctx: ReadContext, townId: string, id: string): Promise<Sheet> {
  authorize(ctx.actor, 'assessment.community');
  const sheet = await getSheet(ctx, townId, id);
  if (sheet.communitySharePercent === null) {
    throw ruleViolation({ zh: '该服务队的村居不参与考核评分（R4），本表没有村居评分部分。', en: "This team's communities hold no score share (R4)." });
  }
  const communities = communitiesOf(ctx);
  return communities ? { ...sheet, entries: sheet.entries.filter((e) => communities.has(e.communityId ?? '')) } : sheet;
}

/**
 * Saves typed or pasted rows: every acceptable cell is kept, every bad one comes back with a
 * Chinese message naming the worker and the field (#6, bad input); totals are recomputed.
 */
export async function saveEntries(ctx: MutationContext, townId: string, id: string, rows: EntryInput[], scorer: Scorer): Promise<{ saved: number; problems: CellProblem[]; sheet: Sheet }> {
  const action: Action = scorer === 'unit' ? 'assessment.enter' : 'assessment.community';
  authorize(ctx.actor, action);
  await lockRow(ctx, 'assessment_sheets', townId, id); // #13: a save and a step of one sheet take turns
  const { row: sheet, template } = await requireSheet(ctx, townId, id, action);
  if (scorer === 'unit' && !actsFor(ctx, action, sheet.department_id)) throw notFound(SHEET);
  const state = sheet.state as SheetState;
  if (!sheetEditable(state, scorer)) {
    throw ruleViolation(
      state === 'locked'
        ? { zh: '本月考核表已锁定，不能再修改；如需更正，请主管部门办理“更正”（记录理由与审批人）。', en: 'The sheet is locked; a change is a recorded correction.' }
        : { zh: `考核表当前为“${SHEET_STATE_LABELS[state].zh}”，不能修改。如需修改，请主管部门退回。`, en: `The sheet is "${SHEET_STATE_LABELS[state].en}" and cannot be edited.` },
    );
  }
  const share = sheet.community_share_percent !== null;
  const communities = scorer === 'community' ? communitiesOf(ctx) : null;
  const entries = await repo.entriesForSave(ctx.db, ctx.readRows, ctx.kind, townId, id);
  const byPerson = new Map(entries.map((e) => [e.person_id, e]));
  const bands = ruleValue('assessment.gradeBands', `${sheet.month}-01`);
  const problems: CellProblem[] = [];
  // The rows saved, each once: a row named twice in one paste takes the later cells on top of the earlier ones.
  const worked = new Map<string, Worked>();
  // The rows whose stored values change: what "saved N workers" counts (a row whose only cell was refused does not).
  const changed = new Set<string>();
  for (const input of rows) {
    const entry = byPerson.get(input.personId);
    if (!entry) {
      problems.push({ personId: input.personId, name: '', field: 'personId', message: '该人员本月不在本表中（不在岗或不属本单位），此行未保存。' });
      continue;
    }
    if (communities && !communities.has(entry.community_id ?? '')) {
      problems.push({ personId: entry.person_id, name: entry.person_name, field: 'personId', message: '该人员不在您所在村居，不能评分。' });
      continue;
    }
    const { patch, scores, messages } = applyCells(entry, input, template, scorer, share, worked.get(entry.person_id)?.scores);
    for (const m of messages) problems.push({ personId: entry.person_id, name: entry.person_name, ...m });
    const totals = computeTotals(patch, template, sheet.community_share_percent, bands, scores);
    if (
      patch.days_worked_halves !== entry.days_worked_halves ||
      patch.absence_halves !== entry.absence_halves ||
      patch.leave_json !== entry.leave_json ||
      patch.people_served !== entry.people_served ||
      patch.scores_json !== entry.scores_json
    ) {
      changed.add(entry.person_id);
    }
    // The row read in this transaction becomes the row as written (the answer is built from it, not read back).
    entry.days_worked_halves = patch.days_worked_halves;
    entry.absence_halves = patch.absence_halves;
    entry.leave_json = patch.leave_json;
    entry.people_served = patch.people_served;
    entry.scores_json = patch.scores_json;
    entry.unit_tenths = totals.unit_tenths;
    entry.community_tenths = totals.community_tenths;
    entry.deduction_tenths = totals.deduction_tenths;
    entry.total_tenths = totals.total_tenths;
    entry.grade = totals.grade;
    worked.set(entry.person_id, { scores, missing: totals.missing });
  }
  const saved = changed.size;
  const written = worked.size === entries.length ? entries : entries.filter((e) => worked.has(e.person_id));
  // The community's pass cannot change attendance (applyCells refuses it), so it writes the scores alone.
  await repo.updateEntries(ctx.updateRows, ctx.kind, townId, id, written, scorer === 'unit', ctx.actor.display, shanghaiTimestamp(ctx.clock.now()));
  await recordAudit(ctx, { townId, action: `assessment.entries.${scorer}`, objectType: 'assessment_sheet', objectId: id, after: { rows: rows.length, saved, refusedCells: problems.length } });
  // The sheet as written, without reading it back (a city's month is 100k rows, #6 part 7).
  // A sheet that takes saves is not locked, so it has no corrections (they come only after lock).
  // The community's pass answers with its own rows only (#13 item 10), as its read does.
  const shown = communities ? entries.filter((e) => communities.has(e.community_id ?? '')) : entries;
  return { saved, problems, sheet: sheetView(ctx, sheet, template, shown, await repo.communityNames(ctx.db, townId), [], worked) };
}

async function assertSupervises(ctx: ReadContext, townId: string, teamId: string): Promise<void> {
  const supervisor = await supervisorOn(ctx.db, townId, teamId, today(ctx.clock));
  if (!actsFor(ctx, 'assessment.review', supervisor?.supervising_department_id ?? '')) {
    throw ruleViolation({ zh: '只有该服务队的主管部门可以审核、退回或锁定考核表。', en: 'Only the team’s supervising department may review, return or lock.' });
  }
}

/** One step of the workflow; out-of-order steps are refused, and a submission needs every row complete. */
export async function transitionSheet(ctx: MutationContext, townId: string, id: string, input: SheetTransition): Promise<Sheet> {
  authorize(ctx.actor, STEP_ACTION[input.event]);
  // #13: locked and read again, so that each step is taken once and a save cannot slip in between.
  await lockRow(ctx, 'assessment_sheets', townId, id);
  const { row: sheet } = await requireSheet(ctx, townId, id, STEP_ACTION[input.event]);
  const from = sheet.state as SheetState;
  const share = sheet.community_share_percent !== null;
  const to = nextSheetState(from, input.event, share);
  if (!to) {
    const hint = input.event === 'submit' && share && from === 'draft' ? '该队由村居考核一部分（R25），须村居评分完成后再报送。' : '考核表须依次：填报 →（村居评分）→ 报送 → 审核 → 锁定。';
    throw ruleViolation({ zh: `考核表当前为“${SHEET_STATE_LABELS[from].zh}”，不能“${SHEET_EVENT_LABELS[input.event].zh}”。${hint}`, en: `A "${SHEET_STATE_LABELS[from].en}" sheet cannot be "${SHEET_EVENT_LABELS[input.event].en}".` }, 'event');
  }
  if (input.event === 'submit' && !actsFor(ctx, 'assessment.enter', sheet.department_id)) throw notFound(SHEET);
  if (input.event === 'review' || input.event === 'return' || input.event === 'lock') await assertSupervises(ctx, townId, sheet.team_id);
  if (input.event === 'return' && !input.reason) throw ruleViolation({ zh: '退回须写明理由。', en: 'A return needs a reason.' }, 'reason');
  const entries = await repo.entriesOf(ctx.db, townId, id);
  if (input.event === 'enter_community') {
    const template = (await findTemplate(ctx.db, townId, sheet.template_id))!;
    const communityIds = template.indicators.filter((i) => i.scorer === 'community').map((i) => i.id);
    const open = entries.filter((e) => communityIds.some((c) => (JSON.parse(e.scores_json) as Record<string, number>)[c] === undefined));
    if (open.length > 0) throw ruleViolation({ zh: `还有 ${open.length} 人的村居评分未填（如 ${open[0]!.person_name}）。`, en: `${open.length} workers still lack the community part.` });
  }
  if (input.event === 'submit') {
    const open = entries.filter((e) => e.total_tenths === null);
    if (open.length > 0) throw ruleViolation({ zh: `还有 ${open.length} 人的考勤或评分未填完（如 ${open[0]!.person_name}），不能报送。`, en: `${open.length} rows are incomplete.` });
  }
  const now = shanghaiTimestamp(ctx.clock.now());
  const who = ctx.actor.display;
  const stamps: Partial<Row<'assessment_sheets'>> =
    input.event === 'enter_community'
      ? { community_entered_at: now }
      : input.event === 'submit'
        ? { submitted_by: who, submitted_at: now, returned_reason: '' }
        : input.event === 'review'
          ? { reviewed_by: who, reviewed_at: now }
          : input.event === 'lock'
            ? { locked_by: who, locked_at: now }
            : { returned_reason: input.reason, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null };
  await ctx.db.updateTable('assessment_sheets').set({ state: to, ...stamps }).where('town_id', '=', townId).where('id', '=', id).execute();
  await recordAudit(ctx, { townId, action: `assessment.sheet.${input.event}`, objectType: 'assessment_sheet', objectId: id, before: { state: from }, after: { state: to, reason: input.reason || undefined } });
  return getSheet(ctx, townId, id);
}

/** After lock a change is a correction: checked like an edit, kept with its reason and approver, never silent. */
export async function correctEntry(ctx: MutationContext, townId: string, id: string, input: CorrectionInput): Promise<Sheet> {
  authorize(ctx.actor, 'assessment.review');
  await lockRow(ctx, 'assessment_sheets', townId, id); // #13: corrections of one sheet take turns (each reads the last)
  const { row: sheet, template } = await requireSheet(ctx, townId, id, 'assessment.review');
  if (sheet.state !== 'locked') throw ruleViolation({ zh: '考核表尚未锁定，请直接修改或退回修改；更正只用于已锁定的考核表。', en: 'Only a locked sheet takes corrections.' });
  await assertSupervises(ctx, townId, sheet.team_id);
  const entry = (await repo.entriesOf(ctx.db, townId, id)).find((e) => e.person_id === input.row.personId);
  if (!entry) throw notFound({ zh: '该人员的考核记录', en: 'The row' }, 'row.personId');
  const share = sheet.community_share_percent !== null;
  // A correction may touch both parts: checked as the unit's cells, then as the community's.
  const unit = applyCells(entry, { ...input.row, scores: Object.fromEntries(Object.entries(input.row.scores ?? {}).filter(([k]) => !share || template.indicators.find((i) => i.id === k)?.scorer === 'unit')) }, template, 'unit', share);
  const community = share
    ? applyCells({ ...entry, ...unit.patch }, { personId: entry.person_id, scores: Object.fromEntries(Object.entries(input.row.scores ?? {}).filter(([k]) => template.indicators.find((i) => i.id === k)?.scorer === 'community')) }, template, 'community', share)
    : { patch: unit.patch, messages: [] };
  const messages = [...unit.messages, ...community.messages];
  if (messages.length > 0) throw ruleViolation({ zh: `更正未保存：${messages.map((m) => m.message).join('；')}`, en: 'The correction has errors.' }, `row.${messages[0]!.field}`);
  const patch = community.patch;
  const { missing: _missing, ...computed } = computeTotals(patch, template, sheet.community_share_percent, ruleValue('assessment.gradeBands', `${sheet.month}-01`));
  const now = shanghaiTimestamp(ctx.clock.now());
  const before = { ...entry };
  await ctx.db.updateTable('assessment_entries').set({ ...patch, ...computed, updated_by: ctx.actor.display, updated_at: now }).where('town_id', '=', townId).where('sheet_id', '=', id).where('person_id', '=', entry.person_id).execute();
  const after = { ...entry, ...patch, ...computed };
  await ctx.db
    .insertInto('assessment_corrections')
    .values({ town_id: townId, id: ctx.newId(), sheet_id: id, person_id: entry.person_id, before_json: JSON.stringify(before), after_json: JSON.stringify(after), reason: input.reason, approved_by: ctx.actor.display, created_at: now })
    .execute();
  await recordAudit(ctx, { townId, action: 'assessment.correction', objectType: 'assessment_sheet', objectId: id, before: { personId: entry.person_id, total: before.total_tenths }, after: { total: after.total_tenths, reason: input.reason } });
  return getSheet(ctx, townId, id);
}
