import { defaultPolicy, plannedPersonnelCost, shanghaiTimestamp, shortfall, TOWN_SUBSIDY, type Budget, type CategoryCode, type ExpectedReceiptInput, type SpecialPost } from '@gongyi/domain';
import { z } from 'zod';
import type { ApplicationSchema } from '@gongyi/domain';
import { lockRow } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { invalidReference, notFound, ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, grantsFor } from '../policy.js';
import { policyOn } from '../payroll/policies.service.js';
import { sourcesOf } from './accounts.js';
import { fenOf } from '../../db/sums.js';

// The year's budget (#8 part 4, R22, R18): expected receipts per source (entered by finance),
// planned personnel spending per team from today's headcount × the pay policy in force on
// 1 January, the uniform and training applications the leadership group approved into the year,
// and the shortfall the town pays (缺额镇级给付) — each beside what has actually happened.

type Application = z.infer<typeof ApplicationSchema>;
const APPLICATION = { zh: '经费申请', en: 'Application' };

export async function setExpectedReceipt(ctx: MutationContext, townId: string, year: number, input: ExpectedReceiptInput) {
  authorize(ctx.actor, 'budget.manage');
  if (!(await sourcesOf(ctx, townId)).some((s) => s.code === input.sourceCode)) throw invalidReference({ zh: '资金来源', en: 'fund source' }, 'sourceCode');
  const before = await ctx.db.selectFrom('budget_lines').selectAll().where('town_id', '=', townId).where('year', '=', year).where('kind', '=', 'receipt').where('source_code', '=', input.sourceCode).executeTakeFirst();
  if (before) await ctx.db.deleteFrom('budget_lines').where('town_id', '=', townId).where('id', '=', before.id).execute();
  const id = ctx.newId();
  await ctx.db
    .insertInto('budget_lines')
    .values({ town_id: townId, id, year, kind: 'receipt', source_code: input.sourceCode, coop_id: null, team_id: null, expense_class: null, amount_fen: input.amountFen, basis: input.basis ?? before?.basis ?? '', application_id: null, created_by: ctx.actor.display, created_at: shanghaiTimestamp(ctx.clock.now()) })
    .execute();
  await recordAudit(ctx, { townId, action: 'budget.receipt.set', objectType: 'budget_line', objectId: id, before: before ? { amountFen: Number(before.amount_fen), basis: before.basis } : undefined, after: { year, ...input } });
  return getBudget(ctx, townId, year);
}

function applications(ctx: ReadContext, townId: string) {
  return ctx.db
    .selectFrom('budget_applications as a')
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'a.town_id').onRef('c.id', '=', 'a.coop_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'a.town_id').onRef('t.id', '=', 'a.team_id'))
    .selectAll('a')
    .select(['c.name as coop_name', 't.name as team_name'])
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as e')
        .select((x) => x.fn.coalesce(x.fn.sum<number>('e.amount_fen'), x.lit(0)).as('s'))
        .whereRef('e.town_id', '=', 'a.town_id')
        .whereRef('e.document_ref', '=', 'a.id')
        .where('e.kind', '=', 'special_expense')
        .where((w) => w.not(w.exists(w.selectFrom('ledger_entries as r').select('r.id').whereRef('r.town_id', '=', 'e.town_id').whereRef('r.reverses_entry_id', '=', 'e.id'))))
        .as('spent'),
    )
    .where('a.town_id', '=', townId);
}
type AppRow = Awaited<ReturnType<ReturnType<typeof applications>['executeTakeFirstOrThrow']>>;
const toApplication = (r: AppRow): Application => ({
  id: r.id,
  year: r.year,
  kind: r.kind as Application['kind'],
  coopId: r.coop_id,
  coopName: r.coop_name,
  teamId: r.team_id,
  teamName: r.team_name,
  departmentId: r.department_id,
  amountFen: Number(r.amount_fen),
  description: r.description,
  state: r.state as Application['state'],
  decisionReason: r.decision_reason,
  decidedBy: r.decided_by,
  createdBy: r.created_by,
  createdAt: r.created_at,
  spentFen: fenOf(r.spent),
});

export async function listApplications(ctx: ReadContext, townId: string, year?: number): Promise<Application[]> {
  authorize(ctx.actor, 'budget.read');
  let q = applications(ctx, townId);
  if (year) q = q.where('a.year', '=', year);
  return (await q.orderBy('a.created_at', 'desc').execute()).map(toApplication);
}

