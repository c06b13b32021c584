import {
  addDays,
  checkQuotaPlan,
  quotaBoard,
  quotaBreaches,
  shanghaiTimestamp,
  type Page,
  type QuotaBoard,
  type QuotaPlan,
  type QuotaPlanInput,
  type QuotaPlanShape,
  type QuotaProposal,
  type QuotaProposalDecision,
  type QuotaProposalInput,
  type QuotaProblem,
} from '@gongyi/domain';
import type { z } from 'zod';
import type { Row } from '../../db/schema.js';
import { lockRow, offsetOf, toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { invalidReference, notFound, ruleViolation, type Text } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, grantsFor } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './quota.repository.js';
import type { QuotaProposalQuerySchema } from '@gongyi/domain';

// R9 (quota plans and proposals) and R10 (one out, one in: nothing fills a place the plan lacks).

type Names = Awaited<ReturnType<typeof repo.teamNames>>;

export async function getBoard(ctx: ReadContext, townId: string, on = today(ctx.clock)): Promise<QuotaBoard> {
  authorize(ctx.actor, 'quota.read');
  await requireTown(ctx.db, townId);
  const plan = await repo.planOn(ctx.db, townId, on);
  const shape = plan ? await repo.planShape(ctx.db, townId, plan) : null;
  const figures = quotaBoard(shape, await repo.occupancy(ctx.db, townId, today(ctx.clock)));
  const [teams, categories] = await Promise.all([repo.teamNames(ctx.db, townId), repo.categoryNames(ctx.db, townId)]);
  const empty = { quota: null, filled: 0, reserved: 0, vacancies: null, over: false };
  return {
    on,
    plan: plan ? toPlanHeader(plan) : null,
    total: figures.total,
    categories: categories.map((c) => ({ id: c.id, code: c.code, name: c.name, ...(figures.categories.get(c.id) ?? empty) })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, categoryId: t.category_id, coopName: t.coop_name, ...(figures.teams.get(t.id) ?? empty) })),
  };
}

function toPlanHeader(p: Row<'quota_plans'>): Omit<QuotaPlan, 'categories' | 'teams'> {
  return { id: p.id, validFrom: p.valid_from, validTo: p.valid_to, total: p.total, basis: p.basis, approvedBy: p.approved_by, approvedAt: p.approved_at };
}

export async function listPlans(ctx: ReadContext, townId: string): Promise<QuotaPlan[]> {
  authorize(ctx.actor, 'quota.read');
  const plans = await repo.plans(ctx.db, townId);
  const lines = await repo.linesOf(ctx.db, townId, plans.map((p) => p.id));
  return plans.map((p) => ({
    ...toPlanHeader(p),
    categories: lines.filter((l) => l.plan_id === p.id && l.level === 'category').map((l) => ({ categoryId: l.target_id, quota: l.quota })),
    teams: lines.filter((l) => l.plan_id === p.id && l.level === 'team').map((l) => ({ teamId: l.target_id, quota: l.quota })),
  }));
}

function problemText(problem: QuotaProblem, names: Names, categories: { id: string; name: string }[]): Text {
  const category = (id: string) => categories.find((c) => c.id === id)?.name ?? id;
  switch (problem.kind) {
    case 'categories_exceed_total':
      return { zh: `各类别职数合计 ${problem.sum} 超过总职数 ${problem.quota}（R9）。请调低类别职数或调整总数。`, en: `Category quotas add up to ${problem.sum}, over the total of ${problem.quota} (R9).` };
    case 'teams_exceed_category':
      return {
        zh: `“${category(problem.categoryId)}”下各服务队职数合计 ${problem.sum} 超过该类别职数 ${problem.quota}（R9）。请先调整类别职数。`,
        en: `Team quotas of "${category(problem.categoryId)}" add up to ${problem.sum}, over its quota of ${problem.quota} (R9).`,
      };
    case 'team_without_category_quota':
      return {
        zh: `服务队“${names.find((t) => t.id === problem.teamId)?.name ?? problem.teamId}”所属类别“${category(problem.categoryId)}”没有类别职数（R9）。请为该类别设定职数。`,
        en: `The team's category "${category(problem.categoryId)}" has no quota (R9).`,
      };
  }
}

