import { sql, type SqlBool } from 'kysely';
import { addDays, type AgreementState } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';

// The only SQL of work agreements (R6, R8). The table is aliased `p` so the roster's scope applies.

export function agreementRows(db: Executor, townId: string) {
  return db
    .selectFrom('agreements as p')
    .innerJoin('persons as s', (j) => j.onRef('s.town_id', '=', 'p.town_id').onRef('s.id', '=', 'p.person_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'p.town_id').onRef('c.id', '=', 'p.coop_id'))
    .innerJoin('departments as sd', (j) => j.onRef('sd.town_id', '=', 'p.town_id').onRef('sd.id', '=', 'p.supervising_department_id'))
    .innerJoin('departments as md', (j) => j.onRef('md.town_id', '=', 'p.town_id').onRef('md.id', '=', 'p.managing_department_id'))
    .leftJoin('departments as wd', (j) => j.onRef('wd.town_id', '=', 'p.town_id').onRef('wd.id', '=', 'p.witness_department_id'))
    .leftJoin('annual_results as r', (j) =>
      j.onRef('r.town_id', '=', 'p.town_id').onRef('r.person_id', '=', 'p.person_id').on(sql<SqlBool>`r.year = cast(substr(p.term_start, 1, 4) as integer)`),
    )
    .where('p.town_id', '=', townId);
}

export const AGREEMENT_COLUMNS = [
  'p.id',
  'p.person_id',
  'p.employment_id',
  'p.team_id',
  'p.coop_id',
  'p.supervising_department_id',
  'p.managing_department_id',
  'p.community_id',
  'p.duty',
  'p.pay_scheme',
  'p.term_start',
  'p.term_end',
  'p.state',
  'p.signed_on',
  'p.witnessed_on',
  'p.witness_department_id',
  'p.filing_number',
  'p.filed_on',
  'p.terminated_on',
  'p.termination_reason',
  'p.hiring_request_id',
  'p.previous_agreement_id',
  's.name',
  's.id_cipher',
  's.sex',
  's.birth_date',
  't.name as team_name',
  't.duties as team_duties',
  'c.name as coop_name',
  'sd.name as supervising_department_name',
  'md.name as managing_department_name',
  'wd.name as witness_department_name',
  'r.outcome as annual_outcome',
  sql<string | null>`(select n.id from agreements n where n.town_id = p.town_id and n.previous_agreement_id = p.id)`.as('next_agreement_id'),
] as const;

type Rows = ReturnType<typeof agreementRows>;

/** Rows whose state, as a reader sees it on `today`, is `state` (in force / expired follow from filed and the term). */
export function whereState(q: Rows, state: AgreementState, today: string): Rows {
  switch (state) {
    case 'in_force':
      return q.where('p.state', '=', 'filed').where('p.term_start', '<=', today).where('p.term_end', '>=', today);
    case 'expired':
      return q.where('p.state', '=', 'filed').where('p.term_end', '<', today);
    case 'filed':
      return q.where('p.state', '=', 'filed').where('p.term_start', '>', today);
    default:
      return q.where('p.state', '=', state);
  }
}

/** Filed agreements ending between today and `days` from today (the 30/60/90-day lists, R6). */
export function whereExpiringWithin(q: Rows, days: number, today: string): Rows {
  return q.where('p.state', '=', 'filed').where('p.term_end', '>=', today).where('p.term_end', '<=', addDays(today, days));
}

export function findAgreement(db: Executor, townId: string, id: string) {
  return db.selectFrom('agreements').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** The person's agreement that is still open (not renewed or terminated), newest first. */
export function openAgreementOf(db: Executor, townId: string, personId: string) {
  return db
    .selectFrom('agreements')
    .selectAll()
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('state', 'not in', ['renewed', 'terminated'])
    .orderBy('term_start', 'desc')
    .executeTakeFirst();
}

/** The team's supervising department on a date (R4, R6). */
export function supervisorOn(db: Executor, townId: string, teamId: string, on: string) {
  return db
    .selectFrom('team_assignments')
    .select('supervising_department_id')
    .where('town_id', '=', townId)
    .where('team_id', '=', teamId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .executeTakeFirst();
}
