import {
  monthBounds,
  nextStep,
  RUN_KIND_LABELS,
  RUN_STATE_LABELS,
  shanghaiTimestamp,
  type Page,
  type PayLine,
  type Run,
  type RunCreate,
  type RunDetail,
  type RunKind,
  type RunState,
  type SignoffStep,
  type Slip,
} from '@gongyi/domain';
import { lockRow } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { computeRun } from './compute-run.js';
import { policyOn, type PolicyInForce } from './policies.service.js';
import { unlockedSheets, workersInMonth, type WorkerMonth } from './run-inputs.js';
import { actsForCoop, runCondition, slipCondition } from './run-scope.js';
import * as repo from './runs.repository.js';

// Pay runs (#7 parts 3 and 5): one per coop, kind and month, computed from the month's locked
// assessment under the policy in force; recomputed while unapproved (voiding every sign-off);
// immutable once approved (a correction is an adjustment paid in a later month).

export const RUN = { zh: '薪酬发放', en: 'Pay run' };

function toRun(r: repo.RunRow): Run {
  return {
    id: r.id,
    kind: r.kind as RunKind,
    coopId: r.coop_id,
    coopName: r.coop_name,
    month: r.month,
    state: r.state as RunState,
    version: r.version,
    policyId: r.policy_id,
    workerCount: r.worker_count,
    grossFen: Number(r.gross_fen),
    deductionFen: Number(r.deduction_fen),
    netFen: Number(r.net_fen),
    inKindFen: Number(r.in_kind_fen),
    createdBy: r.created_by,
    createdAt: r.created_at,
    computedAt: r.computed_at,
  };
}

export function toSlip(r: repo.SlipRow): Slip {
  return {
    runId: r.run_id,
    month: r.month,
    kind: r.kind as RunKind,
    personId: r.person_id,
    name: r.person_name,
    teamId: r.team_id,
    teamName: r.team_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    daysInPost: r.days_in_post,
    grossFen: Number(r.gross_fen),
    deductionFen: Number(r.deduction_fen),
    netFen: Number(r.net_fen),
    inKindFen: Number(r.in_kind_fen),
    lines: JSON.parse(r.lines_json) as PayLine[],
  };
}