/** Refuses a plan that breaks R9's sums, or that sets a level below the places already held (R10). */
async function checkPlan(ctx: ReadContext, townId: string, shape: QuotaPlanShape): Promise<void> {
  const [names, categories] = await Promise.all([repo.teamNames(ctx.db, townId), repo.categoryNames(ctx.db, townId)]);
  const problem = checkQuotaPlan(shape)[0];
  if (problem) throw ruleViolation(problemText(problem, names, categories), problem.kind === 'categories_exceed_total' ? 'total' : 'teams');
  const occupancy = await repo.occupancy(ctx.db, townId, today(ctx.clock));
  const breach = quotaBreaches(shape, occupancy, occupancy.filter((o) => o.filled + o.reserved > 0).map((o) => o.teamId))[0];
  if (breach) throw ruleViolation(breachText(breach, names, categories, 'plan'), 'teams');
}

function breachText(breach: ReturnType<typeof quotaBreaches>[number], names: Names, categories: { id: string; name: string }[], when: 'plan' | 'fill'): Text {
  const where =
    breach.level === 'total'
      ? { zh: '全镇总职数', en: 'the town total' }
      : breach.level === 'category'
        ? { zh: `类别“${categories.find((c) => c.id === breach.categoryId)?.name ?? ''}”`, en: `category "${categories.find((c) => c.id === breach.categoryId)?.name ?? ''}"` }
        : { zh: `服务队“${names.find((t) => t.id === breach.teamId)?.name ?? ''}”`, en: `team "${names.find((t) => t.id === breach.teamId)?.name ?? ''}"` };
  return when === 'plan'
    ? { zh: `新方案中${where.zh}的职数少于已在岗及已批待岗的人数（R10）。请待人员自然减员后再调低，或改为不低于现有人数。`, en: `The new plan sets ${where.en} below the places already held (R10).` }
    : {
        zh: `${where.zh}已无空岗（R10 一进一出：须有人员离岗腾出空岗后方可补员）。请选择有空岗的服务队，或先办理离岗。`,
        en: `No vacancy left in ${where.en} (R10: one out, one in). Choose a team with a vacancy, or record an exit first.`,
      };
}

/**
 * R10, checked inside the caller's transaction after it has filled places in `teamIds`: with a
 * plan in force, no level those teams belong to may be over its quota. Towns without a plan are
 * not limited (the board says so).
 */
export async function assertWithinQuota(ctx: MutationContext, townId: string, teamIds: readonly string[], field = 'post.teamId'): Promise<void> {
  if (teamIds.length === 0) return;
  await repo.lockStaffing(ctx, townId);
  const plan = await repo.planOn(ctx.db, townId, today(ctx.clock));
  if (!plan) return;
  const shape = await repo.planShape(ctx.db, townId, plan);
  const breach = quotaBreaches(shape, await repo.occupancy(ctx.db, townId, today(ctx.clock)), teamIds)[0];
  if (!breach) return;
  const [names, categories] = await Promise.all([repo.teamNames(ctx.db, townId), repo.categoryNames(ctx.db, townId)]);
  throw ruleViolation(breachText(breach, names, categories, 'fill'), field);
}

