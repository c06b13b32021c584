import type { Fen } from '../money.js';
import type { CategoryCode } from '../org/vocabulary.js';
import type { PayPolicy } from '../payroll/policy.js';
import { CASH_FESTIVALS } from '../payroll/vocabulary.js';

// #8 part 4 (R22, R18): a year's planned personnel cost per team from headcount × the pay policy —
// twelve months of base wage and the performance bonus at full score, the special-post allowances,
// cash festival welfare, the high-temperature allowance under its cap and the annual bonus at the
// 合格 percent — and the shortfall the town pays: planned spending less what city and district give.

export interface TeamPlan {
  teamId: string;
  categoryCode: CategoryCode;
  headcount: number;
  /** Workers on each special post in the team (R15). */
  specialPosts: Partial<Record<keyof PayPolicy['specialAllowanceFen'], number>>;
}

export function plannedPersonnelCost(policy: PayPolicy, team: TeamPlan): Fen {
  const pay = policy.teams[team.teamId] ?? { baseFen: 0, bonusFen: 0 };
  const welfare = CASH_FESTIVALS.reduce((s, f) => s + policy.welfareFen[f], 0);
  const heat = Math.min(policy.highTemperature.months.length * policy.highTemperature.monthlyFen, policy.highTemperature.yearCapFen);
  const bonus = Math.round((12 * pay.baseFen * policy.annualBonusBp[team.categoryCode].pass) / 10_000);
  const perHead = 12 * (pay.baseFen + pay.bonusFen) + welfare + heat + bonus;
  let allowances = 0;
  for (const [post, count] of Object.entries(team.specialPosts)) allowances += 12 * (policy.specialAllowanceFen[post as keyof PayPolicy['specialAllowanceFen']] ?? 0) * (count ?? 0);
  return team.headcount * perHead + allowances;
}

/** R22: what the town pays when city and district money does not cover the year's spending (never negative). */
export function shortfall(plannedSpendingFen: Fen, expectedReceiptsFen: Fen): Fen {
  return Math.max(0, plannedSpendingFen - expectedReceiptsFen);
}
