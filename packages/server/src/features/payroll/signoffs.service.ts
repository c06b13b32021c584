import {
  formatYuan,
  nextStep,
  ruleValue,
  RUN_STATE_LABELS,
  shanghaiTimestamp,
  SIGNOFF_STEP_LABELS,
  STATE_AFTER,
  summarise,
  type PayLine,
  type RunDetail,
  type RunState,
  type SignoffStep,
} from '@gongyi/domain';
import { z } from 'zod';
import type { AdjustmentSchema } from '@gongyi/domain';
import { lockRow } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { notFound, ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, type Action } from '../policy.js';
import { postRunExpense, postRunPayment } from '../ledger/payroll-postings.js';
import { actsForCoop, departmentsActedFor } from './run-scope.js';
import * as repo from './runs.repository.js';
import { getRun, pendingSigners, requireRun, RUN, staleVersion, voidSignoffs } from './runs.service.js';

// R21: three sign-offs before the coop pays (each daily-managing unit confirms its workers, each
// supervising department reviews its teams, the leader in charge approves), then the coop releases.
// One person signs at most one step of a run; every sign-off names the run version it saw, so of
// two concurrent approvals exactly one wins; an edit voids the sign-offs it invalidates.

export const STEP_ACTION: Record<SignoffStep, Action> = {
  unit_confirm: 'payroll.confirm',
  department_review: 'payroll.review',
  leader_approve: 'payroll.approve',
  release: 'payroll.release',
};

export async function signStep(ctx: MutationContext, townId: string, id: string, step: SignoffStep, input: { version: number; departmentId?: string | undefined }): Promise<RunDetail> {
  const action = STEP_ACTION[step];
  authorize(ctx.actor, action);
  // #13: besides the version check (bumpVersion), the run is locked and read again before its state is checked.
  await lockRow(ctx, 'pay_runs', townId, id);
  const run = await requireRun(ctx, townId, id);
  const state = run.state as RunState;
  const expected = nextStep(state);
  if (expected !== step) {
    const hint = expected ? `当前应由“${SIGNOFF_STEP_LABELS[expected].zh}”。` : '该发放已发放完毕。';
    throw ruleViolation({ zh: `该发放当前为“${RUN_STATE_LABELS[state].zh}”，不能“${SIGNOFF_STEP_LABELS[step].zh}”。${hint}签署须依次：单位确认 → 主管部门审核 → 分管领导审批 → 服务社发放（R21）。`, en: `A "${RUN_STATE_LABELS[state].en}" run cannot take "${SIGNOFF_STEP_LABELS[step].en}".` }, 'step');
  }
  const signoffs = await repo.signoffsOf(ctx.db, townId, id);
  const mine = signoffs.find((s) => !s.voided_at && s.user_id === ctx.actor.id && s.step !== step);
  if (mine) {
    throw ruleViolation({ zh: `您已在本发放中签署“${SIGNOFF_STEP_LABELS[mine.step as SignoffStep].zh}”，同一人不能签署同一发放的两个环节（R21）。请由其他负责人签署。`, en: 'One person cannot sign two steps of one run (R21).' }, 'step');
  }
  if (step === 'leader_approve') await assertNoNegativeNet(ctx, townId, id);
  let departments: (string | null)[] = [null];
  let complete = true;
  if (step === 'unit_confirm' || step === 'department_review') {
    const pending = (await pendingSigners(ctx, townId, run, signoffs)).map((p) => p.departmentId!);
    departments = departmentsActedFor(ctx, action, input.departmentId ? pending.filter((d) => d === input.departmentId) : pending);
    if (departments.length === 0) {
      throw ruleViolation({ zh: `本发放中没有等待您所在单位${SIGNOFF_STEP_LABELS[step].zh}的人员（或已签署）。`, en: 'Nothing in this run waits for your department.' }, 'departmentId');
    }
    complete = departments.length === pending.length;
  } else if (step === 'release' && !actsForCoop(ctx, action, run.coop_id)) {
    throw ruleViolation({ zh: '只有本服务社可以发放本发放。', en: 'Only the run’s cooperative may release it.' });
  }
  if (!(await repo.bumpVersion(ctx.db, townId, id, input.version, complete ? { state: STATE_AFTER[step] } : {}))) throw staleVersion();
  const now = shanghaiTimestamp(ctx.clock.now());
  await ctx.db
    .insertInto('pay_signoffs')
    .values(departments.map((d) => ({ town_id: townId, id: ctx.newId(), run_id: id, step, department_id: d, user_id: ctx.actor.id, user_name: ctx.actor.display, signed_at: now, voided_at: null })))
    .execute();
  // R20–R22: approval owes the pay (expense and wages payable); release pays it from the coop's accounts.
  if (complete && step === 'leader_approve') await postRunExpense(ctx, townId, run);
  if (complete && step === 'release') await postRunPayment(ctx, townId, run);
  await recordAudit(ctx, { townId, action: `payroll.run.${step}`, objectType: 'pay_run', objectId: id, before: { state, version: input.version }, after: { state: complete ? STATE_AFTER[step] : state, departments } });
  return getRun(ctx, townId, id);
}

