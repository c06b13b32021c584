import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReadContext } from '../../http/context.js';
import { grantsFor, type Action } from '../policy.js';

// Which pay runs and slips a grant sees (#3 scopes in SQL): the town every run; a coop its own
// runs; a department the runs with workers it manages or teams it supervises, and in them only
// those workers' slips. Runs are aliased `r`, slips `ps`.

type Runs = ExpressionBuilder<DB & { r: DB['pay_runs'] }, 'r'>;
type Slips = ExpressionBuilder<DB & { ps: DB['pay_slips'] }, 'ps'>;
const ALL = sql<SqlBool>`1 = 1`;
const NONE = sql<SqlBool>`1 = 0`;

function townWide(ctx: ReadContext, action: Action): boolean {
  return ctx.actor.kind === 'system' || grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town');
}

export function runCondition(ctx: ReadContext, action: Action = 'payroll.read'): (eb: Runs) => Expression<SqlBool> {
  return (eb) => {
    if (townWide(ctx, action)) return ALL;
    const conditions = grantsFor(ctx.actor, action).map((g): Expression<SqlBool> => {
      const id = g.scopeId ?? '';
      if (g.scopeKind === 'coop') return eb('r.coop_id', '=', id);
      if (g.scopeKind === 'department') {
        return eb.exists(
          eb
            .selectFrom('pay_slips as x')
            .select('x.person_id')
            .whereRef('x.town_id', '=', 'r.town_id')
            .whereRef('x.run_id', '=', 'r.id')
            .where((e) => e.or([e('x.department_id', '=', id), e('x.supervising_department_id', '=', id)])),
        );
      }
      return NONE;
    });
    return conditions.length === 0 ? NONE : eb.or(conditions);
  };
}

/** Slips of a run the actor may see (the run itself already in scope). */
export function slipCondition(ctx: ReadContext, action: Action = 'payroll.read'): (eb: Slips) => Expression<SqlBool> {
  return (eb) => {
    if (townWide(ctx, action)) return ALL;
    const grants = grantsFor(ctx.actor, action);
    if (grants.some((g) => g.scopeKind === 'coop')) return ALL;
    const departments = grants.filter((g) => g.scopeKind === 'department').map((g) => g.scopeId ?? '');
    if (departments.length === 0) return NONE;
    return eb.or([eb('ps.department_id', 'in', departments), eb('ps.supervising_department_id', 'in', departments)]);
  };
}

/** The departments the actor signs for with `action` among `candidates` (all of them for a town-wide grant). */
export function departmentsActedFor(ctx: ReadContext, action: Action, candidates: readonly string[]): string[] {
  if (townWide(ctx, action)) return [...candidates];
  const own = new Set(grantsFor(ctx.actor, action).filter((g) => g.scopeKind === 'department').map((g) => g.scopeId));
  return candidates.filter((d) => own.has(d));
}

/** Whether the actor acts for the coop with `action` (its coop grant, or town-wide). */
export function actsForCoop(ctx: ReadContext, action: Action, coopId: string): boolean {
  return townWide(ctx, action) || grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'coop' && g.scopeId === coopId);
}
