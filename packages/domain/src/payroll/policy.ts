import type { IsoDate } from '../dates.js';
import type { Fen } from '../money.js';
import type { CategoryCode } from '../org/vocabulary.js';
import { ruleValue } from '../rules/rule-values.js';
import type { Insurance, SpecialPost } from '../workers/vocabulary.js';
import { INSURANCE_KINDS, SPECIAL_POSTS } from '../workers/vocabulary.js';
import type { CashFestival, InKindFestival } from './vocabulary.js';
import { CASH_FESTIVALS, IN_KIND_FESTIVALS } from './vocabulary.js';

// A town's pay policy (#7 part 1): one version is in force from its date until the next one.
// Every amount is integer fen; percents are basis points (100 = 1%). The notice's limits (the
// 1570 floor, R17's caps, R19's ranges) are rule values a version is checked against, so a
// version can be stricter than the notice but never looser.

export interface TeamPay {
  /** R13: monthly base wage for the basic duties. */
  baseFen: Fen;
  /** R13: the monthly performance bonus at 100 points, scaled by the month's total. */
  bonusFen: Fen;
}

/** Annual bonus percent per passing grade, in basis points; 不合格 gets none (R19). */
export interface GradePercents {
  excellent: number;
  pass: number;
  basic_pass: number;
}

export interface PayPolicy {
  /** R14: base + performance bonus per month at least this (prorated for part months). */
  floorFen: Fen;
  /** Per team id. A team without an entry is paid nothing until the policy names it. */
  teams: Record<string, TeamPay>;
  /** R15: monthly allowance per special post. */
  specialAllowanceFen: Record<SpecialPost, Fen>;
  /** R11: elderly-help pay per person served per month (workers paid per person served). */
  elderlyHelpRateFen: Fen;
  /** R17: cash welfare, paid in the festival's month to workers in post on the day. */
  welfareFen: Record<CashFestival, Fen>;
  /** R17: high-temperature allowance: months (1–12), monthly amount, yearly cap. */
  highTemperature: { months: number[]; monthlyFen: Fen; yearCapFen: Fen };
  /** R17: traditional festivals in kind, value each and yearly cap. */
  inKind: { perFestivalFen: Record<InKindFestival, Fen>; yearCapFen: Fen };
  /** R19: annual bonus percent per grade, per category. */
  annualBonusBp: Record<CategoryCode, GradePercents>;
  /** #7 part 5: the month (1–12) the annual bonus run pays in. */
  annualBonusMonth: number;
  /** #7 part 3: personal social-insurance contribution deducted each month, per insurance kind. */
  deductionFen: Record<Insurance, Fen>;
}

/** A policy for a town that has set nothing yet: the notice's values and zero team amounts. */
export function defaultPolicy(on: IsoDate, teamIds: readonly string[] = []): PayPolicy {
  const range = ruleValue('pay.annualBonusRangeBp', on);
  // Every grade inside R19's range: 优秀 at its top, 合格 at half of it (whole percents), 基本合格 at its bottom.
  const percents = (r: { min: number; max: number }): GradePercents => ({ excellent: r.max, pass: Math.round(r.max / 2 / 100) * 100, basic_pass: r.min });
  const heatMonths = ruleValue('pay.highTemperatureMonths', on);
  const heatCap = ruleValue('pay.highTemperatureYearCapFen', on);
  const kindCap = ruleValue('pay.inKindYearCapFen', on);
  // R17's caps spread evenly over the months and festivals they cover.
  const perFestival = Math.floor(kindCap / IN_KIND_FESTIVALS.length);
  return {
    floorFen: ruleValue('pay.floorFen', on),
    teams: Object.fromEntries(teamIds.map((id) => [id, { baseFen: 0, bonusFen: 0 }])),
    specialAllowanceFen: { community_security: 0, sanitation: 0, pump_station: 0 },
    elderlyHelpRateFen: 0,
    welfareFen: { ...ruleValue('pay.welfareFen', on) },
    highTemperature: { months: [...heatMonths], monthlyFen: Math.floor(heatCap / Math.max(1, heatMonths.length)), yearCapFen: heatCap },
    inKind: { perFestivalFen: { lantern: perFestival, dragon_boat: perFestival, mid_autumn: perFestival }, yearCapFen: kindCap },
    annualBonusBp: { social_coordination: percents(range.social_coordination), public_service: percents(range.public_service) },
    annualBonusMonth: ruleValue('pay.annualBonusMonth', on),
    deductionFen: { urban_employee: 0, community_comprehensive: 0, none: 0 },
  };
}

export type PolicyProblem =
  | { field: string; kind: 'floor_below_rule'; minFen: Fen }
  | { field: string; kind: 'negative' }
  | { field: string; kind: 'not_integer' }
  | { field: string; kind: 'over_cap'; capFen: Fen }
  | { field: string; kind: 'bonus_out_of_range'; minBp: number; maxBp: number }
  | { field: string; kind: 'bad_month' }
  | { field: string; kind: 'deduction_over_floor'; floorFen: Fen };

const MAX_FEN = 100_000_000; // one million yuan: far above any monthly amount, below float trouble

