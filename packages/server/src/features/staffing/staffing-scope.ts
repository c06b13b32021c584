import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ReadContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { grantsFor, type Action } from '../policy.js';
import { workerScope } from '../workers/worker-scope.js';

// Hiring requests and agreements carry the same columns as posts (town_id, person_id, team_id,
// managing_department_id, community_id), so the roster's data scope (#3, worker-scope.ts) applies
// to them unchanged: a query aliases its table as `p` and adds this condition.

export type ScopedTable = 'hiring_requests' | 'agreements';

async function selfPerson(ctx: ReadContext): Promise<string | null> {
  if (ctx.actor.kind !== 'user' || !ctx.actor.townId || !ctx.actor.grants.some((g) => g.scopeKind === 'self')) return null;
  const row = await ctx.db.selectFrom('users').select('person_id').where('town_id', '=', ctx.actor.townId).where('id', '=', ctx.actor.id).executeTakeFirst();
  return row?.person_id ?? null;
}

/** A `where` callback limiting rows of a table aliased `p` to the caller's scope for `action`. */
export async function scopeCondition(ctx: ReadContext, action: Action) {
  const self = await selfPerson(ctx);
  const on = today(ctx.clock);
  // The builder's type is the posts table's; the columns the scope reads exist on every scoped table.
  return (eb: unknown) => workerScope(eb as never, ctx.actor, action, on, self) ?? sql<SqlBool>`1 = 1`;
}

export function isTownWide(ctx: ReadContext, action: Action): boolean {
  return ctx.actor.kind === 'system' || grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town');
}

/** Whether the row `id` of `table` is inside the caller's scope for `action`. */
export async function inScope(ctx: ReadContext, db: Executor, table: ScopedTable, townId: string, id: string, action: Action): Promise<boolean> {
  return (await inScopeIds(ctx, townId, [id], action, table, db)).length === 1;
}

/** Which of these rows of `table` (agreements by default) are inside the caller's scope for `action`, in one query. */
export async function inScopeIds(ctx: ReadContext, townId: string, ids: string[], action: Action, table: ScopedTable = 'agreements', db: Executor = ctx.db): Promise<string[]> {
  if (ids.length === 0) return [];
  if (isTownWide(ctx, action)) return ids;
  const condition = await scopeCondition(ctx, action);
  const rows = await db
    .selectFrom(`${table} as p` as 'agreements as p')
    .select('p.id')
    .where('p.town_id', '=', townId)
    .where('p.id', 'in', ids)
    .where((eb) => condition(eb))
    .execute();
  return rows.map((r) => r.id);
}
