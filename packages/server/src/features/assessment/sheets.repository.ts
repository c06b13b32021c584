import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// The only SQL of monthly sheets and their entries (#6). Sheets are aliased `s` for sheet-scope.ts.

export function sheetRows(db: Executor, townId: string) {
  return db
    .selectFrom('assessment_sheets as s')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 's.town_id').onRef('d.id', '=', 's.department_id'))
    .where('s.town_id', '=', townId);
}

export const SHEET_COLUMNS = [
  's.id',
  's.department_id',
  's.team_id',
  's.month',
  's.template_id',
  's.community_share_percent',
  's.state',
  's.due_date',
  's.returned_reason',
  's.submitted_by',
  's.submitted_at',
  's.reviewed_by',
  's.locked_by',
  's.locked_at',
  't.name as team_name',
  'd.name as department_name',
  sql<number>`(select count(*) from assessment_entries e where e.town_id = s.town_id and e.sheet_id = s.id)`.as('workers'),
  sql<number>`(select count(*) from assessment_entries e where e.town_id = s.town_id and e.sheet_id = s.id and e.total_tenths is not null)`.as('complete'),
] as const;

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
