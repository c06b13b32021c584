import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReadContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { grantsFor, type Action } from '../policy.js';

// Which monthly sheets a grant sees (#3 scopes, applied in SQL): the town all; a coop its teams'
// sheets; a department the sheets it fills as daily-managing unit and those of the teams it
// supervises; a team its own; a community the sheets with a worker stationed there; a worker the
// sheets with their own row.

type Sheets = ExpressionBuilder<DB & { s: DB['assessment_sheets'] }, 's'>;

export function sheetCondition(ctx: ReadContext, action: Action): (eb: Sheets) => Expression<SqlBool> {
  const on = today(ctx.clock);
  return (eb) => {
    if (ctx.actor.kind === 'system') return sql<SqlBool>`1 = 1`;
    const grants = grantsFor(ctx.actor, action);
    if (grants.some((g) => g.scopeKind === 'town')) return sql<SqlBool>`1 = 1`;
    const entriesWith = (column: 'community_id' | 'person_id', value: string) =>
      eb.exists(eb.selectFrom('assessment_entries as e').select('e.person_id').whereRef('e.town_id', '=', 's.town_id').whereRef('e.sheet_id', '=', 's.id').where(`e.${column}`, '=', value));
    const conditions = grants.map((g): Expression<SqlBool> => {
      const id = g.scopeId ?? '';
      switch (g.scopeKind) {
        case 'coop':
          return eb('s.team_id', 'in', eb.selectFrom('teams as st').select('st.id').whereRef('st.town_id', '=', 's.town_id').where('st.coop_id', '=', id));
        case 'team':
          return eb('s.team_id', '=', id);
        case 'community':
          return entriesWith('community_id', id);
        case 'department':
          return eb.or([eb('s.department_id', '=', id), eb('s.team_id', 'in', supervisedTeams(eb, id, on))]);
        case 'self':
          return ctx.actor.personId ? entriesWith('person_id', ctx.actor.personId) : sql<SqlBool>`1 = 0`;
        default:
          return sql<SqlBool>`1 = 0`;
      }
    });
    return conditions.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(conditions);
  };
}

function supervisedTeams(eb: Sheets, departmentId: string, on: string) {
  return eb
    .selectFrom('team_assignments as sa')
    .select('sa.team_id')
    .whereRef('sa.town_id', '=', 's.town_id')
    .where('sa.supervising_department_id', '=', departmentId)
    .where('sa.valid_from', '<=', on)
    .where((e) => e.or([e('sa.valid_to', 'is', null), e('sa.valid_to', '>=', on)]));
}

/** Whether the actor acts for `departmentId` with `action` (its own department grant, or town-wide). */
export function actsFor(ctx: ReadContext, action: Action, departmentId: string): boolean {
  if (ctx.actor.kind === 'system') return true;
  return grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town' || (g.scopeKind === 'department' && g.scopeId === departmentId));
}
