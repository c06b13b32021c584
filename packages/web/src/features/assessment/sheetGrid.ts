import {
  gradeOf,
  LEAVE_TYPES,
  monthlyScore,
  ruleValue,
  sheetEditable,
  type AnnualOutcome,
  type Entry,
  type EntryInput,
  type Indicator,
  type LeaveType,
  type Sheet,
} from '@gongyi/domain';

// The monthly sheet's grid without React (#6 part 5): which columns a user sees and may type in,
// reading typed or pasted text, the checks the browser can make before the server does (a score
// above its points, negative or fractional days, more days than due), the rows a save sends, and
// the live total. The server checks every cell again and is the authority.

/** A cell's field, named as the server names it in a problem: daysWorked, leave.sick, scores.duty… */
export type Field = string;
export type CellKind = 'days' | 'count' | 'points';
export type Scorer = 'unit' | 'community';

export interface GridColumn {
  field: Field;
  kind: CellKind;
  group: 'attendance' | 'leave' | 'served' | 'business' | 'conduct';
  /** The indicator behind a score column. */
  indicator?: Indicator;
  /** Scored by the community (the team holds a share): shown to everyone, typed by the community. */
  community?: boolean;
  /** This user may type in it now (a row may still refuse: people served only for elderly helpers). */
  editable: boolean;
}

/** Who types in the grid now: the unit before submission, the community before its part is marked entered; null = read only. */
export function editorOf(sheet: Pick<Sheet, 'state' | 'communitySharePercent'>, can: (action: 'assessment.enter' | 'assessment.community') => boolean): Scorer | null {
  if (can('assessment.enter') && sheetEditable(sheet.state, 'unit')) return 'unit';
  if (can('assessment.community') && sheet.communitySharePercent !== null && sheetEditable(sheet.state, 'community')) return 'community';
  return null;
}

/** The community scores its own indicators where the team holds a share; the unit scores everything else (R25). */
export function scoredBy(indicator: Indicator, share: boolean): Scorer {
  return share && indicator.scorer === 'community' ? 'community' : 'unit';
}

export interface ColumnOptions {
  /** 考勤表 shows attendance only; 月度考核 shows the scores too. */
  view: 'attendance' | 'monthly';
  leaveOpen: boolean;
}

export function gridColumns(sheet: Pick<Sheet, 'template' | 'communitySharePercent' | 'entries'>, editor: Scorer | null, options: ColumnOptions): GridColumn[] {
  const unit = editor === 'unit';
  const share = sheet.communitySharePercent !== null;
  const columns: GridColumn[] = [
    { field: 'daysWorked', kind: 'days', group: 'attendance', editable: unit },
    { field: 'absenceDays', kind: 'days', group: 'attendance', editable: unit },
  ];
  if (options.leaveOpen) for (const type of LEAVE_TYPES) columns.push({ field: `leave.${type}`, kind: 'days', group: 'leave', editable: unit });
  if (sheet.entries.some((e) => e.perPersonServed)) columns.push({ field: 'peopleServed', kind: 'count', group: 'served', editable: unit });
  if (options.view === 'monthly') {
    for (const part of ['business', 'conduct'] as const) {
      for (const indicator of sheet.template.indicators.filter((i) => i.part === part)) {
        const by = scoredBy(indicator, share);
        columns.push({ field: `scores.${indicator.id}`, kind: 'points', group: part, indicator, community: by === 'community', editable: editor === by });
      }
    }
  }
  return columns;
}

/** Whether a row takes this column at all (people served: elderly helpers only, R11). */
export function cellApplies(entry: Pick<Entry, 'perPersonServed'>, column: GridColumn): boolean {
  return column.field !== 'peopleServed' || entry.perPersonServed;
}

export function cellEditable(entry: Pick<Entry, 'perPersonServed'>, column: GridColumn): boolean {
  return column.editable && cellApplies(entry, column);
}

/** The stored value of a cell (null = empty). */
export function storedValue(entry: Entry, field: Field): number | null {
  if (field === 'daysWorked') return entry.daysWorked;
  if (field === 'absenceDays') return entry.absenceDays;
  if (field === 'peopleServed') return entry.peopleServed;
  if (field.startsWith('leave.')) return entry.leave[field.slice(6) as LeaveType] ?? null;
  if (field.startsWith('scores.')) return entry.scores[field.slice(7)] ?? null;
  return null;
}

/** Leave and absence show 0 as empty, so a sheet reads like the paper one. */
export function cellText(value: number | null, field: Field): string {
  if (value === null) return '';
  if (value === 0 && (field === 'absenceDays' || field.startsWith('leave.'))) return '';
  return String(value);
}

