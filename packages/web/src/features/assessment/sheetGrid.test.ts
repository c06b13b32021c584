import type { Entry, Sheet, Template } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { checkCell, draftSaved, editorOf, gridColumns, liveTotals, parseBlock, parseCell, planPaste, rowsToSave, settleSave } from './sheetGrid';

const template: Template = {
  id: 'tpl',
  teamId: 'team',
  teamName: '社区巡逻',
  validFromMonth: '2026-01',
  indicators: [
    { id: 'duty', name: '岗位职责完成情况', part: 'business', scorer: 'unit', pointsTenths: 400 },
    { id: 'quality', name: '工作质量与效率', part: 'business', scorer: 'unit', pointsTenths: 300 },
    { id: 'discipline', name: '劳动纪律与服从调度', part: 'conduct', scorer: 'unit', pointsTenths: 100 },
    { id: 'residents', name: '村居及群众评价', part: 'conduct', scorer: 'community', pointsTenths: 200 },
  ],
  absencePointsPerDayTenths: 50,
  state: 'approved',
  approvedBy: null,
  approvedAt: null,
  createdBy: 'x',
  createdAt: '2026-01-01T00:00:00+08:00',
};

const entry = (personId: string, over: Partial<Entry> = {}): Entry => ({
  personId,
  name: personId,
  communityId: 'c1',
  communityName: '示范一村',
  perPersonServed: false,
  daysDue: 16,
  daysWorked: null,
  absenceDays: 0,
  leave: {},
  peopleServed: null,
  scores: {},
  unitTenths: null,
  communityTenths: null,
  deductionTenths: null,
  totalTenths: null,
  grade: null,
  missing: [],
  ...over,
});

const sheet = { template, communitySharePercent: 30, month: '2026-02', state: 'draft' as const, entries: [entry('a'), entry('b'), entry('c')] };
const unitColumns = gridColumns(sheet, 'unit', { view: 'monthly', leaveOpen: false });

