import type { Executor } from '../../db/database.js';

// The only SQL of hiring requests (R10). Tables are aliased `p` so the roster's scope applies (staffing-scope.ts).

export function hiringRows(db: Executor, townId: string) {
  return db
    .selectFrom('hiring_requests as p')
    .innerJoin('persons as s', (j) => j.onRef('s.town_id', '=', 'p.town_id').onRef('s.id', '=', 'p.person_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.coop_id'))
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'p.town_id').onRef('d.id', '=', 'p.managing_department_id'))
    .leftJoin('agreements as a', (j) => j.onRef('a.town_id', '=', 'p.town_id').onRef('a.hiring_request_id', '=', 'p.id'))
    .where('p.town_id', '=', townId);
}

export const HIRING_COLUMNS = [
  'p.id',
  'p.kind',
  'p.person_id',
  'p.team_id',
  'p.managing_department_id',
  'p.community_id',
  'p.post_json',
  'p.start_date',
  'p.state',
  'p.reason',
  'p.requested_by',
  'p.requested_at',
  'p.decided_by',
  'p.decided_at',
  'p.decision_reason',
  's.name',
  's.id_cipher',
  't.name as team_name',
  'c.name as coop_name',
  'd.name as managing_department_name',
  'a.id as agreement_id',
  'a.state as agreement_state',
  'a.term_start as agreement_term_start',
  'a.term_end as agreement_term_end',
] as const;

export function findRequest(db: Executor, townId: string, id: string) {
  return db.selectFrom('hiring_requests').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** Open requests (waiting or approved) for this person. */
export function openRequestsOf(db: Executor, townId: string, personId: string) {
  return db.selectFrom('hiring_requests').select(['id', 'state']).where('town_id', '=', townId).where('person_id', '=', personId).where('state', 'in', ['requested', 'approved']).execute();
}

export async function setState(db: Executor, townId: string, id: string, patch: { state: string; decided_by?: string; decided_at?: string; decision_reason?: string }): Promise<void> {
  await db.updateTable('hiring_requests').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}