/** A bank cannot pay a negative amount: such a slip is settled (manual line, or a correction next month) before approval. */
async function assertNoNegativeNet(ctx: ReadContext, townId: string, runId: string): Promise<void> {
  const negative = await ctx.db.selectFrom('pay_slips').select(['person_name', 'net_fen']).where('town_id', '=', townId).where('run_id', '=', runId).where('net_fen', '<', 0).limit(1).executeTakeFirst();
  if (negative) {
    throw ruleViolation({ zh: `${negative.person_name} 本月实发为负数（${(Number(negative.net_fen) / 100).toFixed(2)} 元），银行不能代发。请服务社先手工调整该人（如将应扣回金额改在下月扣回），再报审批。`, en: 'A slip has a negative net pay; adjust it before approval.' });
  }
}

/** #13 item 15: a manual line or a correction is at most the dated rule's plausible amount for one slip. */
function assertPlausibleLine(amountFen: number, month: string): void {
  const max = ruleValue('pay.lineMaxFen', `${month}-01`);
  if (Math.abs(amountFen) > max) {
    throw ruleViolation({ zh: `单笔调整金额 ${formatYuan(amountFen)} 超过上限 ${formatYuan(max)}，请核对金额（以分为单位）；确需更大差额时，请重新计算该发放。`, en: `The amount ${formatYuan(amountFen)} exceeds the limit of ${formatYuan(max)} per line.` }, 'amountFen');
  }
}

/** A manual line on one worker's slip before approval: voids that unit's confirmation and every later sign-off. */
export async function addManualLine(ctx: MutationContext, townId: string, id: string, input: { personId: string; amountFen: number; reason: string; version: number }): Promise<RunDetail> {
  authorize(ctx.actor, 'payroll.run');
  await lockRow(ctx, 'pay_runs', townId, id);
  const run = await requireRun(ctx, townId, id);
  if (!actsForCoop(ctx, 'payroll.run', run.coop_id)) throw notFound(RUN);
  if (run.state === 'approved' || run.state === 'released') throw ruleViolation({ zh: '已审批的发放不能修改；请登记更正，计入下月发放。', en: 'An approved run cannot change; record a correction.' });
  assertPlausibleLine(input.amountFen, run.month);
  const slip = await ctx.db.selectFrom('pay_slips').selectAll().where('town_id', '=', townId).where('run_id', '=', id).where('person_id', '=', input.personId).executeTakeFirst();
  if (!slip) throw notFound({ zh: '本发放中的该人员', en: 'The worker in this run' }, 'personId');
  if (!(await repo.bumpVersion(ctx.db, townId, id, input.version, { state: 'draft' }))) throw staleVersion();
  const lines = [...(JSON.parse(slip.lines_json) as PayLine[]), { kind: 'adjustment' as const, amountFen: input.amountFen, cash: true, rule: 'R21', explanation: `手工调整：${input.reason}（${ctx.actor.display}）` }];
  const pay = summarise(run.month, slip.days_in_post, 0, lines);
  await ctx.db
    .updateTable('pay_slips')
    .set({ lines_json: JSON.stringify(lines), gross_fen: pay.grossFen, deduction_fen: pay.deductionFen, net_fen: pay.netFen, in_kind_fen: pay.inKindFen })
    .where('town_id', '=', townId)
    .where('run_id', '=', id)
    .where('person_id', '=', input.personId)
    .execute();
  const totals = await repo.runTotals(ctx.db, townId, id);
  await ctx.db.updateTable('pay_runs').set({ gross_fen: totals.gross, deduction_fen: totals.deduction, net_fen: totals.net, in_kind_fen: totals.in_kind }).where('town_id', '=', townId).where('id', '=', id).execute();
  const voided = await voidSignoffs(ctx, townId, id, `手工调整 ${slip.person_name}`, slip.department_id);
  await recordAudit(ctx, { townId, action: 'payroll.run.manual_line', objectType: 'pay_run', objectId: id, before: { personId: input.personId, netFen: Number(slip.net_fen), state: run.state }, after: { personId: input.personId, amountFen: input.amountFen, reason: input.reason, netFen: pay.netFen, voidedSignoffs: voided } });
  return getRun(ctx, townId, id);
}

