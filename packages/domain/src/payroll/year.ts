import type { IsoDate } from '../dates.js';
import type { Fen } from '../money.js';
import type { AnnualOutcome } from '../staffing/vocabulary.js';
import type { MonthPay, PayLine, WorkerPay } from './calc.js';
import { advanceYearToDate, annualBaseOf, annualBonusLine, computeMonth, summarise } from './calc.js';
import type { PayPolicy } from './policy.js';
import type { Festival } from './vocabulary.js';

// A worker's whole year (#7 part 6, the what-if): each month through `computeMonth`, the yearly
// caps carried from month to month, and the annual bonus added in the policy's bonus month.

export interface YearFacts {
  year: number;
  /** Monthly totals in tenths per month number (1–12); missing = no locked assessment. */
  monthlyTotalsTenths: Partial<Record<number, number>>;
  peopleServed: Partial<Record<number, number>>;
  festivalDates: Partial<Record<Festival, IsoDate>>;
  annualOutcome: AnnualOutcome | null;
  /** Grades the monthly totals by the dated bands (assessment/scoring.ts). */
  gradeOf: (totalTenths: number) => AnnualOutcome;
}

export interface YearPay {
  months: MonthPay[];
  annualBonus: PayLine;
  totalNetFen: Fen;
}

export function computeYear(policyFor: (month: string) => PayPolicy, worker: WorkerPay, facts: YearFacts): YearPay {
  let ytd = { highTemperatureFen: 0, inKindFen: 0 };
  const months: MonthPay[] = [];
  let annualBonus: PayLine | null = null;
  for (let m = 1; m <= 12; m++) {
    const month = `${facts.year}-${String(m).padStart(2, '0')}`;
    const policy = policyFor(month);
    const total = facts.monthlyTotalsTenths[m];
    let pay = computeMonth(policy, worker, {
      month,
      assessment: total === undefined ? null : { totalTenths: total, grade: facts.gradeOf(total) },
      peopleServed: facts.peopleServed[m] ?? null,
      festivalDates: facts.festivalDates,
      yearToDate: ytd,
    });
    // Paid once, in the first month that has reached the bonus month of the version in force: a
    // version change mid-year must neither skip the bonus nor pay it twice.
    if (annualBonus === null && m >= policy.annualBonusMonth) {
      // R19: the year's base wage is every month's, so the bonus month counts all twelve.
      const base = annualBaseOf(months) + annualBaseOf([pay]) + plannedBaseAfter(policyFor, worker, facts, m);
      annualBonus = annualBonusLine(policy, worker.categoryCode, facts.annualOutcome, base, facts.year);
      if (annualBonus.amountFen !== 0) pay = summarise(month, pay.daysInPost, pay.daysInMonth, [...pay.lines, annualBonus]);
    }
    ytd = advanceYearToDate(ytd, pay);
    months.push(pay);
  }
  return { months, annualBonus: annualBonus ?? annualBonusLine(policyFor(`${facts.year}-12`), worker.categoryCode, null, 0, facts.year), totalNetFen: months.reduce((s, p) => s + p.netFen, 0) };
}

/** Base wage of the months after the bonus month (zero when the bonus is paid in December). */
function plannedBaseAfter(policyFor: (month: string) => PayPolicy, worker: WorkerPay, facts: YearFacts, bonusMonth: number): Fen {
  let sum = 0;
  for (let m = bonusMonth + 1; m <= 12; m++) {
    const month = `${facts.year}-${String(m).padStart(2, '0')}`;
    const pay = computeMonth(policyFor(month), worker, { month, assessment: null, peopleServed: facts.peopleServed[m] ?? null, festivalDates: {}, yearToDate: { highTemperatureFen: 0, inKindFen: 0 } });
    sum += annualBaseOf([pay]);
  }
  return sum;
}