/** A new dated version of the town's plan (R9), approved by town HR; the previous one ends the day before. */
export async function savePlan(ctx: MutationContext, townId: string, input: QuotaPlanInput): Promise<QuotaPlan> {
  authorize(ctx.actor, 'quota.manage');
  await requireTown(ctx.db, townId);
  await repo.lockStaffing(ctx, townId);
  const names = await repo.teamNames(ctx.db, townId);
  const categories = await repo.categoryNames(ctx.db, townId);
  for (const [i, c] of input.categories.entries()) if (!categories.some((x) => x.id === c.categoryId)) throw invalidReference({ zh: '类别', en: 'category' }, `categories.${i}.categoryId`);
  for (const [i, t] of input.teams.entries()) if (!names.some((x) => x.id === t.teamId)) throw invalidReference({ zh: '服务队', en: 'team' }, `teams.${i}.teamId`);
  const shape: QuotaPlanShape = {
    total: input.total,
    categories: input.categories,
    teams: input.teams.map((t) => ({ ...t, categoryId: names.find((x) => x.id === t.teamId)!.category_id })),
  };
  await checkPlan(ctx, townId, shape);
  const plan = await supersedePlan(ctx, townId, input.validFrom, input.total, input.basis, shape);
  const saved = (await listPlans(ctx, townId)).find((p) => p.id === plan.id)!;
  await recordAudit(ctx, { townId, action: 'quota.plan.save', objectType: 'quota_plan', objectId: plan.id, after: saved });
  return saved;
}

async function supersedePlan(ctx: MutationContext, townId: string, validFrom: string, total: number, basis: string, shape: QuotaPlanShape): Promise<Row<'quota_plans'>> {
  const latest = await repo.latestPlan(ctx.db, townId);
  if (latest && latest.valid_from >= validFrom) {
    throw ruleViolation(
      { zh: `生效日期须晚于现行方案的生效日期（${latest.valid_from}）。职数方案按日期生效，不能改写历史。`, en: `The plan must start after the current plan (${latest.valid_from}).` },
      'validFrom',
    );
  }
  if (latest) await repo.endPlan(ctx.db, townId, latest.id, addDays(validFrom, -1));
  const plan: Row<'quota_plans'> = {
    town_id: townId,
    id: ctx.newId(),
    total,
    basis,
    valid_from: validFrom,
    valid_to: null,
    approved_by: ctx.actor.display,
    approved_at: shanghaiTimestamp(ctx.clock.now()),
  };
  await repo.insertPlan(ctx, plan, shape);
  return plan;
}

// ---------- proposals ----------

const PROPOSAL = { zh: '职数申报', en: 'Quota proposal' };

async function toProposals(ctx: ReadContext, townId: string, rows: (Row<'quota_proposals'> & { department_name: string; team_name: string })[]): Promise<QuotaProposal[]> {
  const plan = await repo.planOn(ctx.db, townId, today(ctx.clock));
  const lines = plan ? await repo.linesOf(ctx.db, townId, [plan.id]) : [];
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    teamId: r.team_id,
    teamName: r.team_name,
    areaKm2: r.area_centi_km2 / 100,
    peopleServed: r.people_served,
    complexity: r.complexity as QuotaProposal['complexity'],
    requested: r.requested,
    currentQuota: lines.find((l) => l.level === 'team' && l.target_id === r.team_id)?.quota ?? null,
    reason: r.reason,
    state: r.state as QuotaProposal['state'],
    approvedQuota: r.approved_quota,
    decisionReason: r.decision_reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  }));
}

export async function listProposals(ctx: ReadContext, townId: string, query: z.infer<typeof QuotaProposalQuerySchema>): Promise<Page<QuotaProposal>> {
  authorize(ctx.actor, 'quota.read');
  const [rows, count] = await repo.proposalPage(ctx.db, townId, { state: query.state }, query.pageSize, offsetOf(query));
  return toPage(await toProposals(ctx, townId, rows), Number(count.n), query);
}

async function proposal(ctx: ReadContext, townId: string, id: string): Promise<QuotaProposal> {
  const [[row]] = await repo.proposalPage(ctx.db, townId, { id }, 1, 0);
  if (!row) throw notFound(PROPOSAL);
  return (await toProposals(ctx, townId, [row]))[0]!;
}

