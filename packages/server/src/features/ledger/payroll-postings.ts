import { attributeCost, formatYuan, SOURCE_LABELS, TOWN_SUBSIDY, type Earmark, type ExpenseClass } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { ruleViolation } from '../../http/errors.js';
import { accountCode, accountId, balancesByCode, sourcesOf } from './accounts.js';
import { lockLedger, postEntry } from './post-entry.js';
import { sealRunSlips } from '../payroll/run-seal.js';

// The payroll's postings (#8 part 3), in the same transaction as the sign-off that causes them:
// the leader's approval posts the run's pay as personnel expense owed by the coop (wages payable);
// the coop's release pays it from the coop's accounts, each team's pay drawn from the sources its
// earmarks allow (up to what the coop holds of each), the town subsidy covering the rest (R22).
// Amounts are the run's net pay, which is what the bank file pays.


async function teamNets(ctx: MutationContext, townId: string, runId: string) {
  const rows = await ctx.db
    .selectFrom('pay_slips')
    .select(['team_id', (eb) => eb.fn.sum<number>('net_fen').as('net')])
    .where('town_id', '=', townId)
    .where('run_id', '=', runId)
    .groupBy('team_id')
    .orderBy('team_id')
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, amountFen: Number(r.net) })).filter((r) => r.amountFen !== 0);
}

export async function postRunExpense(ctx: MutationContext, townId: string, run: { id: string; coop_id: string; month: string; kind: string }): Promise<void> {
  // #13 item 8: approval seals the slips as they are (pay_runs.slips_mac), in its own transaction.
  await sealRunSlips(ctx.db, ctx.keyring, townId, run.id);
  const teams = await teamNets(ctx, townId, run.id);
  if (teams.length === 0) return;
  const expense = await accountId(ctx, townId, { type: 'expense', expenseClass: 'personnel' });
  const payable = await accountId(ctx, townId, { type: 'payable', coopId: run.coop_id });
  const total = teams.reduce((s, t) => s + t.amountFen, 0);
  await postEntry(ctx, townId, {
    kind: 'payroll_expense',
    documentKind: 'pay_run',
    documentRef: run.id,
    memo: `${run.month} ${run.kind === 'annual_bonus' ? '年度考核奖' : '工资'}计提（审批通过）`,
    lines: [...teams.map((t) => ({ accountId: expense, debitFen: t.amountFen, creditFen: 0, teamId: t.teamId })), { accountId: payable, debitFen: 0, creditFen: total }],
  });
}

/** The coop's earmark-ordered draw on its accounts for a run; refuses when the coop does not hold enough. */
export async function postRunPayment(ctx: MutationContext, townId: string, run: { id: string; coop_id: string; month: string; kind: string }): Promise<void> {
  await lockLedger(ctx, townId);
  const teams = await teamNets(ctx, townId, run.id);
  if (teams.length === 0) return;
  const sources = (await sourcesOf(ctx, townId)).map((s) => s.code);
  const codes = sources.map((source) => accountCode({ type: 'coop', coopId: run.coop_id, source }));
  const held = await balancesByCode(ctx.db, townId, codes);
  const available = new Map(sources.map((s, i) => [s, held.get(codes[i]!) ?? 0]));
  const earmarks = (await ctx.db.selectFrom('ledger_earmarks').select(['source_code', 'team_id', 'expense_class']).where('town_id', '=', townId).execute()).map(
    (e): Earmark => ({ sourceCode: e.source_code, teamId: e.team_id, expenseClass: e.expense_class as ExpenseClass }),
  );
  const parts = attributeCost(teams, sources, available, earmarks, 'personnel');
  const subsidy = parts.filter((p) => p.sourceCode === TOWN_SUBSIDY).reduce((s, p) => s + p.amountFen, 0);
  const subsidyHeld = available.get(TOWN_SUBSIDY) ?? 0;
  if (subsidy > subsidyHeld) {
    throw ruleViolation({
      zh: `服务社账户余额不足：本次发放还需${SOURCE_LABELS[TOWN_SUBSIDY]!.zh} ${formatYuan(subsidy)}，服务社只有 ${formatYuan(subsidyHeld)}。请财政所先从镇专户拨付（缺额镇级给付，R22），再发放。`,
      en: `The cooperative lacks ${formatYuan(subsidy - subsidyHeld)} of town subsidy; allocate it first (R22).`,
    });
  }
  const payable = await accountId(ctx, townId, { type: 'payable', coopId: run.coop_id });
  const total = teams.reduce((s, t) => s + t.amountFen, 0);
  const credits = [];
  for (const p of parts) credits.push({ accountId: await accountId(ctx, townId, { type: 'coop', coopId: run.coop_id, source: p.sourceCode }), debitFen: 0, creditFen: p.amountFen, teamId: p.teamId });
  await postEntry(ctx, townId, {
    kind: 'payroll_payment',
    documentKind: 'pay_run',
    documentRef: run.id,
    memo: `${run.month} ${run.kind === 'annual_bonus' ? '年度考核奖' : '工资'}发放`,
    lines: [{ accountId: payable, debitFen: total, creditFen: 0 }, ...credits],
  });
}
