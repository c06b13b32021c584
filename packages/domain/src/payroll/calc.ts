import type { IsoDate } from '../dates.js';
import { monthBounds } from '../dates.js';
import type { Fen } from '../money.js';
import type { CategoryCode } from '../org/vocabulary.js';
import type { AnnualOutcome } from '../staffing/vocabulary.js';
import type { EmploymentBasis, Insurance, PayScheme, SpecialPost } from '../workers/vocabulary.js';
import { SPECIAL_POST_LABELS } from '../workers/vocabulary.js';
import type { PayPolicy } from './policy.js';
import type { Festival, PayLineKind } from './vocabulary.js';
import { CASH_FESTIVALS, FESTIVAL_LABELS, IN_KIND_FESTIVALS } from './vocabulary.js';

// One worker's pay for one month (#7 part 3) and the annual bonus (part 5): pure functions of the
// policy in force, the worker's post and the month's assessment. The runs, the what-if command and
// the policy simulation all call these, so a payslip line and its explanation are the same
// everywhere. Every amount is integer fen; proration rounds half up once per line.

export interface PayLine {
  kind: PayLineKind;
  amountFen: Fen;
  /** In-kind lines record value given, not cash paid; they are not part of net pay. */
  cash: boolean;
  /** The rule the line applies (R-number of DOMAIN.md). */
  rule: string;
  /** How the amount was reached, in words and numbers ("绩效奖 = 300.00 × 86.0 / 100"). */
  explanation: string;
}

/** A stretch in post: both ends inclusive, `to` null while still in post. */
export interface InPost {
  from: IsoDate;
  to: IsoDate | null;
}

export interface WorkerPay {
  teamId: string;
  categoryCode: CategoryCode;
  scheme: PayScheme;
  /** R12: the worker's own amounts under the legacy scheme. */
  legacyBaseFen: Fen | null;
  legacyBonusFen: Fen | null;
  specialPost: SpecialPost | null;
  employmentBasis: EmploymentBasis;
  insurance: Insurance;
  periods: readonly InPost[];
}

export interface MonthFacts {
  /** YYYY-MM */
  month: string;
  /** The locked monthly assessment (R25), or null when the worker has none this month. */
  assessment: { totalTenths: number; grade: AnnualOutcome } | null;
  /** R11: people served this month (workers paid per person served). */
  peopleServed: number | null;
  /** The dates of this year's festivals (Spring Festival and the traditional ones by the lunar calendar). */
  festivalDates: Partial<Record<Festival, IsoDate>>;
  /** Paid earlier in the same year, so R17's yearly caps hold across months. */
  yearToDate: { highTemperatureFen: Fen; inKindFen: Fen };
  /** Corrections of earlier approved months carried into this one (#7 part 4). */
  adjustments?: readonly { amountFen: Fen; reason: string }[];
}

export interface MonthPay {
  month: string;
  daysInPost: number;
  daysInMonth: number;
  lines: PayLine[];
  /** Sum of cash lines before deductions. */
  grossFen: Fen;
  deductionFen: Fen;
  /** Sum of every cash line (deductions are negative lines). */
  netFen: Fen;
  inKindFen: Fen;
}

export const yuanText = (fen: Fen): string => (fen / 100).toFixed(2);
const points = (tenths: number) => (tenths / 10).toFixed(1);

/** amount × num / den, rounded half up to the fen (amounts and counts are small enough for exact doubles). */
export function prorate(amount: Fen, num: number, den: number): Fen {
  if (den <= 0) return 0;
  return Math.floor((amount * num * 2 + den) / (den * 2));
}

const dayOf = (date: IsoDate) => Number(date.slice(8, 10));

/** Calendar days of `month` the worker was in post. */
export function daysInPost(periods: readonly InPost[], month: string): number {
  const { first, last } = monthBounds(month);
  let days = 0;
  for (const p of periods) {
    const from = p.from > first ? p.from : first;
    const to = p.to === null || p.to > last ? last : p.to;
    if (from <= to) days += dayOf(to) - dayOf(from) + 1;
  }
  return days;
}