export async function listRuns(ctx: ReadContext, townId: string, q: { page: number; pageSize: number; kind?: RunKind | undefined; coopId?: string | undefined; month?: string | undefined; state?: RunState | undefined }): Promise<Page<Run>> {
  authorize(ctx.actor, 'payroll.read');
  let query = repo.runRows(ctx.db, townId).where(runCondition(ctx));
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.coopId) query = query.where('r.coop_id', '=', q.coopId);
  if (q.month) query = query.where('r.month', '=', q.month);
  if (q.state) query = query.where('r.state', '=', q.state);
  const [rows, count] = await Promise.all([
    query.orderBy('r.month', 'desc').orderBy('c.name').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRun), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

/** The run in the actor's scope, or not found (a run outside it does not exist for them). */
export async function requireRun(ctx: ReadContext, townId: string, id: string): Promise<repo.RunRow> {
  const row = await repo.runRows(ctx.db, townId).where('r.id', '=', id).where(runCondition(ctx)).executeTakeFirst();
  if (!row) throw notFound(RUN);
  return row;
}

/** Who still has to sign the run's current step (#7 part 4). */
export async function pendingSigners(ctx: ReadContext, townId: string, run: repo.RunRow, signoffs: { step: string; department_id: string | null; voided_at: string | null }[]) {
  const step = nextStep(run.state as RunState);
  if (!step) return [];
  if (step !== 'unit_confirm' && step !== 'department_review') return [{ step, departmentId: null, departmentName: null }];
  const signed = new Set(signoffs.filter((s) => s.step === step && !s.voided_at).map((s) => s.department_id));
  const all = await repo.departmentsOfRun(ctx.db, townId, run.id, step === 'unit_confirm' ? 'department_id' : 'supervising_department_id');
  return all.filter((d) => !signed.has(d.id)).map((d) => ({ step, departmentId: d.id, departmentName: d.name }));
}

export async function getRun(ctx: ReadContext, townId: string, id: string): Promise<RunDetail> {
  authorize(ctx.actor, 'payroll.read');
  const run = await requireRun(ctx, townId, id);
  const [signoffs, teams] = await Promise.all([repo.signoffsOf(ctx.db, townId, id), repo.teamTotals(ctx.db, townId, id)]);
  return {
    ...toRun(run),
    signoffs: signoffs.map((s) => ({
      step: s.step as SignoffStep,
      departmentId: s.department_id,
      departmentName: s.department_name,
      userName: s.user_name,
      signedAt: s.signed_at,
      voidedAt: s.voided_at,
      voidReason: s.void_reason,
    })),
    pending: await pendingSigners(ctx, townId, run, signoffs),
    teams: teams.map((t) => ({ teamId: t.team_id, teamName: t.name, workerCount: Number(t.workers), grossFen: Number(t.gross), netFen: Number(t.net) })),
  };
}

export async function listSlips(ctx: ReadContext, townId: string, runId: string, q: { page: number; pageSize: number; teamId?: string | undefined; departmentId?: string | undefined; q?: string | undefined }): Promise<Page<Slip>> {
  authorize(ctx.actor, 'payroll.read');
  await requireRun(ctx, townId, runId);
  let query = repo.slipRows(ctx.db, townId).where('ps.run_id', '=', runId).where(slipCondition(ctx));
  if (q.teamId) query = query.where('ps.team_id', '=', q.teamId);
  if (q.departmentId) query = query.where('ps.department_id', '=', q.departmentId);
  if (q.q) query = query.where('ps.person_name', 'like', `%${q.q}%`);
  const [rows, count] = await Promise.all([
    query.orderBy('t.sort_order').orderBy('ps.person_name').orderBy('ps.person_id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSlip), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

/** Every slip of a run the actor may see, or one worker's (PDF, register, bank file). */
export async function slipsOf(ctx: ReadContext, townId: string, runId: string, personId?: string): Promise<Slip[]> {
  let query = repo.slipRows(ctx.db, townId).where('ps.run_id', '=', runId).where(slipCondition(ctx));
  if (personId) query = query.where('ps.person_id', '=', personId);
  const rows = await query.orderBy('t.sort_order').orderBy('ps.person_name').orderBy('ps.person_id').execute();
  return rows.map(toSlip);
}

/** A worker's own slips in approved runs (self-service). */
export async function mySlips(ctx: ReadContext, townId: string, runId?: string): Promise<Slip[]> {
  authorize(ctx.actor, 'payroll.self');
  const personId = ctx.actor.personId;
  if (!personId) return [];
  let query = repo.slipRows(ctx.db, townId).where('ps.person_id', '=', personId).where('r.state', 'in', ['approved', 'released']);
  if (runId) query = query.where('ps.run_id', '=', runId);
  const rows = await query.orderBy('r.month', 'desc').orderBy('r.kind').execute();
  return rows.map(toSlip);
}

async function assertCanRun(ctx: ReadContext, townId: string, coopId: string): Promise<void> {
  const coop = await ctx.db.selectFrom('coops').select('id').where('town_id', '=', townId).where('id', '=', coopId).executeTakeFirst();
  if (!coop || !actsForCoop(ctx, 'payroll.run', coopId)) throw ruleViolation({ zh: '只能为本人所在的服务社计算发放。请选择您的服务社。', en: 'You may run pay only for your own cooperative.' }, 'coopId');
}

/** The policy in force for the month, refusing months that cannot be run (not begun, no policy, not the bonus month). */
async function policyForRun(ctx: ReadContext, townId: string, kind: RunKind, month: string) {
  if (month > today(ctx.clock).slice(0, 7)) throw ruleViolation({ zh: `${month} 尚未到来，不能计算发放。`, en: `${month} has not begun.` }, 'month');
  const policy = await policyOn(ctx.db, townId, monthBounds(month).last);
  if (!policy) throw ruleViolation({ zh: `${month} 没有生效的薪酬政策。请先在“薪酬政策”中新增自该月或更早生效的版本。`, en: `No pay policy is in force in ${month}. Add a policy version first.` }, 'month');
  const bonusMonth = policy.policy.annualBonusMonth;
  if (kind === 'annual_bonus' && Number(month.slice(5, 7)) !== bonusMonth) {
    throw ruleViolation({ zh: `薪酬政策规定年度考核奖在 ${bonusMonth} 月发放，请选择 ${month.slice(0, 4)}-${String(bonusMonth).padStart(2, '0')}。`, en: `The annual bonus is paid in month ${bonusMonth}.` }, 'month');
  }
  return policy;
}

/** R25 before R21: every unit's sheet of the month must be locked; names the missing ones. */
async function assertSheetsLocked(ctx: ReadContext, townId: string, month: string, workers: readonly WorkerMonth[]): Promise<void> {
  const open = await unlockedSheets(ctx.db, townId, month, workers);
  if (open.length === 0) return;
  const list = open.slice(0, 8).map((o) => `${o.department_name}·${o.team_name}（${o.state ? '未锁定' : '未建表'}）`).join('、');
  throw ruleViolation({ zh: `${month} 还有 ${open.length} 张考核表未锁定，不能计算发放：${list}${open.length > 8 ? ' 等' : ''}。请督促相关单位报送并由主管部门锁定（R25）。`, en: `${open.length} assessment sheets of ${month} are not locked.` }, 'month');
}

/** Computes and writes every slip of the run (in chunks), then its totals. */
async function writeRun(ctx: MutationContext, townId: string, runId: string, kind: RunKind, coopId: string, month: string, policy: PolicyInForce) {
  const workers = await workersInMonth(ctx.db, townId, coopId, month);
  if (kind === 'monthly') await assertSheetsLocked(ctx, townId, month, workers);
  const totals = await computeRun(ctx.db, townId, runId, kind, coopId, month, policy.policy, workers, (rows) => ctx.insertRows('pay_slips', rows));
  if (totals.adjustmentIds.length > 0) await ctx.db.updateTable('pay_adjustments').set({ applied_run_id: runId }).where('town_id', '=', townId).where('id', 'in', totals.adjustmentIds).execute();
  await ctx.db
    .updateTable('pay_runs')
    .set({ policy_id: policy.id, worker_count: totals.workers, gross_fen: totals.grossFen, deduction_fen: totals.deductionFen, net_fen: totals.netFen, in_kind_fen: totals.inKindFen, computed_at: shanghaiTimestamp(ctx.clock.now()) })
    .where('town_id', '=', townId)
    .where('id', '=', runId)
    .execute();
  return { workers: totals.workers, grossFen: totals.grossFen, netFen: totals.netFen, adjustments: totals.adjustmentIds.length };
}

export async function createRun(ctx: MutationContext, townId: string, input: RunCreate): Promise<RunDetail> {
  authorize(ctx.actor, 'payroll.run');
  await assertCanRun(ctx, townId, input.coopId);
  const existing = await ctx.db.selectFrom('pay_runs').select(['id', 'state']).where('town_id', '=', townId).where('coop_id', '=', input.coopId).where('kind', '=', input.kind).where('month', '=', input.month).executeTakeFirst();
  if (existing) {
    const approved = existing.state === 'approved' || existing.state === 'released';
    throw new AppError(
      'duplicate',
      approved
        ? { zh: `该服务社 ${input.month} 的${RUN_KIND_LABELS[input.kind].zh}已审批，不能重新计算；如需更正，请在该发放中登记更正，计入下月发放。`, en: 'This run is approved; record a correction instead.' }
        : { zh: `该服务社 ${input.month} 的${RUN_KIND_LABELS[input.kind].zh}已存在（${RUN_STATE_LABELS[existing.state as RunState].zh}），请打开它并“重新计算”。`, en: 'The run exists; open it and recalculate.' },
      'month',
    );
  }
  const policy = await policyForRun(ctx, townId, input.kind, input.month);
  const id = ctx.newId();
  const now = shanghaiTimestamp(ctx.clock.now());
  await ctx.db
    .insertInto('pay_runs')
    .values({ town_id: townId, id, kind: input.kind, coop_id: input.coopId, month: input.month, state: 'draft', version: 0, policy_id: policy.id, worker_count: 0, gross_fen: 0, deduction_fen: 0, net_fen: 0, in_kind_fen: 0, created_by: ctx.actor.display, created_at: now, computed_at: now })
    .execute();
  const summary = await writeRun(ctx, townId, id, input.kind, input.coopId, input.month, policy);
  await recordAudit(ctx, { townId, action: 'payroll.run.create', objectType: 'pay_run', objectId: id, after: { ...input, policyId: policy.id, ...summary } });
  return getRun(ctx, townId, id);
}

export function staleVersion(): AppError {
  return new AppError('conflict', { zh: '该发放刚被他人更新（签署或重新计算）。请刷新页面查看最新状态后再操作。', en: 'Someone else has just changed this run. Refresh and try again.' }, 'version');
}

/** Voids the run's sign-offs that an edit invalidates (all, or from a unit's confirmation on). */
export async function voidSignoffs(ctx: MutationContext, townId: string, runId: string, reason: string, onlyUnit?: string): Promise<number> {
  let q = ctx.db.updateTable('pay_signoffs').set({ voided_at: shanghaiTimestamp(ctx.clock.now()), void_reason: reason }).where('town_id', '=', townId).where('run_id', '=', runId).where('voided_at', 'is', null);
  if (onlyUnit !== undefined) q = q.where((eb) => eb.or([eb('step', '!=', 'unit_confirm'), eb('department_id', '=', onlyUnit)]));
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Recomputes an unapproved run from today's inputs; every sign-off so far is void (R21). */
export async function recalculateRun(ctx: MutationContext, townId: string, id: string, version: number): Promise<RunDetail> {
  authorize(ctx.actor, 'payroll.run');
  await lockRow(ctx, 'pay_runs', townId, id); // #13: one recalculation at a time, after any sign-off in flight
  const run = await requireRun(ctx, townId, id);
  await assertCanRun(ctx, townId, run.coop_id);
  if (run.state === 'approved' || run.state === 'released') throw ruleViolation({ zh: '已审批的发放不能重新计算；如需更正，请登记更正，计入下月发放。', en: 'An approved run cannot be recalculated; record a correction.' });
  if (!(await repo.bumpVersion(ctx.db, townId, id, version, { state: 'draft' }))) throw staleVersion();
  const policy = await policyForRun(ctx, townId, run.kind as RunKind, run.month);
  await ctx.db.updateTable('pay_adjustments').set({ applied_run_id: null }).where('town_id', '=', townId).where('applied_run_id', '=', id).execute();
  await ctx.db.deleteFrom('pay_slips').where('town_id', '=', townId).where('run_id', '=', id).execute();
  const voided = await voidSignoffs(ctx, townId, id, '重新计算');
  const summary = await writeRun(ctx, townId, id, run.kind as RunKind, run.coop_id, run.month, policy);
  await recordAudit(ctx, { townId, action: 'payroll.run.recalculate', objectType: 'pay_run', objectId: id, before: { state: run.state, netFen: Number(run.net_fen), workers: run.worker_count }, after: { ...summary, voidedSignoffs: voided } });
  return getRun(ctx, townId, id);
}

export interface PrintHeader {
  townName: string;
  coopName: string;
  month: string;
  kindLabel: string;
}

async function printHeader(ctx: ReadContext, townId: string, run: repo.RunRow): Promise<PrintHeader> {
  const town = await ctx.db.selectFrom('towns').select('name').where('id', '=', townId).executeTakeFirstOrThrow();
  return { townName: town.name, coopName: run.coop_name, month: run.month, kindLabel: RUN_KIND_LABELS[run.kind as RunKind].zh };
}

/** A run's payslips the actor may see (or one worker's), with the page header; every print is audited. */
export async function slipsToPrint(ctx: MutationContext, townId: string, runId: string, personId?: string): Promise<{ header: PrintHeader; slips: Slip[] }> {
  authorize(ctx.actor, 'payroll.read');
  const run = await requireRun(ctx, townId, runId);
  const slips = await slipsOf(ctx, townId, runId, personId);
  await recordAudit(ctx, { townId, action: 'payroll.payslip.print', objectType: 'pay_run', objectId: runId, after: { rows: slips.length, personId } });
  return { header: await printHeader(ctx, townId, run), slips };
}

/** The worker's own payslip of one approved run, with the page header (self-service). */
export async function mySlipToPrint(ctx: ReadContext, townId: string, runId: string): Promise<{ header: PrintHeader; slips: Slip[] }> {
  const slips = await mySlips(ctx, townId, runId);
  const run = slips.length > 0 ? await repo.runRows(ctx.db, townId).where('r.id', '=', runId).executeTakeFirst() : undefined;
  if (!run) throw notFound({ zh: '本人的工资条', en: 'Your payslip' });
  return { header: await printHeader(ctx, townId, run), slips };
}
