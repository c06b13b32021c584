import type { Assignment, CategoryCode, Team, TeamQuery } from '@gongyi/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { fromFlag, inForceOn, likeEscaped, offsetOf } from '../../db/query-helpers.js';
import type { NewRow, RowUpdate } from '../../db/schema.js';

type TeamFilter = Omit<TeamQuery, 'page' | 'pageSize' | 'on'> & { on: string };

function teamsWithNames(db: Executor, townId: string) {
  return db
    .selectFrom('teams as t')
    .innerJoin('categories as g', (j) => j.onRef('g.town_id', '=', 't.town_id').onRef('g.id', '=', 't.category_id'))
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.coop_id'))
    .where('t.town_id', '=', townId)
    .select([
      't.id',
      't.name',
      't.category_id',
      'g.code as category_code',
      'g.name as category_name',
      't.coop_id',
      'c.name as coop_name',
      't.duties',
      't.sort_order',
      't.valid_from',
      't.valid_to',
    ]);
}
type TeamRow = Awaited<ReturnType<ReturnType<typeof teamsWithNames>['execute']>>[number];

function filteredTeams(db: Executor, townId: string, f: TeamFilter) {
  let q = teamsWithNames(db, townId).where((eb) => inForceOn(eb, f.on, 't.'));
  if (f.categoryId) q = q.where('t.category_id', '=', f.categoryId);
  if (f.coopId) q = q.where('t.coop_id', '=', f.coopId);
  if (f.q) q = q.where(likeEscaped('t.name', f.q));
  if (f.departmentId) {
    const dept = f.departmentId;
    // Teams that this department supervises or manages day to day, on the query date.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_assignments as a')
          .leftJoin('team_assignment_units as u', (j) => j.onRef('u.town_id', '=', 'a.town_id').onRef('u.assignment_id', '=', 'a.id'))
          .whereRef('a.town_id', '=', 't.town_id')
          .whereRef('a.team_id', '=', 't.id')
          .where((e) => inForceOn(e, f.on, 'a.'))
          .where((e) => e.or([e('a.supervising_department_id', '=', dept), e('u.department_id', '=', dept)]))
          .select(sql.lit(1).as('one')),
      ),
    );
  }
  return q;
}

export async function listTeams(db: Executor, townId: string, f: TeamFilter, page: Pick<TeamQuery, 'page' | 'pageSize'> | null) {
  let rowsQuery = filteredTeams(db, townId, f).orderBy('t.sort_order').orderBy('t.name');
  if (page) rowsQuery = rowsQuery.limit(page.pageSize).offset(offsetOf(page));
  const [rows, count] = await Promise.all([
    rowsQuery.execute(),
    filteredTeams(db, townId, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findTeamRow(db: Executor, townId: string, id: string) {
  return teamsWithNames(db, townId).where('t.id', '=', id).executeTakeFirst();
}

export function findTeamByName(db: Executor, townId: string, name: string) {
  return db.selectFrom('teams').select('id').where('town_id', '=', townId).where('name', '=', name).executeTakeFirst();
}

/** Assignments with names resolved; `on` narrows to the one in force per team, else all (history). */
export async function loadAssignments(
  db: Executor,
  townId: string,
  teamIds: string[],
  on: string | null,
): Promise<Map<string, Assignment[]>> {
  const byTeam = new Map<string, Assignment[]>();
  if (teamIds.length === 0) return byTeam;
  let q = db
    .selectFrom('team_assignments as a')
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'a.town_id').onRef('d.id', '=', 'a.supervising_department_id'))
    .where('a.town_id', '=', townId)
    .where('a.team_id', 'in', teamIds)
    .select([
      'a.id',
      'a.team_id',
      'a.supervising_department_id',
      'd.name as supervising_department_name',
      'a.community_score_share',
      'a.community_share_percent',
      'a.note',
      'a.valid_from',
      'a.valid_to',
      'a.created_at',
    ]);
  if (on) q = q.where((eb) => inForceOn(eb, on, 'a.'));
  const rows = await q.orderBy('a.valid_from', 'desc').execute();
  if (rows.length === 0) return byTeam;
  const units = await db
    .selectFrom('team_assignment_units as u')
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'u.town_id').onRef('d.id', '=', 'u.department_id'))
    .where('u.town_id', '=', townId)
    .where(
      'u.assignment_id',
      'in',
      rows.map((r) => r.id),
    )
    .select(['u.assignment_id', 'u.department_id', 'd.name as department_name', 'u.duties'])
    .orderBy('u.assignment_id')
    .orderBy('u.position')
    .execute();
  for (const r of rows) {
    const assignment: Assignment = {
      id: r.id,
      teamId: r.team_id,
      supervisingDepartmentId: r.supervising_department_id,
      supervisingDepartmentName: r.supervising_department_name,
      managingUnits: units
        .filter((u) => u.assignment_id === r.id)
        .map((u) => ({ departmentId: u.department_id, departmentName: u.department_name, duties: u.duties })),
      communityScoreShare: fromFlag(r.community_score_share),
      communitySharePercent: r.community_share_percent,
      note: r.note,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      createdAt: r.created_at,
    };
    byTeam.set(r.team_id, [...(byTeam.get(r.team_id) ?? []), assignment]);
  }
  return byTeam;
}

export function toTeam(row: TeamRow, assignment: Assignment | null): Team {
  return {
    id: row.id,
    name: row.name,
    categoryId: row.category_id,
    categoryCode: row.category_code as CategoryCode,
    categoryName: row.category_name,
    coopId: row.coop_id,
    coopName: row.coop_name,
    duties: row.duties,
    sortOrder: row.sort_order,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    assignment,
  };
}

export function latestAssignment(db: Executor, townId: string, teamId: string) {
  return db
    .selectFrom('team_assignments')
    .selectAll()
    .where('town_id', '=', townId)
    .where('team_id', '=', teamId)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertTeam(db: Executor, row: NewRow<'teams'>): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

export async function updateTeam(db: Executor, townId: string, id: string, patch: RowUpdate<'teams'>): Promise<void> {
  await db.updateTable('teams').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}

export async function insertAssignment(
  db: Executor,
  row: NewRow<'team_assignments'>,
  units: { departmentId: string; duties: string }[],
): Promise<void> {
  await db.insertInto('team_assignments').values(row).execute();
  await db
    .insertInto('team_assignment_units')
    .values(units.map((u, i) => ({ town_id: row.town_id, assignment_id: row.id, department_id: u.departmentId, duties: u.duties, position: i })))
    .execute();
}

export async function closeAssignment(db: Executor, townId: string, id: string, validTo: string): Promise<void> {
  await db.updateTable('team_assignments').set({ valid_to: validTo }).where('town_id', '=', townId).where('id', '=', id).execute();
}

/** Each team's supervising department on a date (R4: who reviews pay in R21 and supervises the month's sheets in R25). */
export async function supervisorsOn(db: Executor, townId: string, on: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('team_assignments')
    .select(['team_id', 'supervising_department_id'])
    .where('town_id', '=', townId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .execute();
  return new Map(rows.map((r) => [r.team_id, r.supervising_department_id]));
}
