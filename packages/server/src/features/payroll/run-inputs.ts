import { sql } from 'kysely';
import { monthBounds, type AnnualOutcome, type CategoryCode, type EmploymentBasis, type InPost, type Insurance, type PayScheme, type SpecialPost } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';

// The only SQL that gathers a run's inputs (#7 part 3): the coop's workers in post in the month
// with their post versions, the month's locked assessment, what each worker was paid earlier in
// the year (R17's caps, R19's annual base), the supervising department of each team, and the
// corrections waiting to be paid. Each is one query for the whole coop, however many workers.

export interface WorkerMonth {
  personId: string;
  name: string;
  teamId: string;
  categoryCode: CategoryCode;
  departmentId: string;
  communityId: string | null;
  scheme: PayScheme;
  legacyBaseFen: number | null;
  legacyBonusFen: number | null;
  specialPost: SpecialPost | null;
  employmentBasis: EmploymentBasis;
  insurance: Insurance;
  periods: InPost[];
}

/**
 * Workers of the coop's teams in post in the month. A worker's pay follows the post version in
 * force at the month's end (or the last day in post); every version of the month counts toward
 * the days in post.
 */
export async function workersInMonth(db: Executor, townId: string, coopId: string, month: string): Promise<WorkerMonth[]> {
  const { first, last } = monthBounds(month);
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.category_id'))
    .select([
      'p.person_id',
      'p.person_name',
      'p.team_id',
      'c.code',
      'p.managing_department_id',
      'p.community_id',
      'p.pay_scheme',
      'p.legacy_base_fen',
      'p.legacy_bonus_fen',
      'p.special_post',
      'p.employment_basis',
      'p.insurance',
      'p.valid_from',
      'p.valid_to',
    ])
    .where('p.town_id', '=', townId)
    .where('t.coop_id', '=', coopId)
    .where('p.status', '!=', 'exited')
    .where('p.valid_from', '<=', last)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', first)]))
    .orderBy('p.person_id')
    .orderBy('p.valid_from')
    .execute();
  const byPerson = new Map<string, WorkerMonth>();
  for (const r of rows) {
    const period = { from: r.valid_from, to: r.valid_to };
    const worker: WorkerMonth = {
      personId: r.person_id,
      name: r.person_name,
      teamId: r.team_id,
      categoryCode: r.code as CategoryCode,
      departmentId: r.managing_department_id,
      communityId: r.community_id,
      scheme: r.pay_scheme as PayScheme,
      legacyBaseFen: r.legacy_base_fen,
      legacyBonusFen: r.legacy_bonus_fen,
      specialPost: r.special_post as SpecialPost | null,
      employmentBasis: r.employment_basis as EmploymentBasis,
      insurance: r.insurance as Insurance,
      periods: [period],
    };
    const seen = byPerson.get(r.person_id);
    // Versions come in date order, so the later one carries the month's post; periods accumulate.
    byPerson.set(r.person_id, seen ? { ...worker, periods: [...seen.periods, period] } : worker);
  }
  return [...byPerson.values()];
}

/**
 * The (unit, team) pairs of `workers` whose sheet for the month is missing or not locked (R25 before
 * R21). The pairs come from the workers already read, so only the month's sheets are queried.
 */
export async function unlockedSheets(db: Executor, townId: string, month: string, workers: readonly WorkerMonth[]) {
  const pairs = new Map<string, { departmentId: string; teamId: string }>();
  for (const w of workers) pairs.set(`${w.departmentId}|${w.teamId}`, { departmentId: w.departmentId, teamId: w.teamId });
  if (pairs.size === 0) return [];
  const [sheets, teams, departments] = await Promise.all([
    db.selectFrom('assessment_sheets').select(['department_id', 'team_id', 'state']).where('town_id', '=', townId).where('month', '=', month).execute(),
    db.selectFrom('teams').select(['id', 'name', 'sort_order']).where('town_id', '=', townId).execute(),
    db.selectFrom('departments').select(['id', 'name']).where('town_id', '=', townId).execute(),
  ]);
  const stateOf = new Map(sheets.map((x) => [`${x.department_id}|${x.team_id}`, x.state]));
  const team = new Map(teams.map((t) => [t.id, t]));
  const department = new Map(departments.map((d) => [d.id, d.name]));
  return [...pairs]
    .filter(([key]) => stateOf.get(key) !== 'locked')
    .map(([key, p]) => ({ department_name: department.get(p.departmentId) ?? '', team_name: team.get(p.teamId)?.name ?? '', order: team.get(p.teamId)?.sort_order ?? 0, state: stateOf.get(key) ?? null }))
    .sort((a, b) => a.order - b.order || a.department_name.localeCompare(b.department_name, 'zh-CN'));
}

/** The month's locked assessment per worker: total, grade and people served (R25, R11). */
export async function lockedAssessments(db: Executor, townId: string, month: string) {
  const rows = await db
    .selectFrom('assessment_entries as e')
    .innerJoin('assessment_sheets as s', (j) => j.onRef('s.town_id', '=', 'e.town_id').onRef('s.id', '=', 'e.sheet_id'))
    .select(['e.person_id', 'e.total_tenths', 'e.grade', 'e.people_served'])
    .where('s.town_id', '=', townId)
    .where('s.month', '=', month)
    .where('s.state', '=', 'locked')
    .execute();
  return new Map(rows.map((r) => [r.person_id, r]));
}

/** Paid earlier in the year per worker (monthly runs, any coop; up to and with `month` when `inclusive`): R17's capped items and R19's base. */
export async function paidEarlierInYear(db: Executor, townId: string, month: string, inclusive: boolean) {
  const rows = await db
    .selectFrom('pay_slips as ps')
    .innerJoin('pay_runs as r', (j) => j.onRef('r.town_id', '=', 'ps.town_id').onRef('r.id', '=', 'ps.run_id'))
    .select([
      'ps.person_id',
      sql<number>`sum(ps.high_temperature_fen)`.as('heat'),
      sql<number>`sum(ps.in_kind_fen)`.as('in_kind'),
      sql<number>`sum(ps.base_fen)`.as('base'),
      sql<number>`count(distinct r.month)`.as('months'),
    ])
    .where('ps.town_id', '=', townId)
    .where('r.kind', '=', 'monthly')
    .where('r.month', '>=', `${month.slice(0, 4)}-01`)
    .where('r.month', inclusive ? '<=' : '<', month)
    .groupBy('ps.person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, { heat: Number(r.heat), inKind: Number(r.in_kind), base: Number(r.base), months: Number(r.months) }]));
}

/** R8/R19: the year's annual results per worker. */
export async function annualOutcomes(db: Executor, townId: string, year: number): Promise<Map<string, AnnualOutcome>> {
  const rows = await db.selectFrom('annual_results').select(['person_id', 'outcome']).where('town_id', '=', townId).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.person_id, r.outcome as AnnualOutcome]));
}

/** Corrections of the coop's approved runs not yet paid (#7 part 4). */
export function pendingAdjustments(db: Executor, townId: string, coopId: string, beforeMonth: string) {
  return db
    .selectFrom('pay_adjustments as a')
    .innerJoin('pay_runs as r', (j) => j.onRef('r.town_id', '=', 'a.town_id').onRef('r.id', '=', 'a.run_id'))
    .select(['a.id', 'a.person_id', 'a.amount_fen', 'a.reason', 'r.month'])
    .where('a.town_id', '=', townId)
    .where('a.coop_id', '=', coopId)
    .where('a.applied_run_id', 'is', null)
    .where('r.month', '<', beforeMonth)
    .execute();
}
