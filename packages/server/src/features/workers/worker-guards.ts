import { sql, type SqlBool } from 'kysely';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { grantsFor, type Action } from '../policy.js';
import type * as roster from './roster.repository.js';
import * as repo from './workers.repository.js';
import { workerScope } from './worker-scope.js';

// The checks every way of adding or reading workers shares: the caller's scope as SQL, one active
// post per ID number across towns, and new posts inside the caller's scope.

export async function personOfUser(ctx: ReadContext): Promise<string | null> {
  if (ctx.actor.kind !== 'user' || !ctx.actor.townId) return null;
  // The request gate reads it with the session; other callers (CLI, tests) may not have.
  if (ctx.actor.personId !== undefined) return ctx.actor.personId;
  const row = await ctx.db.selectFrom('users').select('person_id').where('town_id', '=', ctx.actor.townId).where('id', '=', ctx.actor.id).executeTakeFirst();
  return row?.person_id ?? null;
}

/** The caller's scope for `action` as a SQL condition on posts (see worker-scope.ts). */
export async function scopeFor(ctx: ReadContext, action: Action): Promise<{ condition: roster.ScopeCondition; key: string }> {
  const self = await personOfUser(ctx);
  const on = today(ctx.clock);
  const key = ctx.actor.kind === 'system' ? 'system' : JSON.stringify([ctx.actor.grants.map((g) => [g.role, g.scopeKind, g.scopeId]), self, on]);
  return { condition: (eb) => workerScope(eb, ctx.actor, action, on, self), key };
}

/** One person, one active post across every town (the ghost-worker and double-pay control, #4). */
export async function assertNotActiveElsewhere(ctx: ReadContext, hashes: string[], field: string): Promise<void> {
  for (let i = 0; i < hashes.length; i += 500) {
    const taken = await repo.activeRegistrations(ctx.db, hashes.slice(i, i + 500));
    if (taken.length > 0) {
      throw ruleViolation(
        { zh: `该身份证号已在${taken[0]!.town_name}在岗（一人只能有一个在岗岗位）。请先在原单位办理离岗。`, en: `This ID number already holds an active post in ${taken[0]!.town_name}.` },
        field,
      );
    }
  }
}

/**
 * A scoped clerk (a coop, say) may register workers only into their own scope. The check runs on
 * the new rows inside the request's transaction, with the same SQL scope as every read, so a
 * refusal rolls them back.
 */
export async function assertPostsInScope(ctx: MutationContext, townId: string, postIds: string[], action: Action, field: string): Promise<void> {
  // A town-wide grant (or the system) sees every post: nothing to check, and on PostgreSQL the check on
  // rows written in this transaction runs without statistics (a bitmap scan of the town, ~25 ms per 500).
  if (ctx.actor.kind === 'system' || grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town')) return;
  const scope = await scopeFor(ctx, action);
  for (let i = 0; i < postIds.length; i += 500) {
    const chunk = postIds.slice(i, i + 500);
    const visible = await ctx.db
      .selectFrom('posts as p')
      .where('p.town_id', '=', townId)
      .where('p.id', 'in', chunk)
      .where((eb) => scope.condition(eb) ?? sql<SqlBool>`1 = 1`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(visible.n) !== chunk.length) {
      throw new AppError('forbidden', { zh: '只能登记或导入本人管辖范围内服务队的人员。请检查所属队伍。', en: 'You may add workers only within your scope.' }, field);
    }
  }
}