const inPostOn = (periods: readonly InPost[], date: IsoDate) => periods.some((p) => p.from <= date && (p.to === null || p.to >= date));

/** The pay of one worker for one month under `policy`. A worker not in post that month gets no lines. */
export function computeMonth(policy: PayPolicy, worker: WorkerPay, facts: MonthFacts): MonthPay {
  const { days } = monthBounds(facts.month);
  const inPost = daysInPost(worker.periods, facts.month);
  const lines: PayLine[] = [];
  const add = (kind: PayLineKind, amountFen: Fen, rule: string, explanation: string, cash = true) => {
    if (amountFen !== 0) lines.push({ kind, amountFen, cash, rule, explanation });
  };
  const part = inPost < days ? ` × 在岗 ${inPost}/${days} 天` : '';

  if (inPost > 0) {
    const team = policy.teams[worker.teamId] ?? { baseFen: 0, bonusFen: 0 };
    const legacy = worker.scheme === 'legacy';
    const fullBase = legacy ? (worker.legacyBaseFen ?? 0) : team.baseFen;
    const fullBonus = legacy ? (worker.legacyBonusFen ?? 0) : team.bonusFen;
    const scheme = legacy ? '老办法原待遇' : '服务队标准';

    // R11: elderly helpers paid per person served have that pay in place of the base wage.
    const perPerson = worker.employmentBasis === 'per_person_served';
    const served = facts.peopleServed ?? 0;
    const baseLike = perPerson ? policy.elderlyHelpRateFen * served : prorate(fullBase, inPost, days);
    if (perPerson) add('elderly_help', baseLike, 'R11', `助老计酬 = ${yuanText(policy.elderlyHelpRateFen)} × 服务 ${served} 人`);
    else add('base', baseLike, legacy ? 'R12' : 'R13', `基本工资 = ${yuanText(fullBase)}（${scheme}）${part}`);

    // R13, R25: the performance bonus follows the month's total; 不合格 earns none.
    const a = facts.assessment;
    let bonus = 0;
    if (a && a.grade !== 'fail') {
      const prorated = prorate(fullBonus, inPost, days);
      bonus = prorate(prorated, a.totalTenths, 1000);
      add('performance', bonus, 'R13', `绩效奖 = ${yuanText(fullBonus)}${part} × ${points(a.totalTenths)} / 100`);
    } else {
      lines.push({ kind: 'performance', amountFen: 0, cash: true, rule: 'R13', explanation: a ? `考核不合格（${points(a.totalTenths)} 分），本月无绩效奖` : '本月无已锁定的考核记录，绩效奖为 0' });
    }

    // R14: base + performance bonus at least the floor; allowances do not count toward it.
    const floor = prorate(policy.floorFen, inPost, days);
    if (baseLike + bonus < floor) {
      add('floor_top_up', floor - baseLike - bonus, 'R14', `保底 ${yuanText(policy.floorFen)}${part} − (基本 ${yuanText(baseLike)} + 绩效 ${yuanText(bonus)})`);
    }

    if (worker.specialPost) {
      const full = policy.specialAllowanceFen[worker.specialPost];
      add('special_allowance', prorate(full, inPost, days), 'R15', `${SPECIAL_POST_LABELS[worker.specialPost].zh}岗位津贴 = ${yuanText(full)}${part}`);
    }
  }

  // R17: festival welfare to workers in post on the festival's day; in-kind value under its cap.
  for (const f of CASH_FESTIVALS) {
    const date = facts.festivalDates[f];
    if (date && date.startsWith(facts.month) && inPostOn(worker.periods, date)) {
      add('welfare', policy.welfareFen[f], 'R17', `${FESTIVAL_LABELS[f].zh}福利（${date}）`);
    }
  }
  if (inPost > 0 && policy.highTemperature.months.includes(Number(facts.month.slice(5, 7)))) {
    const left = Math.max(0, policy.highTemperature.yearCapFen - facts.yearToDate.highTemperatureFen);
    const amount = Math.min(prorate(policy.highTemperature.monthlyFen, inPost, days), left);
    add('high_temperature', amount, 'R17', `高温费 = ${yuanText(policy.highTemperature.monthlyFen)}${part}（全年上限 ${yuanText(policy.highTemperature.yearCapFen)}，已发 ${yuanText(facts.yearToDate.highTemperatureFen)}）`);
  }
  let kindLeft = Math.max(0, policy.inKind.yearCapFen - facts.yearToDate.inKindFen);
  for (const f of IN_KIND_FESTIVALS) {
    const date = facts.festivalDates[f];
    if (date && date.startsWith(facts.month) && inPostOn(worker.periods, date)) {
      const amount = Math.min(policy.inKind.perFestivalFen[f], kindLeft);
      kindLeft -= amount;
      add('in_kind', amount, 'R17', `${FESTIVAL_LABELS[f].zh}实物（${date}，全年上限 ${yuanText(policy.inKind.yearCapFen)}）`, false);
    }
  }

  for (const adj of facts.adjustments ?? []) add('adjustment', adj.amountFen, 'R21', `更正：${adj.reason}`);

  if (inPost > 0) {
    // Prorated like the pay it comes out of, so a few days in post never leave a negative net.
    const deduction = policy.deductionFen[worker.insurance];
    add('deduction', -prorate(deduction, inPost, days), 'R16', `个人社保缴费（${worker.insurance === 'urban_employee' ? '城镇职工社保' : worker.insurance === 'community_comprehensive' ? '社区综合保险' : '未参保'}）= ${yuanText(deduction)}${part}`);
  }
  return summarise(facts.month, inPost, days, lines);
}