/** Every problem of a policy version in force from `on`, each naming its field path. */
export function checkPolicy(p: PayPolicy, on: IsoDate): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const amount = (field: string, fen: Fen) => {
    if (!Number.isSafeInteger(fen) || fen > MAX_FEN) problems.push({ field, kind: 'not_integer' });
    else if (fen < 0) problems.push({ field, kind: 'negative' });
  };
  amount('floorFen', p.floorFen);
  const minFloor = ruleValue('pay.floorFen', on);
  if (p.floorFen < minFloor) problems.push({ field: 'floorFen', kind: 'floor_below_rule', minFen: minFloor });
  for (const [id, t] of Object.entries(p.teams)) {
    amount(`teams.${id}.baseFen`, t.baseFen);
    amount(`teams.${id}.bonusFen`, t.bonusFen);
  }
  for (const s of SPECIAL_POSTS) amount(`specialAllowanceFen.${s}`, p.specialAllowanceFen[s]);
  amount('elderlyHelpRateFen', p.elderlyHelpRateFen);
  for (const f of CASH_FESTIVALS) amount(`welfareFen.${f}`, p.welfareFen[f]);
  amount('highTemperature.monthlyFen', p.highTemperature.monthlyFen);
  amount('highTemperature.yearCapFen', p.highTemperature.yearCapFen);
  const heatCap = ruleValue('pay.highTemperatureYearCapFen', on);
  if (p.highTemperature.yearCapFen > heatCap) problems.push({ field: 'highTemperature.yearCapFen', kind: 'over_cap', capFen: heatCap });
  if (p.highTemperature.months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) problems.push({ field: 'highTemperature.months', kind: 'bad_month' });
  for (const f of IN_KIND_FESTIVALS) amount(`inKind.perFestivalFen.${f}`, p.inKind.perFestivalFen[f]);
  amount('inKind.yearCapFen', p.inKind.yearCapFen);
  const kindCap = ruleValue('pay.inKindYearCapFen', on);
  if (p.inKind.yearCapFen > kindCap) problems.push({ field: 'inKind.yearCapFen', kind: 'over_cap', capFen: kindCap });
  const ranges = ruleValue('pay.annualBonusRangeBp', on);
  for (const category of Object.keys(ranges) as CategoryCode[]) {
    const r = ranges[category];
    for (const grade of ['excellent', 'pass', 'basic_pass'] as const) {
      const bp = p.annualBonusBp[category][grade];
      if (!Number.isInteger(bp) || bp < r.min || bp > r.max) problems.push({ field: `annualBonusBp.${category}.${grade}`, kind: 'bonus_out_of_range', minBp: r.min, maxBp: r.max });
    }
  }
  if (!Number.isInteger(p.annualBonusMonth) || p.annualBonusMonth < 1 || p.annualBonusMonth > 12) problems.push({ field: 'annualBonusMonth', kind: 'bad_month' });
  for (const i of INSURANCE_KINDS) {
    amount(`deductionFen.${i}`, p.deductionFen[i]);
    // The floor is paid to anyone in post, so a deduction within it never leaves a negative net.
    if (p.floorFen >= minFloor && p.deductionFen[i] > p.floorFen) problems.push({ field: `deductionFen.${i}`, kind: 'deduction_over_floor', floorFen: p.floorFen });
  }
  return problems;
}

const yuan = (fen: Fen) => (fen / 100).toFixed(2);
const percent = (bp: number) => `${bp / 100}%`;

/** A policy problem as a Chinese sentence saying what is wrong and what to do. */
export function policyProblemText(p: PolicyProblem): { zh: string; en: string } {
  switch (p.kind) {
    case 'floor_below_rule':
      return { zh: `月收入保底不得低于 ${yuan(p.minFen)} 元（R14）。请改为不低于该金额。`, en: `The monthly floor may not be below ${yuan(p.minFen)} yuan (R14).` };
    case 'negative':
      return { zh: '金额不能为负数。请填写 0 或正数。', en: 'Amounts may not be negative.' };
    case 'not_integer':
      return { zh: '金额须为分的整数且不超过 100 万元。请检查金额。', en: 'Amounts must be whole fen and at most one million yuan.' };
    case 'over_cap':
      return { zh: `每人每年合计不得超过 ${yuan(p.capFen)} 元（R17）。请调低上限。`, en: `At most ${yuan(p.capFen)} yuan a person a year (R17).` };
    case 'bonus_out_of_range':
      return { zh: `年度考核奖比例须在 ${percent(p.minBp)}–${percent(p.maxBp)} 之间（R19）。请在此范围内选择。`, en: `The annual bonus percent must lie between ${percent(p.minBp)} and ${percent(p.maxBp)} (R19).` };
    case 'bad_month':
      return { zh: '月份须为 1–12。', en: 'Months are 1–12.' };
    case 'deduction_over_floor':
      return { zh: `个人社保缴费不能高于月收入保底 ${yuan(p.floorFen)} 元，否则实发可能为负数。请核对金额。`, en: `A deduction may not exceed the floor of ${yuan(p.floorFen)} yuan.` };
  }
}