describe('the sheet grid (#6 part 5)', () => {
  it('lets the unit type attendance and its own indicators, the community only its share (R25)', () => {
    expect(unitColumns.map((c) => `${c.field}${c.editable ? '' : ' (ro)'}`)).toEqual(['daysWorked', 'absenceDays', 'scores.duty', 'scores.quality', 'scores.discipline', 'scores.residents (ro)']);
    const community = gridColumns(sheet, 'community', { view: 'monthly', leaveOpen: true });
    expect(community.filter((c) => c.editable).map((c) => c.field)).toEqual(['scores.residents']);
    expect(community.filter((c) => c.group === 'leave')).toHaveLength(7);
    // Without a share the unit scores every indicator.
    expect(gridColumns({ ...sheet, communitySharePercent: null }, 'unit', { view: 'monthly', leaveOpen: false }).every((c) => c.editable)).toBe(true);
    expect(gridColumns(sheet, 'unit', { view: 'attendance', leaveOpen: false }).map((c) => c.field)).toEqual(['daysWorked', 'absenceDays']);
  });

  it('knows who types now from the state and the user’s actions', () => {
    const can = (actions: string[]) => (a: string) => actions.includes(a);
    expect(editorOf(sheet, can(['assessment.enter']))).toBe('unit');
    expect(editorOf(sheet, can(['assessment.community']))).toBe('community');
    expect(editorOf({ ...sheet, state: 'community_entered' }, can(['assessment.community']))).toBeNull();
    expect(editorOf({ ...sheet, state: 'submitted' }, can(['assessment.enter']))).toBeNull();
  });

  it('reads cells as Excel and Chinese keyboards give them', () => {
    expect(parseCell(' 15 ')).toBe(15);
    expect(parseCell('１５．５')).toBe(15.5);
    expect(parseCell('27,5')).toBe(27.5);
    expect(parseCell('')).toBeNull();
    expect(parseCell('优')).toBe('nan');
    expect(parseBlock('15\t1\t36\r\n16\t0\t40\r\n')).toEqual([['15', '1', '36'], ['16', '0', '40']]);
  });

  it('refuses in the browser what needs no server: above the points, negative, half days, more days than due', () => {
    const [worked, absence, duty] = unitColumns;
    expect(checkCell(duty!, '45', 16, '岗位职责')).toEqual({ kind: 'above_points', label: '岗位职责', points: 40, value: 45 });
    expect(checkCell(duty!, '36.25', 16, '岗位职责')?.kind).toBe('not_tenths');
    expect(checkCell(absence!, '-1', 16, '旷工天数')?.kind).toBe('negative');
    expect(checkCell(absence!, '0.3', 16, '旷工天数')?.kind).toBe('not_half_days');
    expect(checkCell(worked!, '17', 16, '出勤天数')).toEqual({ kind: 'above_due', value: 17, due: 16 });
    expect(checkCell(worked!, '优', 16, '出勤天数')).toEqual({ kind: 'nan', cell: 'days', label: '出勤天数' });
    expect(checkCell(worked!, '15.5', 16, '出勤天数')).toBeNull();
  });

  it('lays a pasted block rightwards over the columns the user may type in, downwards over the rows', () => {
    const plan = planPaste(parseBlock('15\t1\t36\t27.5\t9\t18\n14\t0\t40\t30\t10\n13'), sheet.entries, unitColumns, { row: 1, col: 0 });
    expect(plan.cells).toEqual({
      b: { daysWorked: '15', absenceDays: '1', 'scores.duty': '36', 'scores.quality': '27.5', 'scores.discipline': '9' },
      c: { daysWorked: '14', absenceDays: '0', 'scores.duty': '40', 'scores.quality': '30', 'scores.discipline': '10' },
    });
    expect(plan).toMatchObject({ rows: 2, columns: 5, skipped: 2 }); // the 18 (community's) and the third row
  });

  it('sends the typed cells the browser accepts, and keeps the drafts the server did not take', () => {
    const drafts = { a: { daysWorked: '15', 'scores.duty': '45', absenceDays: '' }, b: { 'scores.quality': '优' } };
    const rows = rowsToSave(drafts, (_p, field) => field === 'scores.duty');
    expect(rows).toEqual([{ personId: 'a', daysWorked: 15, absenceDays: 0 }]);
    const saved = { ...sheet, entries: [entry('a', { daysWorked: null }), entry('b')] };
    const after = settleSave(drafts, { a: { 'scores.duty': '满分 40 分' } }, rows, { problems: [{ personId: 'a', field: 'daysWorked', message: '出勤、请假与旷工合计超过本月应出勤 16 天。' }], sheet: saved });
    expect(after.drafts).toEqual({ a: { daysWorked: '15', 'scores.duty': '45' }, b: { 'scores.quality': '优' } });
    expect(after.problems).toEqual({ a: { 'scores.duty': '满分 40 分', daysWorked: '出勤、请假与旷工合计超过本月应出勤 16 天。' } });
    expect(draftSaved(entry('a', { absenceDays: 0 }), 'absenceDays', '')).toBe(true);
    expect(draftSaved(entry('a', { daysWorked: 0 }), 'daysWorked', '0')).toBe(true);
  });

  it('totals a row as typed with the rules the server applies', () => {
    const row = entry('a', { daysWorked: 15, scores: { residents: 18 } });
    const totals = liveTotals(sheet as Pick<Sheet, 'template' | 'communitySharePercent' | 'month'>, row, { absenceDays: '1', 'scores.duty': '36', 'scores.quality': '27.5', 'scores.discipline': '9' });
    // unit 72.5 of 80 → 63.4 of 70; community 18 of 20 → 27 of 30; one absent day −5
    expect(totals).toMatchObject({ totalTenths: 854, grade: 'pass', deductionTenths: 50 });
    expect(liveTotals(sheet, row, {}).totalTenths).toBeNull();
  });
});
