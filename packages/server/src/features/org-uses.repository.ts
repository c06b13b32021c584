import type { Executor } from '../db/database.js';

// Where an organisation record is used, as one span of dates (#13 item 14): a team by its
// workers' posts, a department by the posts it manages and the team assignments that name it
// (supervising or daily-managing), a community by the posts placed in it. Its own period must
// cover the span: a team with workers in post cannot end, a department cannot start after its uses.

/** The first day of use and the last ('9999-12-31' while a use is open), or null when never used. */
export interface UseSpan {
  first: string;
  last: string;
}

export const OPEN_END = '9999-12-31';

type Spans = { first: string | null; last: string | null }[];

function merged(spans: Spans): UseSpan | null {
  const firsts = spans.map((s) => s.first).filter((v): v is string => v !== null);
  const lasts = spans.map((s) => s.last).filter((v): v is string => v !== null);
  if (!firsts.length) return null;
  return { first: firsts.sort()[0]!, last: lasts.sort().at(-1) ?? OPEN_END };
}

function postSpan(db: Executor, townId: string, column: 'team_id' | 'managing_department_id' | 'community_id', id: string) {
  return db
    .selectFrom('posts')
    .select((eb) => [eb.fn.min('valid_from').as('first'), eb.fn.max(eb.fn.coalesce('valid_to', eb.val(OPEN_END))).as('last')])
    .where('town_id', '=', townId)
    .where(column, '=', id)
    .executeTakeFirstOrThrow() as Promise<{ first: string | null; last: string | null }>;
}

export async function teamUses(db: Executor, townId: string, teamId: string): Promise<UseSpan | null> {
  return merged([await postSpan(db, townId, 'team_id', teamId)]);
}

export async function communityUses(db: Executor, townId: string, communityId: string): Promise<UseSpan | null> {
  return merged([await postSpan(db, townId, 'community_id', communityId)]);
}

export async function departmentUses(db: Executor, townId: string, departmentId: string): Promise<UseSpan | null> {
  const assignments = (await db
    .selectFrom('team_assignments as a')
    .select((eb) => [eb.fn.min('a.valid_from').as('first'), eb.fn.max(eb.fn.coalesce('a.valid_to', eb.val(OPEN_END))).as('last')])
    .where('a.town_id', '=', townId)
    .where((eb) =>
      eb.or([
        eb('a.supervising_department_id', '=', departmentId),
        eb.exists(eb.selectFrom('team_assignment_units as u').select('u.position').whereRef('u.town_id', '=', 'a.town_id').whereRef('u.assignment_id', '=', 'a.id').where('u.department_id', '=', departmentId)),
      ]),
    )
    .executeTakeFirstOrThrow()) as { first: string | null; last: string | null };
  return merged([await postSpan(db, townId, 'managing_department_id', departmentId), assignments]);
}
