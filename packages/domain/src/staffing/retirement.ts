import { daysInMonth, type IsoDate } from '../dates.js';
import { ruleValue, type RetirementRule } from '../rules/rule-values.js';

// Statutory retirement (#5 part 4). The 2025 reform raises the age gradually by month of birth:
// men from 60 by one month per four months of birth from January 1965 (to 63), women workers from
// 50 by one month per two months of birth from January 1975 (to 55). The rule is dated data
// (rules/rule-values.ts); this file only does the arithmetic.

function monthIndex(yyyyMm: string): number {
  return Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
}

/** Months of age at which someone born on `birthDate` retires under `rule`. */
export function retirementAgeMonths(birthDate: IsoDate, rule: RetirementRule): number {
  const base = rule.baseYears * 12;
  if (!rule.raiseFromBirthMonth) return base;
  const after = monthIndex(birthDate.slice(0, 7)) - monthIndex(rule.raiseFromBirthMonth);
  if (after < 0) return base;
  return base + Math.min(rule.maxRaiseMonths, Math.floor(after / rule.stepMonths) + 1);
}

function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const index = monthIndex(date.slice(0, 7)) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The day a person reaches statutory retirement age. The rule applied is the one in force on the
 * day they would retire under the old age (so the reform applies to everyone retiring from 2025).
 */
export function retirementDate(birthDate: IsoDate, sex: 'male' | 'female'): IsoDate {
  const key = sex === 'male' ? 'retirement.male' : 'retirement.female';
  const oldRule = ruleValue(key, '1978-06-02');
  const oldDate = addMonthsClamped(birthDate, oldRule.baseYears * 12);
  const rule = ruleValue(key, oldDate < '1978-06-02' ? '1978-06-02' : oldDate);
  return addMonthsClamped(birthDate, retirementAgeMonths(birthDate, rule));
}

/** Adds whole months, keeping the day where the month has it (Jan 31 + 1 month = Feb 28/29). */
export { addMonthsClamped as addMonths };