/** R18: a department applies for uniforms and gear, a coop plans training; both for next year's budget. */
export async function applyForFunds(ctx: MutationContext, townId: string, input: { year: number; kind: Application['kind']; coopId: string; teamId: string | null; amountFen: number; description: string }): Promise<Application> {
  authorize(ctx.actor, 'budget.apply');
  const grants = grantsFor(ctx.actor, 'budget.apply');
  const coop = await ctx.db.selectFrom('coops').select('id').where('town_id', '=', townId).where('id', '=', input.coopId).executeTakeFirst();
  if (!coop) throw invalidReference({ zh: '服务社', en: 'cooperative' }, 'coopId');
  if (input.teamId) {
    const team = await ctx.db.selectFrom('teams').select('coop_id').where('town_id', '=', townId).where('id', '=', input.teamId).executeTakeFirst();
    if (!team || team.coop_id !== input.coopId) throw invalidReference({ zh: '本服务社的服务队', en: 'team of this cooperative' }, 'teamId');
  }
  const ownCoop = grants.some((g) => g.scopeKind === 'coop' && g.scopeId === input.coopId) || grants.some((g) => g.scopeKind === 'town') || ctx.actor.kind === 'system';
  const department = grants.find((g) => g.scopeKind === 'department')?.scopeId ?? null;
  if (!ownCoop && !department) throw ruleViolation({ zh: '只能为本服务社或本部门申请经费。', en: 'Apply for your own cooperative or department.' }, 'coopId');
  const id = ctx.newId();
  await ctx.db
    .insertInto('budget_applications')
    .values({ town_id: townId, id, year: input.year, kind: input.kind, coop_id: input.coopId, team_id: input.teamId, department_id: ownCoop ? null : department, amount_fen: input.amountFen, description: input.description, state: 'submitted', decided_by: null, decided_at: null, created_by: ctx.actor.display, created_at: shanghaiTimestamp(ctx.clock.now()) })
    .execute();
  await recordAudit(ctx, { townId, action: 'budget.application.create', objectType: 'budget_application', objectId: id, after: input });
  return toApplication((await applications(ctx, townId).where('a.id', '=', id).executeTakeFirst())!);
}

/** R18: the leadership group approves an application into the year's budget, or rejects it with a reason. */
export async function decideApplication(ctx: MutationContext, townId: string, id: string, input: { approve: boolean; reason: string }): Promise<Application> {
  authorize(ctx.actor, 'budget.approve');
  // #13: locked and read again, so that of concurrent decisions only the first finds it submitted.
  const before = await lockRow(ctx, 'budget_applications', townId, id);
  if (!before) throw notFound(APPLICATION);
  if (before.state !== 'submitted') throw ruleViolation({ zh: '该申请已处理。', en: 'This application is already decided.' });
  if (!input.approve && !input.reason) throw ruleViolation({ zh: '不批准须写明理由。', en: 'A rejection needs a reason.' }, 'reason');
  const state = input.approve ? 'approved' : 'rejected';
  await ctx.db.updateTable('budget_applications').set({ state, decision_reason: input.reason, decided_by: ctx.actor.display, decided_at: shanghaiTimestamp(ctx.clock.now()) }).where('town_id', '=', townId).where('id', '=', id).execute();
  await recordAudit(ctx, { townId, action: `budget.application.${state}`, objectType: 'budget_application', objectId: id, before: { state: before.state }, after: { state, reason: input.reason } });
  return toApplication((await applications(ctx, townId).where('a.id', '=', id).executeTakeFirst())!);
}

