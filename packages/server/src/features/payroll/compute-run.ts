import {
  annualBaseOf,
  annualBonusLine,
  computeMonth,
  IN_KIND_FESTIVALS,
  summarise,
  type AnnualOutcome,
  type MonthPay,
  type PayPolicy,
  type RunKind,
} from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { NewRow } from '../../db/schema.js';
import { festivalDates } from './festivals.js';
import * as inputs from './run-inputs.js';

// A run's slips from its inputs (#7 parts 3 and 5): every worker through the domain's pay
// functions, so a run, the what-if command and the policy simulation explain each fen alike.

export interface ComputedRun {
  slips: NewRow<'pay_slips'>[];
  /** Corrections paid by this run (marked applied when the run is written). */
  adjustmentIds: string[];
}

const sumKind = (pay: MonthPay, kind: string) => pay.lines.reduce((s, l) => (l.kind === kind ? s + l.amountFen : s), 0);

function slipRow(townId: string, runId: string, w: inputs.WorkerMonth, supervisor: string, pay: MonthPay): NewRow<'pay_slips'> {
  return {
    town_id: townId,
    run_id: runId,
    person_id: w.personId,
    person_name: w.name,
    team_id: w.teamId,
    department_id: w.departmentId,
    supervising_department_id: supervisor,
    days_in_post: pay.daysInPost,
    base_fen: annualBaseOf([pay]),
    high_temperature_fen: sumKind(pay, 'high_temperature'),
    gross_fen: pay.grossFen,
    deduction_fen: pay.deductionFen,
    net_fen: pay.netFen,
    in_kind_fen: pay.inKindFen,
    lines_json: JSON.stringify(pay.lines),
  };
}

/** Whether R17's yearly caps can matter this month (high-temperature month or an in-kind festival), so earlier months must be read. */
function capsMatter(policy: PayPolicy, month: string): boolean {
  const dates = festivalDates(Number(month.slice(0, 4)));
  return policy.highTemperature.months.includes(Number(month.slice(5, 7))) || IN_KIND_FESTIVALS.some((f) => dates[f].startsWith(month));
}

export async function computeRun(db: Executor, townId: string, runId: string, kind: RunKind, coopId: string, month: string, policy: PayPolicy): Promise<ComputedRun> {
  const { last } = inputs.monthBounds(month);
  const year = Number(month.slice(0, 4));
  const [workers, supervisors] = await Promise.all([inputs.workersInMonth(db, townId, coopId, month), inputs.supervisorsOn(db, townId, last)]);
  if (kind === 'annual_bonus') return { slips: await annualSlips(db, townId, runId, month, year, policy, workers, supervisors), adjustmentIds: [] };

  const [assessments, earlier, adjustments] = await Promise.all([
    inputs.lockedAssessments(db, townId, month),
    capsMatter(policy, month) ? inputs.paidEarlierInYear(db, townId, month, false) : Promise.resolve(new Map<string, { heat: number; inKind: number }>()),
    inputs.pendingAdjustments(db, townId, coopId, month),
  ]);
  const adjustmentsOf = new Map<string, { id: string; amountFen: number; reason: string }[]>();
  for (const a of adjustments) {
    const list = adjustmentsOf.get(a.person_id) ?? [];
    list.push({ id: a.id, amountFen: Number(a.amount_fen), reason: `${a.month} ${a.reason}` });
    adjustmentsOf.set(a.person_id, list);
  }
  const festivals = festivalDates(year);
  const adjustmentIds: string[] = [];
  const slips = workers.map((w) => {
    const a = assessments.get(w.personId);
    const paid = earlier.get(w.personId);
    const own = adjustmentsOf.get(w.personId) ?? [];
    for (const x of own) adjustmentIds.push(x.id);
    const pay = computeMonth(policy, w, {
      month,
      assessment: a && a.total_tenths !== null && a.grade ? { totalTenths: a.total_tenths, grade: a.grade as AnnualOutcome } : null,
      peopleServed: a?.people_served ?? null,
      festivalDates: festivals,
      yearToDate: { highTemperatureFen: paid?.heat ?? 0, inKindFen: paid?.inKind ?? 0 },
      adjustments: own,
    });
    return slipRow(townId, runId, w, supervisors.get(w.teamId) ?? '', pay);
  });
  return { slips, adjustmentIds };
}

/** R19: annual base wage (the base lines paid in the year up to the bonus month) × the grade's percent. */
async function annualSlips(db: Executor, townId: string, runId: string, month: string, year: number, policy: PayPolicy, workers: inputs.WorkerMonth[], supervisors: Map<string, string>) {
  const [outcomes, paid] = await Promise.all([inputs.annualOutcomes(db, townId, year), inputs.paidEarlierInYear(db, townId, month, true)]);
  return workers.map((w) => {
    const base = paid.get(w.personId);
    const line = annualBonusLine(policy, w.categoryCode, outcomes.get(w.personId) ?? null, base?.base ?? 0, year);
    const withMonths = base ? { ...line, explanation: `${line.explanation}（计 ${base.months} 个月）` } : line;
    const pay = summarise(month, 0, 0, [withMonths]);
    return slipRow(townId, runId, w, supervisors.get(w.teamId) ?? '', pay);
  });
}