/** Text as typed or pasted: full-width digits and a decimal comma are read too; '' clears the cell. */
export function parseCell(text: string): number | null | 'nan' {
  const clean = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (clean === '') return null;
  const n = Number(clean);
  return Number.isFinite(n) ? n : 'nan';
}

export type LocalProblem =
  | { kind: 'nan'; cell: CellKind; label: string }
  | { kind: 'negative'; label: string }
  | { kind: 'above_points'; label: string; points: number; value: number }
  | { kind: 'not_tenths'; label: string }
  | { kind: 'not_half_days'; label: string }
  | { kind: 'not_integer'; label: string }
  | { kind: 'above_due'; value: number; due: number };

/** What the browser can tell about one cell by itself; the server adds the checks across cells. */
export function checkCell(column: GridColumn, text: string, daysDue: number, label: string): LocalProblem | null {
  const value = parseCell(text);
  if (value === null) return null;
  if (value === 'nan') return { kind: 'nan', cell: column.kind, label };
  if (value < 0) return { kind: 'negative', label };
  if (column.kind === 'points') {
    const points = (column.indicator?.pointsTenths ?? 0) / 10;
    if (!Number.isInteger(Math.round(value * 10 * 1e6) / 1e6)) return { kind: 'not_tenths', label };
    if (value > points) return { kind: 'above_points', label, points, value };
    return null;
  }
  if (column.kind === 'count') return Number.isInteger(value) ? null : { kind: 'not_integer', label };
  if (!Number.isInteger(value * 2)) return { kind: 'not_half_days', label };
  if (column.field === 'daysWorked' && value > daysDue) return { kind: 'above_due', value, due: daysDue };
  return null;
}

/** A rectangular block of text as Excel and WPS put it on the clipboard: rows by newline, cells by tab. */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

export function isBlock(text: string): boolean {
  return /[\t\n]/.test(text.replace(/\r?\n$/, ''));
}

export interface PastePlan {
  /** personId → field → text. */
  cells: Record<string, Record<Field, string>>;
  rows: number;
  columns: number;
  /** Pasted values that fell outside the sheet or onto cells this user may not type in. */
  skipped: number;
}

/**
 * Lays a pasted block onto the grid from the active cell: rows downwards, values rightwards across
 * the columns this user may type in (read-only columns such as the days due are stepped over, so a
 * block copied from a clerk's own workbook lands on 出勤、旷工、得分 as it reads).
 */
export function planPaste(block: string[][], entries: readonly Pick<Entry, 'personId' | 'perPersonServed'>[], columns: readonly GridColumn[], at: { row: number; col: number }): PastePlan {
  const targets = columns.slice(at.col).filter((c) => c.editable);
  const cells: PastePlan['cells'] = {};
  let skipped = 0;
  let rows = 0;
  block.forEach((values, r) => {
    const entry = entries[at.row + r];
    if (!entry) {
      skipped += values.length;
      return;
    }
    rows++;
    values.forEach((text, c) => {
      const column = targets[c];
      if (!column || !cellApplies(entry, column)) {
        if (text.trim() !== '') skipped++;
        return;
      }
      (cells[entry.personId] ??= {})[column.field] = text.trim();
    });
  });
  return { cells, rows, columns: Math.min(targets.length, Math.max(0, ...block.map((b) => b.length))), skipped };
}

/** The request rows for the typed cells the browser found nothing wrong with. */
export function rowsToSave(drafts: Record<string, Record<Field, string>>, blocked: (personId: string, field: Field) => boolean): EntryInput[] {
  const rows: EntryInput[] = [];
  for (const [personId, cells] of Object.entries(drafts)) {
    const row: EntryInput = { personId };
    let any = false;
    for (const [field, text] of Object.entries(cells)) {
      if (blocked(personId, field)) continue;
      const value = parseCell(text);
      if (value === 'nan') continue;
      any = true;
      if (field === 'daysWorked') row.daysWorked = value;
      else if (field === 'absenceDays') row.absenceDays = value ?? 0;
      else if (field === 'peopleServed') row.peopleServed = value;
      else if (field.startsWith('leave.')) row.leave = { ...row.leave, [field.slice(6)]: value ?? 0 };
      else if (field.startsWith('scores.')) row.scores = { ...row.scores, [field.slice(7)]: value };
    }
    if (any) rows.push(row);
  }
  return rows;
}

