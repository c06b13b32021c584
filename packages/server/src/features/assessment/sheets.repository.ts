import { sql } from 'kysely';
import type { BulkColumn, BulkRead, BulkUpdate } from '../../db/bulk-rows.js';
import type { DatabaseKind, Executor } from '../../db/database.js';

// The only SQL of monthly sheets and their entries (#6). Sheets are aliased `s` for sheet-scope.ts.

export function sheetRows(db: Executor, townId: string) {
  return db
    .selectFrom('assessment_sheets as s')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 's.town_id').onRef('d.id', '=', 's.department_id'))
    .where('s.town_id', '=', townId);
}

export const SHEET_FIELDS = [
  's.id',
  's.department_id',
  's.team_id',
  's.month',
  's.template_id',
  's.community_share_percent',
  's.state',
  's.due_date',
  's.returned_reason',
  's.created_by',
  's.created_at',
  's.community_entered_at',
  's.submitted_by',
  's.submitted_at',
  's.reviewed_by',
  's.reviewed_at',
  's.locked_by',
  's.locked_at',
  't.name as team_name',
  'd.name as department_name',
] as const;

/** The sheet with its rows counted: all rows, and those complete (a total). */
export const SHEET_COLUMNS = [
  ...SHEET_FIELDS,
  sql<number>`(select count(*) from assessment_entries e where e.town_id = s.town_id and e.sheet_id = s.id)`.as('workers'),
  sql<number>`(select count(*) from assessment_entries e where e.town_id = s.town_id and e.sheet_id = s.id and e.total_tenths is not null)`.as('complete'),
] as const;

/** Rows and complete rows of some sheets, counted over the entries `narrow` keeps (a grid manager's own community's, #13 item 10). */
export function entryCounts(db: Executor, townId: string, sheetIds: string[], narrow: (q: SheetsQuery) => SheetsQuery) {
  return narrow(
    db
      .selectFrom('assessment_sheets as s')
      .innerJoin('assessment_entries as e', (j) => j.onRef('e.town_id', '=', 's.town_id').onRef('e.sheet_id', '=', 's.id'))
      .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
      .where('s.town_id', '=', townId)
      .where('s.id', 'in', sheetIds),
  )
    .select(['s.id', sql<number>`count(*)`.as('workers'), sql<number>`count(e.total_tenths)`.as('complete')])
    .groupBy('s.id')
    .execute();
}

export function entriesOf(db: Executor, townId: string, sheetId: string) {
  return db
    .selectFrom('assessment_entries as e')
    .leftJoin('communities as c', (j) => j.onRef('c.town_id', '=', 'e.town_id').onRef('c.id', '=', 'e.community_id'))
    .selectAll('e')
    .select('c.name as community_name')
    .where('e.town_id', '=', townId)
    .where('e.sheet_id', '=', sheetId)
    .orderBy('e.person_name')
    .orderBy('e.person_id')
    .execute();
}

/** What a sheet shows of each entry (not the town, the sheet or who changed it last), in the sheet's order. */
export function entryRows(db: Executor, townId: string, sheetId: string) {
  return db
    .selectFrom('assessment_entries as e')
    .select(['e.person_id', 'e.person_name', 'e.community_id', 'e.employment_basis', 'e.days_due', 'e.days_worked_halves', 'e.absence_halves', 'e.leave_json', 'e.people_served', 'e.scores_json', 'e.unit_tenths', 'e.community_tenths', 'e.deduction_tenths', 'e.total_tenths', 'e.grade'])
    .where('e.town_id', '=', townId)
    .where('e.sheet_id', '=', sheetId)
    .orderBy('e.person_name')
    .orderBy('e.person_id');
}
export type EntryRow = Awaited<ReturnType<ReturnType<typeof entryRows>['execute']>>[number];
/** An entry as a save reads it: with where to find it again for the update (`key`). */
export type KeyedEntryRow = EntryRow & { key: string | number };

/**
 * The entries a save works on, read as arrays (bulkReader) and made into rows here (values in entryRows' order). Each carries
 * the key its update finds it by: on SQLite the rowid, read in this same transaction (one B-tree
 * step instead of a search on the three-part text key); on PostgreSQL the person.
 */
export async function entriesForSave(db: Executor, read: BulkRead, kind: DatabaseKind, townId: string, sheetId: string): Promise<KeyedEntryRow[]> {
  const query = entryRows(db, townId, sheetId).select(kind === 'sqlite' ? sql<number>`e.rowid`.as('key') : sql<string>`e.person_id`.as('key'));
  return (await read(query)).map((v) => ({
    person_id: v[0] as string,
    person_name: v[1] as string,
    community_id: v[2] as string | null,
    employment_basis: v[3] as string,
    days_due: v[4] as number,
    days_worked_halves: v[5] as number | null,
    absence_halves: v[6] as number,
    leave_json: v[7] as string,
    people_served: v[8] as number | null,
    scores_json: v[9] as string,
    unit_tenths: v[10] as number | null,
    community_tenths: v[11] as number | null,
    deduction_tenths: v[12] as number | null,
    total_tenths: v[13] as number | null,
    grade: v[14] as string | null,
    key: v[15] as string | number,
  }));
}

