import { addDays, checkPolicy, defaultPolicy, policyProblemText, shanghaiTimestamp, type PayPolicy, type PolicyVersion, type PolicyVersionInput } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';

// #7 part 1: a town's pay policy as dated versions. A version applies from its date until the next
// version's; old versions stay, so a past month is always paid (and re-explained) by its own policy.

export interface PolicyInForce {
  id: string;
  validFrom: string;
  policy: PayPolicy;
}

function versions(db: Executor, townId: string) {
  return db.selectFrom('pay_policies').selectAll().where('town_id', '=', townId).orderBy('valid_from', 'desc');
}

function toVersion(r: Row<'pay_policies'>, validTo: string | null): PolicyVersion {
  return { id: r.id, validFrom: r.valid_from, validTo, policy: JSON.parse(r.policy_json) as PayPolicy, note: r.note, createdBy: r.created_by, createdAt: r.created_at };
}

const dayBefore = (date: string) => addDays(date, -1);

export async function listPolicies(ctx: ReadContext, townId: string): Promise<PolicyVersion[]> {
  authorize(ctx.actor, 'payroll.read');
  const rows = await versions(ctx.db, townId).execute();
  return rows.map((r, i) => toVersion(r, i === 0 ? null : dayBefore(rows[i - 1]!.valid_from)));
}

/** The version in force on `on`, or null when the town has set none from that date. */
export async function policyOn(db: Executor, townId: string, on: string): Promise<PolicyInForce | null> {
  const r = await versions(db, townId).where('valid_from', '<=', on).limit(1).executeTakeFirst();
  return r ? { id: r.id, validFrom: r.valid_from, policy: JSON.parse(r.policy_json) as PayPolicy } : null;
}

/** What the policy page shows for a date: the version in force, or the notice's defaults for a town that has none. */
export async function currentPolicy(ctx: ReadContext, townId: string, on = today(ctx.clock)): Promise<PolicyVersion> {
  authorize(ctx.actor, 'payroll.read');
  const found = await policyOn(ctx.db, townId, on);
  if (found) {
    const next = await ctx.db.selectFrom('pay_policies').select('valid_from').where('town_id', '=', townId).where('valid_from', '>', on).orderBy('valid_from').limit(1).executeTakeFirst();
    const row = await ctx.db.selectFrom('pay_policies').selectAll().where('town_id', '=', townId).where('id', '=', found.id).executeTakeFirstOrThrow();
    return toVersion(row, next ? dayBefore(next.valid_from) : null);
  }
  const teams = await ctx.db.selectFrom('teams').select('id').where('town_id', '=', townId).execute();
  return { id: '', validFrom: on, validTo: null, policy: defaultPolicy(on, teams.map((t) => t.id)), note: '松府办〔2012〕100号默认值', createdBy: '', createdAt: '' };
}

/** Refuses a policy that breaks the notice's limits, naming the first bad field (`policy.<path>`). */
export function assertValidPolicy(policy: PayPolicy, on: string): void {
  const problems = checkPolicy(policy, on);
  const first = problems[0];
  if (first) throw ruleViolation(policyProblemText(first), `policy.${first.field}`);
}

/** Adds a version from a date (R14, R17, R19 checked); an earlier month keeps its own version. */
export async function addPolicy(ctx: MutationContext, townId: string, input: PolicyVersionInput): Promise<PolicyVersion> {
  authorize(ctx.actor, 'payroll.policy');
  assertValidPolicy(input.policy, input.validFrom);
  const teamIds = new Set((await ctx.db.selectFrom('teams').select('id').where('town_id', '=', townId).execute()).map((t) => t.id));
  const unknown = Object.keys(input.policy.teams).find((id) => !teamIds.has(id));
  if (unknown) throw ruleViolation({ zh: '政策中的服务队不属于本镇。请刷新页面后重新填写。', en: 'A team in the policy is not in this town.' }, `policy.teams.${unknown}`);
  const taken = await ctx.db.selectFrom('pay_policies').select('id').where('town_id', '=', townId).where('valid_from', '=', input.validFrom).executeTakeFirst();
  if (taken) throw duplicate({ zh: '该日期起的薪酬政策版本', en: 'A policy version from this date' }, input.validFrom, 'validFrom');
  const approved = await ctx.db
    .selectFrom('pay_runs')
    .select('month')
    .where('town_id', '=', townId)
    .where('month', '>=', input.validFrom.slice(0, 7))
    .where('state', 'in', ['approved', 'released'])
    .limit(1)
    .executeTakeFirst();
  if (approved) {
    throw ruleViolation({ zh: `${approved.month} 的发放已审批，不能再为该月及以前生效新政策。请选择之后的日期。`, en: `Pay for ${approved.month} is approved; choose a later date.` }, 'validFrom');
  }
  const row: Row<'pay_policies'> = { town_id: townId, id: ctx.newId(), valid_from: input.validFrom, policy_json: JSON.stringify(input.policy), note: input.note, created_by: ctx.actor.display, created_at: shanghaiTimestamp(ctx.clock.now()) };
  await ctx.db.insertInto('pay_policies').values(row).execute();
  await recordAudit(ctx, { townId, action: 'payroll.policy.create', objectType: 'pay_policy', objectId: row.id, after: { validFrom: row.valid_from, policy: input.policy, note: input.note } });
  return toVersion(row, null);
}