/** R9: a department proposes a team's quota with the notice's parameters. Only its own department, unless town-wide. */
export async function createProposal(ctx: MutationContext, townId: string, input: QuotaProposalInput): Promise<QuotaProposal> {
  authorize(ctx.actor, 'quota.propose');
  await requireTown(ctx.db, townId);
  const grants = grantsFor(ctx.actor, 'quota.propose');
  if (ctx.actor.kind === 'user' && !grants.some((g) => g.scopeKind === 'town' || (g.scopeKind === 'department' && g.scopeId === input.departmentId))) {
    throw ruleViolation({ zh: '只能以本部门名义申报职数。请选择您所在的部门。', en: 'You may propose only for your own department.' }, 'departmentId');
  }
  const dept = await ctx.db.selectFrom('departments').select('id').where('town_id', '=', townId).where('id', '=', input.departmentId).executeTakeFirst();
  if (!dept) throw invalidReference({ zh: '部门', en: 'department' }, 'departmentId');
  const names = await repo.teamNames(ctx.db, townId);
  if (!names.some((t) => t.id === input.teamId)) throw invalidReference({ zh: '服务队', en: 'team' }, 'teamId');
  const id = ctx.newId();
  await ctx.db
    .insertInto('quota_proposals')
    .values({
      town_id: townId,
      id,
      department_id: input.departmentId,
      team_id: input.teamId,
      area_centi_km2: Math.round(input.areaKm2 * 100),
      people_served: input.peopleServed,
      complexity: input.complexity,
      requested: input.requested,
      reason: input.reason,
      state: 'pending',
      approved_quota: null,
      decision_reason: '',
      created_by: ctx.actor.display,
      created_at: shanghaiTimestamp(ctx.clock.now()),
      decided_by: null,
      decided_at: null,
    })
    .execute();
  const created = await proposal(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'quota.proposal.create', objectType: 'quota_proposal', objectId: id, after: created });
  return created;
}

/** R9: town HR approves (possibly adjusting the number, with a reason) or rejects; approval is a new plan version. */
export async function decideProposal(ctx: MutationContext, townId: string, id: string, input: QuotaProposalDecision): Promise<QuotaProposal> {
  authorize(ctx.actor, 'quota.manage');
  // #13: locked and read again, so that of concurrent decisions only the first finds it pending.
  const row = await lockRow(ctx, 'quota_proposals', townId, id);
  if (!row) throw notFound(PROPOSAL);
  if (row.state !== 'pending') throw ruleViolation({ zh: '该申报已处理，不能再次审批。', en: 'This proposal has already been decided.' });
  const approved = input.decision === 'approve' ? (input.quota ?? row.requested) : null;
  if ((input.decision === 'reject' || approved !== row.requested) && !input.reason) {
    throw ruleViolation({ zh: '驳回或调整申报职数时须填写理由。', en: 'Give a reason when rejecting or adjusting.' }, 'reason');
  }
  if (approved !== null) {
    await repo.lockStaffing(ctx, townId);
    const current = await repo.planOn(ctx.db, townId, input.validFrom);
    if (!current) throw ruleViolation({ zh: '该日期尚无职数方案。请先在职数看板设定职数方案。', en: 'No quota plan is in force on that date. Set a plan first.' }, 'validFrom');
    const shape = await repo.planShape(ctx.db, townId, current);
    const team = (await repo.teamNames(ctx.db, townId)).find((t) => t.id === row.team_id)!;
    const teams = [...shape.teams.filter((t) => t.teamId !== row.team_id), { teamId: row.team_id, categoryId: team.category_id, quota: approved }];
    const next = { ...shape, teams };
    await checkPlan(ctx, townId, next);
    await supersedePlan(ctx, townId, input.validFrom, current.total, `职数申报核定：${team.name} ${approved} 人`, next);
  }
  const before = await proposal(ctx, townId, id);
  await ctx.db
    .updateTable('quota_proposals')
    .set({ state: approved === null ? 'rejected' : 'approved', approved_quota: approved, decision_reason: input.reason, decided_by: ctx.actor.display, decided_at: shanghaiTimestamp(ctx.clock.now()) })
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .execute();
  const after = await proposal(ctx, townId, id);
  await recordAudit(ctx, { townId, action: `quota.proposal.${input.decision}`, objectType: 'quota_proposal', objectId: id, before, after });
  return after;
}