/** The town's community names by id (a sheet names each row's community; a handful of rows, read once instead of joined per row). */
export async function communityNames(db: Executor, townId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('communities').select(['id', 'name']).where('town_id', '=', townId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const TOTALS: readonly BulkColumn[] = [
  ['unit_tenths', 'integer'],
  ['community_tenths', 'integer'],
  ['deduction_tenths', 'integer'],
  ['total_tenths', 'integer'],
  ['grade', 'text'],
  ['updated_by', 'text'],
  ['updated_at', 'text'],
];
/** The columns a save changes: the unit's pass the attendance, the scores and what follows from them; the community's pass its scores. */
const SAVED: Record<'attendance' | 'scores', readonly BulkColumn[]> = {
  attendance: [['days_worked_halves', 'integer'], ['absence_halves', 'integer'], ['leave_json', 'text'], ['people_served', 'integer'], ['scores_json', 'text'], ...TOTALS],
  scores: [['scores_json', 'text'], ...TOTALS],
};

/** Writes the saved rows of a sheet back (each read by entriesForSave in this transaction); only the columns a save can change. */
export async function updateEntries(update: BulkUpdate, kind: DatabaseKind, townId: string, sheetId: string, rows: readonly KeyedEntryRow[], attendance: boolean, by: string, at: string): Promise<void> {
  const values = rows.map((r) =>
    attendance
      ? [r.days_worked_halves, r.absence_halves, r.leave_json, r.people_served, r.scores_json, r.unit_tenths, r.community_tenths, r.deduction_tenths, r.total_tenths, r.grade, by, at, r.key]
      : [r.scores_json, r.unit_tenths, r.community_tenths, r.deduction_tenths, r.total_tenths, r.grade, by, at, r.key],
  );
  const key: BulkColumn = kind === 'sqlite' ? ['rowid', 'bigint'] : ['person_id', 'text'];
  const changed = await update('assessment_entries', { set: SAVED[attendance ? 'attendance' : 'scores'], key: [key], where: { town_id: townId, sheet_id: sheetId } }, values);
  // The rows were read in this transaction and entries are never deleted: anything else is a bug, not a user's error.
  if (changed !== rows.length) throw new Error(`assessment entries: updated ${changed} of ${rows.length} rows of sheet ${sheetId}`);
}

/** Post versions of a unit's workers in a team that overlap the month (#6: only workers in post are assessed). */
export function postsInMonth(db: Executor, townId: string, departmentId: string, teamId: string, first: string, last: string) {
  return db
    .selectFrom('posts')
    .select(['person_id', 'person_name', 'community_id', 'employment_basis', 'valid_from', 'valid_to', 'status'])
    .where('town_id', '=', townId)
    .where('team_id', '=', teamId)
    .where('managing_department_id', '=', departmentId)
    .where('status', '!=', 'exited')
    .where('valid_from', '<=', last)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', first)]))
    .orderBy('valid_from')
    .execute();
}

/** Every (unit, team) with workers in post in the month: the sheets expected (overdue board). */
export function expectedSheets(db: Executor, townId: string, first: string, last: string) {
  return db
    .selectFrom('posts as p')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'p.town_id').onRef('d.id', '=', 'p.managing_department_id'))
    .select(['p.managing_department_id', 'p.team_id', 't.name as team_name', 'd.name as department_name', (eb) => eb.fn.count<number>('p.person_id').distinct().as('workers')])
    .where('p.town_id', '=', townId)
    .where('p.status', '!=', 'exited')
    .where('p.valid_from', '<=', last)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', first)]))
    .groupBy(['p.managing_department_id', 'p.team_id', 't.name', 'd.name', 't.sort_order'])
    .orderBy('t.sort_order')
    .orderBy('d.name')
    .execute();
}

type SheetsQuery = ReturnType<typeof aggregateBase>;
function aggregateBase(db: Executor, month: string) {
  return db
    .selectFrom('assessment_sheets as s')
    .innerJoin('assessment_entries as e', (j) => j.onRef('e.town_id', '=', 's.town_id').onRef('e.sheet_id', '=', 's.id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
    .where('s.month', '=', month);
}

/** Per town and team for a month: workers, scored rows, mean total and grade counts (null towns = every town: a city). */
export function monthAggregate(db: Executor, month: string, townIds: string[] | null, narrow: (q: SheetsQuery) => SheetsQuery = (q) => q) {
  let q = aggregateBase(db, month);
  if (townIds) q = q.where('s.town_id', 'in', townIds);
  const grade = (g: string) => sql<number>`sum(case when e.grade = ${g} then 1 else 0 end)`;
  return narrow(q)
    .select([
      's.town_id',
      's.team_id',
      't.name as team_name',
      sql<number>`count(*)`.as('workers'),
      sql<number>`count(e.total_tenths)`.as('scored'),
      sql<number | null>`avg(e.total_tenths)`.as('mean_tenths'),
      grade('excellent').as('excellent'),
      grade('pass').as('pass'),
      grade('basic_pass').as('basic_pass'),
      grade('fail').as('fail'),
      sql<number>`count(distinct case when s.state = 'locked' then s.id end)`.as('locked_sheets'),
      sql<number>`count(distinct s.id)`.as('sheets'),
    ])
    .groupBy(['s.town_id', 's.team_id', 't.name', 't.sort_order'])
    .orderBy('s.town_id')
    .orderBy('t.sort_order')
    .execute();
}