/** Whether the saved sheet now holds what was typed (the draft can go). */
export function draftSaved(entry: Entry, field: Field, text: string): boolean {
  const value = parseCell(text);
  if (value === 'nan') return false;
  // Absence and leave read 0 and empty alike.
  const empty = (v: number | null) => v === null || (v === 0 && (field === 'absenceDays' || field.startsWith('leave.')));
  const stored = storedValue(entry, field);
  return (empty(value) && empty(stored)) || stored === value;
}

export interface LiveTotals {
  totalTenths: number | null;
  deductionTenths: number;
  unitTenths: number;
  communityTenths: number | null;
  grade: AnnualOutcome | null;
}

/** The row's total as typed (the same pure rules the server applies), so the clerk sees it change before saving. */
export function liveTotals(sheet: Pick<Sheet, 'template' | 'communitySharePercent' | 'month'>, entry: Entry, draft: Record<Field, string> | undefined): LiveTotals {
  const scores: Record<string, number> = {};
  for (const [id, v] of Object.entries(entry.scores)) scores[id] = Math.round(v * 10);
  let absence = entry.absenceDays;
  let worked = entry.daysWorked;
  for (const [field, text] of Object.entries(draft ?? {})) {
    const value = parseCell(text);
    if (value === 'nan') continue;
    if (field.startsWith('scores.')) {
      if (value === null) delete scores[field.slice(7)];
      else scores[field.slice(7)] = Math.round(value * 10);
    } else if (field === 'absenceDays') absence = value ?? 0;
    else if (field === 'daysWorked') worked = value;
  }
  const score = monthlyScore(sheet.template, { scores, absenceDays: absence, communitySharePercent: sheet.communitySharePercent });
  const complete = score.missing.length === 0 && worked !== null;
  return {
    totalTenths: complete ? score.totalTenths : null,
    deductionTenths: score.deductionTenths,
    unitTenths: score.unitTenths,
    communityTenths: sheet.communitySharePercent === null ? null : score.communityTenths,
    grade: complete ? gradeOf(score.totalTenths, ruleValue('assessment.gradeBands', `${sheet.month}-01`)) : null,
  };
}

/** Points in tenths as text: 854 → "85.4". */
export const tenthsText = (tenths: number | null | undefined): string => (tenths === null || tenths === undefined ? '' : (tenths / 10).toFixed(1));

/**
 * After a save: drafts the saved sheet now holds are dropped; the rest stay (refused, or never
 * sent because the browser already refused them). The server's messages replace any earlier
 * message on the cells that were sent; row-level refusals come back under `personId`.
 */
export function settleSave(
  drafts: Record<string, Record<Field, string>>,
  problems: Record<string, Record<Field, string>>,
  sent: readonly EntryInput[],
  result: { problems: readonly { personId: string; field: string; message: string }[]; sheet: Pick<Sheet, 'entries'> },
): { drafts: Record<string, Record<Field, string>>; problems: Record<string, Record<Field, string>> } {
  const byPerson = new Map(result.sheet.entries.map((e) => [e.personId, e]));
  const sentCells = new Set<string>();
  for (const row of sent) for (const field of fieldsOf(row)) sentCells.add(`${row.personId}|${field}`);
  const nextDrafts: Record<string, Record<Field, string>> = {};
  for (const [personId, cells] of Object.entries(drafts)) {
    const entry = byPerson.get(personId);
    const kept = Object.fromEntries(Object.entries(cells).filter(([field, text]) => !entry || !sentCells.has(`${personId}|${field}`) || !draftSaved(entry, field, text)));
    if (Object.keys(kept).length > 0) nextDrafts[personId] = kept;
  }
  const nextProblems: Record<string, Record<Field, string>> = {};
  for (const [personId, cells] of Object.entries(problems)) {
    const kept = Object.fromEntries(Object.entries(cells).filter(([field]) => field !== 'personId' && !sentCells.has(`${personId}|${field}`)));
    if (Object.keys(kept).length > 0) nextProblems[personId] = kept;
  }
  for (const p of result.problems) (nextProblems[p.personId] ??= {})[p.field] = p.message;
  return { drafts: nextDrafts, problems: nextProblems };
}

/** The fields a request row names (leave.sick, scores.duty…). */
export function fieldsOf(row: EntryInput): Field[] {
  const fields: Field[] = [];
  if (row.daysWorked !== undefined) fields.push('daysWorked');
  if (row.absenceDays !== undefined) fields.push('absenceDays');
  if (row.peopleServed !== undefined) fields.push('peopleServed');
  for (const type of Object.keys(row.leave ?? {})) fields.push(`leave.${type}`);
  for (const id of Object.keys(row.scores ?? {})) fields.push(`scores.${id}`);
  return fields;
}