type Adjustment = z.infer<typeof AdjustmentSchema>;

function adjustments(ctx: ReadContext, townId: string) {
  return ctx.db
    .selectFrom('pay_adjustments as a')
    .innerJoin('pay_runs as r', (j) => j.onRef('r.town_id', '=', 'a.town_id').onRef('r.id', '=', 'a.run_id'))
    .innerJoin('pay_slips as ps', (j) => j.onRef('ps.town_id', '=', 'a.town_id').onRef('ps.run_id', '=', 'a.run_id').onRef('ps.person_id', '=', 'a.person_id'))
    .select(['a.id', 'a.run_id', 'r.month', 'a.person_id', 'ps.person_name', 'a.amount_fen', 'a.reason', 'a.created_by', 'a.created_at', 'a.applied_run_id', 'a.coop_id'])
    .where('a.town_id', '=', townId);
}
type AdjustmentRow = Awaited<ReturnType<ReturnType<typeof adjustments>['executeTakeFirstOrThrow']>>;
const toAdjustment = (r: AdjustmentRow): Adjustment => ({
  id: r.id,
  runId: r.run_id,
  runMonth: r.month,
  personId: r.person_id,
  name: r.person_name,
  amountFen: Number(r.amount_fen),
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  appliedRunId: r.applied_run_id,
});

export async function listAdjustments(ctx: ReadContext, townId: string, coopId?: string): Promise<Adjustment[]> {
  authorize(ctx.actor, 'payroll.read');
  let q = adjustments(ctx, townId);
  if (coopId) q = q.where('a.coop_id', '=', coopId);
  const rows = await q.orderBy('a.created_at', 'desc').execute();
  return rows.filter((r) => actsForCoop(ctx, 'payroll.read', r.coop_id)).map(toAdjustment);
}

/** #7 part 4: an approved run never changes; a correction is paid (or recovered) in the coop's next monthly run. */
export async function addAdjustment(ctx: MutationContext, townId: string, id: string, input: { personId: string; amountFen: number; reason: string }): Promise<Adjustment> {
  authorize(ctx.actor, 'payroll.adjust');
  await lockRow(ctx, 'pay_runs', townId, id);
  const run = await requireRun(ctx, townId, id);
  if (!actsForCoop(ctx, 'payroll.adjust', run.coop_id)) throw notFound(RUN);
  if (run.state !== 'approved' && run.state !== 'released') throw ruleViolation({ zh: '发放尚未审批，请直接“手工调整”或“重新计算”；更正只用于已审批的发放。', en: 'Only an approved run takes corrections.' });
  assertPlausibleLine(input.amountFen, run.month);
  const slip = await ctx.db.selectFrom('pay_slips').select('person_id').where('town_id', '=', townId).where('run_id', '=', id).where('person_id', '=', input.personId).executeTakeFirst();
  if (!slip) throw notFound({ zh: '本发放中的该人员', en: 'The worker in this run' }, 'personId');
  const row = { town_id: townId, id: ctx.newId(), run_id: id, coop_id: run.coop_id, person_id: input.personId, amount_fen: input.amountFen, reason: input.reason, created_by: ctx.actor.display, created_at: shanghaiTimestamp(ctx.clock.now()), applied_run_id: null };
  await ctx.db.insertInto('pay_adjustments').values(row).execute();
  await recordAudit(ctx, { townId, action: 'payroll.adjustment.create', objectType: 'pay_run', objectId: id, after: { personId: input.personId, amountFen: input.amountFen, reason: input.reason } });
  return toAdjustment((await adjustments(ctx, townId).where('a.id', '=', row.id).executeTakeFirst())!);
}