export function summarise(month: string, inPost: number, days: number, lines: PayLine[]): MonthPay {
  let gross = 0;
  let deduction = 0;
  let inKind = 0;
  for (const l of lines) {
    if (!l.cash) inKind += l.amountFen;
    else if (l.kind === 'deduction') deduction -= l.amountFen;
    else gross += l.amountFen;
  }
  return { month, daysInPost: inPost, daysInMonth: days, lines, grossFen: gross, deductionFen: deduction, netFen: gross - deduction, inKindFen: inKind };
}

/** What the year-to-date totals become after a month is paid. */
export function advanceYearToDate(ytd: MonthFacts['yearToDate'], pay: MonthPay): MonthFacts['yearToDate'] {
  let heat = ytd.highTemperatureFen;
  let kind = ytd.inKindFen;
  for (const l of pay.lines) {
    if (l.kind === 'high_temperature') heat += l.amountFen;
    if (l.kind === 'in_kind') kind += l.amountFen;
  }
  return { highTemperatureFen: heat, inKindFen: kind };
}

/** The annual base wage: the base (or per-person) lines paid in the year's months. */
export function annualBaseOf(months: readonly { lines: readonly PayLine[] }[]): Fen {
  let sum = 0;
  for (const m of months) for (const l of m.lines) if (l.kind === 'base' || l.kind === 'elderly_help') sum += l.amountFen;
  return sum;
}

/** R19: annual bonus = annual base wage × the grade's percent for the worker's category; 不合格 (or no result) → 0. */
export function annualBonusLine(policy: PayPolicy, category: CategoryCode, outcome: AnnualOutcome | null, annualBaseFen: Fen, year: number): PayLine {
  if (outcome === null || outcome === 'fail') {
    return { kind: 'annual_bonus', amountFen: 0, cash: true, rule: 'R19', explanation: outcome ? `${year} 年度考核不合格，无年度考核奖` : `${year} 年度考核结果未定，无年度考核奖` };
  }
  const bp = policy.annualBonusBp[category][outcome];
  return {
    kind: 'annual_bonus',
    amountFen: prorate(annualBaseFen, bp, 10_000),
    cash: true,
    rule: 'R19',
    explanation: `年度考核奖 = ${year} 年基本工资 ${yuanText(annualBaseFen)} × ${bp / 100}%（${OUTCOME_ZH[outcome]}）`,
  };
}

const OUTCOME_ZH: Record<Exclude<AnnualOutcome, 'fail'>, string> = { excellent: '优秀', pass: '合格', basic_pass: '基本合格' };