/** Planned personnel cost per team: today's headcount on post × the policy in force on 1 January. */
async function personnelPlan(ctx: ReadContext, townId: string, year: number) {
  const policy = (await policyOn(ctx.db, townId, `${year}-01-01`))?.policy ?? defaultPolicy(`${year}-01-01`);
  const rows = await ctx.db
    .selectFrom('posts as p')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.category_id'))
    .select(['t.id', 't.name', 't.coop_id', 'c.code', 'p.special_post', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.town_id', '=', townId)
    .where('p.is_current', '=', 1)
    .where('p.status', '!=', 'exited')
    .groupBy(['t.id', 't.name', 't.coop_id', 'c.code', 'p.special_post', 't.sort_order'])
    .orderBy('t.sort_order')
    .execute();
  const teams = new Map<string, { teamId: string; teamName: string; coopId: string; categoryCode: CategoryCode; headcount: number; specialPosts: Partial<Record<SpecialPost, number>> }>();
  for (const r of rows) {
    const t = teams.get(r.id) ?? { teamId: r.id, teamName: r.name, coopId: r.coop_id, categoryCode: r.code as CategoryCode, headcount: 0, specialPosts: {} };
    t.headcount += Number(r.n);
    if (r.special_post) t.specialPosts[r.special_post as SpecialPost] = (t.specialPosts[r.special_post as SpecialPost] ?? 0) + Number(r.n);
    teams.set(r.id, t);
  }
  return [...teams.values()].map((t) => ({ ...t, plannedFen: plannedPersonnelCost(policy, t) }));
}

/** The year's budget against what the ledger shows so far (R22). */
export async function getBudget(ctx: ReadContext, townId: string, year: number): Promise<Budget> {
  authorize(ctx.actor, 'budget.read');
  const from = `${year}-01`;
  const to = `${year}-12`;
  const [plan, sources, expected, approved, payments, receipts] = await Promise.all([
    personnelPlan(ctx, townId, year),
    ctx.db.selectFrom('fund_sources').select(['code', 'name']).where('town_id', '=', townId).orderBy('sort_order').execute(),
    ctx.db.selectFrom('budget_lines').select(['source_code', 'amount_fen']).where('town_id', '=', townId).where('year', '=', year).where('kind', '=', 'receipt').execute(),
    applications(ctx, townId).where('a.year', '=', year).where('a.state', '=', 'approved').execute(),
    // Personnel paid: payroll payment lines by team, month and the source they drew on.
    ctx.db
      .selectFrom('ledger_lines as l')
      .innerJoin('ledger_entries as e', (j) => j.onRef('e.town_id', '=', 'l.town_id').onRef('e.id', '=', 'l.entry_id'))
      .innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'l.town_id').onRef('a.id', '=', 'l.account_id'))
      .select(['l.team_id', 'e.period', 'a.source_code', (eb) => eb.fn.sum<number>('l.credit_fen').as('paid')])
      .where('l.town_id', '=', townId)
      .where('e.kind', '=', 'payroll_payment')
      .where('a.type', '=', 'coop')
      .where('e.period', '>=', from)
      .where('e.period', '<=', to)
      .groupBy(['l.team_id', 'e.period', 'a.source_code'])
      .execute(),
    ctx.db
      .selectFrom('ledger_lines as l')
      .innerJoin('ledger_entries as e', (j) => j.onRef('e.town_id', '=', 'l.town_id').onRef('e.id', '=', 'l.entry_id'))
      .innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'l.town_id').onRef('a.id', '=', 'l.account_id'))
      .select(['a.source_code', (eb) => eb.fn.sum<number>('l.credit_fen').as('credit'), (eb) => eb.fn.sum<number>('l.debit_fen').as('debit')])
      .where('l.town_id', '=', townId)
      .where('a.type', '=', 'fund')
      .where('e.period', '>=', from)
      .where('e.period', '<=', to)
      .groupBy('a.source_code')
      .execute(),
  ]);
  const paidByTeam = new Map<string, number>();
  const paidByMonth = new Map<string, number>();
  let townPaid = 0;
  for (const p of payments) {
    const amount = fenOf(p.paid);
    paidByTeam.set(p.team_id ?? '', (paidByTeam.get(p.team_id ?? '') ?? 0) + amount);
    paidByMonth.set(p.period, (paidByMonth.get(p.period) ?? 0) + amount);
    if (p.source_code === TOWN_SUBSIDY) townPaid += amount;
  }
  const expectedOf = new Map(expected.map((e) => [e.source_code, Number(e.amount_fen)]));
  const receivedOf = new Map(receipts.map((r) => [r.source_code, fenOf(r.credit) - fenOf(r.debit)]));
  const personnelFen = plan.reduce((s, t) => s + t.plannedFen, 0);
  const specialFen = approved.reduce((s, a) => s + Number(a.amount_fen), 0);
  const plannedSpendingFen = personnelFen + specialFen;
  const expectedReceiptsFen = sources.filter((s) => s.code !== TOWN_SUBSIDY).reduce((s, x) => s + (expectedOf.get(x.code) ?? 0), 0);
  return {
    year,
    personnel: plan.map((t) => ({ teamId: t.teamId, teamName: t.teamName, coopId: t.coopId, headcount: t.headcount, plannedFen: t.plannedFen, actualFen: paidByTeam.get(t.teamId) ?? 0 })),
    special: approved.map((a) => ({ applicationId: a.id, kind: a.kind, coopName: a.coop_name, description: a.description, plannedFen: Number(a.amount_fen), actualFen: fenOf(a.spent) })),
    receipts: sources.map((s) => ({ sourceCode: s.code, sourceName: s.name, expectedFen: expectedOf.get(s.code) ?? 0, actualFen: receivedOf.get(s.code) ?? 0 })),
    months: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      return { month, plannedFen: Math.round(personnelFen / 12), actualFen: paidByMonth.get(month) ?? 0 };
    }),
    plannedSpendingFen,
    expectedReceiptsFen,
    shortfallFen: shortfall(plannedSpendingFen, expectedReceiptsFen),
    townPaidFen: townPaid,
  };
}
