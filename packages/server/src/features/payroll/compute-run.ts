import {
  annualBaseOf,
  annualBonusLine,
  computeMonth,
  IN_KIND_FESTIVALS,
  monthBounds,
  summarise,
  type AnnualOutcome,
  type MonthPay,
  type PayPolicy,
  type RunKind,
} from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { NewRow } from '../../db/schema.js';
import { festivalDates } from './festivals.js';
import { supervisorsOn } from '../teams/teams.repository.js';
import * as inputs from './run-inputs.js';

// A run's slips from its inputs (#7 parts 3 and 5): every worker through the domain's pay
// functions, so a run, the what-if command and the policy simulation explain each fen alike.

/** Receives the slips as they are computed, a chunk at a time (a city's month is never held whole). */
export type SlipSink = (rows: NewRow<'pay_slips'>[]) => Promise<void>;

export interface ComputedRun {
  workers: number;
  grossFen: number;
  deductionFen: number;
  netFen: number;
  inKindFen: number;
  /** Corrections paid by this run (to be marked applied with it). */
  adjustmentIds: string[];
}

const CHUNK = 5_000;

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

export async function computeRun(
  db: Executor,
  townId: string,
  runId: string,
  kind: RunKind,
  coopId: string,
  month: string,
  policy: PayPolicy,
  workers: readonly inputs.WorkerMonth[],
  sink: SlipSink,
): Promise<ComputedRun> {
  const { last } = monthBounds(month);
  const year = Number(month.slice(0, 4));
  const supervisors = await supervisorsOn(db, townId, last);
  const pay = kind === 'annual_bonus' ? await annualPay(db, townId, month, year, policy) : await monthlyPay(db, townId, coopId, month, year, policy, workers);
  const totals: ComputedRun = { workers: 0, grossFen: 0, deductionFen: 0, netFen: 0, inKindFen: 0, adjustmentIds: pay.adjustmentIds };
  let chunk: NewRow<'pay_slips'>[] = [];
  for (const w of workers) {
    const slip = slipRow(townId, runId, w, supervisors.get(w.teamId) ?? '', pay.of(w));
    totals.workers++;
    totals.grossFen += slip.gross_fen;
    totals.deductionFen += slip.deduction_fen;
    totals.netFen += slip.net_fen;
    totals.inKindFen += slip.in_kind_fen;
    chunk.push(slip);
    if (chunk.length === CHUNK) {
      await sink(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await sink(chunk);
  return totals;
}

/** R13–R17: each worker's month from the locked assessment, earlier months (R17's caps) and pending corrections. */
async function monthlyPay(db: Executor, townId: string, coopId: string, month: string, year: number, policy: PayPolicy, workers: readonly inputs.WorkerMonth[]) {
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
  const paying = new Set(workers.map((w) => w.personId));
  const festivals = festivalDates(year);
  return {
    // A correction waits for a run that pays its worker (one who has left keeps it pending).
    adjustmentIds: adjustments.filter((a) => paying.has(a.person_id)).map((a) => a.id),
    of: (w: inputs.WorkerMonth): MonthPay => {
      const a = assessments.get(w.personId);
      const paid = earlier.get(w.personId);
      return computeMonth(policy, w, {
        month,
        assessment: a && a.total_tenths !== null && a.grade ? { totalTenths: a.total_tenths, grade: a.grade as AnnualOutcome } : null,
        peopleServed: a?.people_served ?? null,
        festivalDates: festivals,
        yearToDate: { highTemperatureFen: paid?.heat ?? 0, inKindFen: paid?.inKind ?? 0 },
        adjustments: adjustmentsOf.get(w.personId) ?? [],
      });
    },
  };
}

/** R19: annual base wage (the base lines paid in the year up to the bonus month) × the grade's percent. */
async function annualPay(db: Executor, townId: string, month: string, year: number, policy: PayPolicy) {
  const [outcomes, paid] = await Promise.all([inputs.annualOutcomes(db, townId, year), inputs.paidEarlierInYear(db, townId, month, true)]);
  return {
    adjustmentIds: [],
    of: (w: inputs.WorkerMonth): MonthPay => {
      const base = paid.get(w.personId);
      const line = annualBonusLine(policy, w.categoryCode, outcomes.get(w.personId) ?? null, base?.base ?? 0, year);
      return summarise(month, 0, 0, [base ? { ...line, explanation: `${line.explanation}（计 ${base.months} 个月）` } : line]);
    },
  };
}
