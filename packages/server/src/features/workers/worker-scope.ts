import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import { grantsFor, type Action, type Actor } from '../policy.js';

// Data scopes of #3, applied inside the roster's SQL (never by filtering loaded rows). A grant in
// the town scope sees every worker of the town; a coop grant its coop's teams; a department grant
// the workers it manages day to day and the teams it supervises today; a team or community grant
// that team or community; a worker's own account only that person.

type Posts = ExpressionBuilder<DB & { p: DB['posts'] }, 'p'>;

/** null when the actor sees the whole town; otherwise the condition on posts `p`. */
export function workerScope(eb: Posts, actor: Actor, action: Action, today: string, personOfUser: string | null): Expression<SqlBool> | null {
  if (actor.kind === 'system') return null;
  const grants = grantsFor(actor, action);
  if (grants.some((g) => g.scopeKind === 'town')) return null;
  const conditions: Expression<SqlBool>[] = grants.map((g) => {
    const id = g.scopeId ?? '';
    switch (g.scopeKind) {
      case 'coop':
        return eb('p.team_id', 'in', eb.selectFrom('teams as st').select('st.id').whereRef('st.town_id', '=', 'p.town_id').where('st.coop_id', '=', id));
      case 'team':
        return eb('p.team_id', '=', id);
      case 'community':
        return eb('p.community_id', '=', id);
      case 'department':
        return eb.or([
          eb('p.managing_department_id', '=', id),
          eb(
            'p.team_id',
            'in',
            eb
              .selectFrom('team_assignments as sa')
              .select('sa.team_id')
              .whereRef('sa.town_id', '=', 'p.town_id')
              .where('sa.supervising_department_id', '=', id)
              .where('sa.valid_from', '<=', today)
              .where((e) => e.or([e('sa.valid_to', 'is', null), e('sa.valid_to', '>=', today)])),
          ),
        ]);
      case 'self':
        return personOfUser ? eb('p.person_id', '=', personOfUser) : sql<SqlBool>`1 = 0`;
      default:
        return sql<SqlBool>`1 = 0`;
    }
  });
  return conditions.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(conditions);
}
