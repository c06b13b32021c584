import type { GradeBands } from '../rules/rule-values.js';
import { isPassing, type AnnualOutcome } from '../staffing/vocabulary.js';
import { gradeOf } from './scoring.js';

// #6 part 6, R25, R8: the annual assessment is the mean of the locked monthly totals of the
// months the worker was in post; the leadership group may move the grade one step with a written
// reason. Pass is 合格 or better.

const ORDER: AnnualOutcome[] = ['fail', 'basic_pass', 'pass', 'excellent'];

export interface AnnualDecision {
  /** −1, 0 or +1 grade steps. */
  step: -1 | 0 | 1;
  reason: string;
}

export interface AnnualAssessment {
  months: number;
  meanTenths: number | null;
  computed: AnnualOutcome | null;
  final: AnnualOutcome | null;
  pass: boolean;
}

export function annualAssessment(monthlyTotalsTenths: readonly number[], bands: GradeBands, decision: AnnualDecision = { step: 0, reason: '' }): AnnualAssessment {
  if (monthlyTotalsTenths.length === 0) return { months: 0, meanTenths: null, computed: null, final: null, pass: false };
  const meanTenths = Math.round(monthlyTotalsTenths.reduce((s, t) => s + t, 0) / monthlyTotalsTenths.length);
  const computed = gradeOf(meanTenths, bands);
  const index = Math.min(ORDER.length - 1, Math.max(0, ORDER.indexOf(computed) + decision.step));
  const final = ORDER[index]!;
  return { months: monthlyTotalsTenths.length, meanTenths, computed, final, pass: isPassing(final) };
}
