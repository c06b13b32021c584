import type { IsoDate } from '../dates.js';

// Every rule value of the notice and of the law is effective-dated data read through `ruleValue`,
// never a literal in code. A value changes by adding a dated version here (or, later, a town's own
// version in its settings); the code that applies it does not change.

/** Statutory retirement: the age before a reform, and the gradual raise by month of birth. */
export interface RetirementRule {
  /** Base age in years. */
  baseYears: number;
  /** People born in this month or later retire later (the 2025 reform); null = no raise. */
  raiseFromBirthMonth: string | null;
  /** One more month of age for every `stepMonths` months of birth after raiseFromBirthMonth… */
  stepMonths: number;
  /** …up to this many months in all. */
  maxRaiseMonths: number;
}

/** Lowest monthly or annual score (in points) for each grade; below basic_pass is 不合格. */
export interface GradeBands {
  excellent: number;
  pass: number;
  basic_pass: number;
}

export interface RuleValues {
  /** R6: an agreement's default term, in months. */
  'agreement.termMonths': number;
  /** R6: agreements expiring within these many days are listed (the 30/60/90 filters). */
  'agreement.expiryWindows': readonly number[];
  /** #5 part 4: workers reaching statutory age within this many days are listed. */
  'retirement.noticeDays': number;
  /** Statutory retirement ages; women in public-welfare posts retire at the worker (工人) age. */
  'retirement.male': RetirementRule;
  'retirement.female': RetirementRule;
  /** R25: grade bands of the monthly and annual assessment. */
  'assessment.gradeBands': GradeBands;
  /** R25, R4: the community's share of a worker's monthly total where the team's communities hold one (a team may set its own). */
  'assessment.communitySharePercent': number;
  /** R23: points taken off the monthly total per day of absence, unless the team's template sets its own. */
  'assessment.absencePointsPerDay': number;
  /** #6 part 4: a month's sheet is due on this day of the next month. */
  'assessment.dueDay': number;
  /** R14: the lowest monthly base wage + performance bonus a pay policy may set (the notice's 1570 yuan), in fen. */
  'pay.floorFen': number;
  /** R19: the annual bonus range per category, in basis points of the annual base wage (100 = 1%). */
  'pay.annualBonusRangeBp': Record<'social_coordination' | 'public_service', { min: number; max: number }>;
  /** R17: the high-temperature allowance per person and year at most, in fen. */
  'pay.highTemperatureYearCapFen': number;
  /** R17: the three traditional festivals in kind per person and year at most, in fen. */
  'pay.inKindYearCapFen': number;
  /** R17: the cash welfare of each festival, in fen (defaults of a new policy). */
  'pay.welfareFen': Record<'new_year' | 'may_day' | 'national_day' | 'spring_festival', number>;
  /** R17 default: months the high-temperature allowance is paid. */
  'pay.highTemperatureMonths': readonly number[];
  /** #7 part 5 default: the month of the annual bonus run. */
  'pay.annualBonusMonth': number;
  /** #13 item 15: the most one manual line or correction on one worker's slip may add or take off, in fen. */
  'pay.lineMaxFen': number;
}
export type RuleKey = keyof RuleValues;

interface Version<K extends RuleKey> {
  validFrom: IsoDate;
  value: RuleValues[K];
  /** Where the value comes from. */
  source: string;
}

type Table = { [K in RuleKey]: readonly Version<K>[] };

const NO_RAISE = { raiseFromBirthMonth: null, stepMonths: 1, maxRaiseMonths: 0 };
const REFORM_2025 = '全国人大常委会关于实施渐进式延迟法定退休年龄的决定（2024-09-13，2025-01-01 起施行）';

export const RULE_VALUES: Table = {
  'agreement.termMonths': [{ validFrom: '2012-01-01', value: 12, source: '松府办〔2012〕100号：签订一年期上岗协议（R6）' }],
  'agreement.expiryWindows': [{ validFrom: '2012-01-01', value: [30, 60, 90], source: '到期提醒' }],
  'retirement.noticeDays': [{ validFrom: '2012-01-01', value: 90, source: '退休提醒' }],
  'retirement.male': [
    { validFrom: '1978-06-02', value: { baseYears: 60, ...NO_RAISE }, source: '国发〔1978〕104号' },
    { validFrom: '2025-01-01', value: { baseYears: 60, raiseFromBirthMonth: '1965-01', stepMonths: 4, maxRaiseMonths: 36 }, source: REFORM_2025 },
  ],
  'assessment.gradeBands': [{ validFrom: '2012-01-01', value: { excellent: 90, pass: 75, basic_pass: 60 }, source: '默认等次：优秀≥90，合格≥75，基本合格≥60，不合格<60（R25，由领导小组核定）' }],
  'assessment.communitySharePercent': [{ validFrom: '2012-01-01', value: 30, source: '村居考核占比默认30%（R25）' }],
  'assessment.absencePointsPerDay': [{ validFrom: '2012-01-01', value: 5, source: '旷工每日扣5分（默认，服务队考勤制度可另定，R23）' }],
  'assessment.dueDay': [{ validFrom: '2012-01-01', value: 10, source: '次月10日前报送（#6）' }],
  'pay.floorFen': [{ validFrom: '2012-01-01', value: 157000, source: '松府办〔2012〕100号：月收入（基本工资+绩效奖）不低于1570元（R14）' }],
  'pay.annualBonusRangeBp': [
    { validFrom: '2012-01-01', value: { social_coordination: { min: 200, max: 2500 }, public_service: { min: 200, max: 2800 } }, source: '松府办〔2012〕100号：年度考核奖为年基本工资的2%–25%（社会协管类）、2%–28%（公共服务类）（R19）' },
  ],
  'pay.highTemperatureYearCapFen': [{ validFrom: '2012-01-01', value: 100000, source: '松府办〔2012〕100号：高温（冷饮）费每人每年不超过1000元（R17）' }],
  'pay.inKindYearCapFen': [{ validFrom: '2012-01-01', value: 30000, source: '松府办〔2012〕100号：元宵、端午、中秋三节实物合计不超过300元（R17）' }],
  'pay.welfareFen': [{ validFrom: '2012-01-01', value: { new_year: 20000, may_day: 20000, national_day: 20000, spring_festival: 50000 }, source: '松府办〔2012〕100号：元旦、五一、国庆各200元，春节500元（R17）' }],
  'pay.highTemperatureMonths': [{ validFrom: '2012-01-01', value: [6, 7, 8, 9], source: '默认6–9月发放高温费（R17）' }],
  'pay.annualBonusMonth': [{ validFrom: '2012-01-01', value: 12, source: '默认12月发放年度考核奖（#7）' }],
  'pay.lineMaxFen': [{ validFrom: '2012-01-01', value: 2_000_000, source: '单笔手工调整或更正不超过2万元（约一年保底收入 12×1570 元），更大的差额应重新核算（#13）' }],
  'retirement.female': [
    { validFrom: '1978-06-02', value: { baseYears: 50, ...NO_RAISE }, source: '国发〔1978〕104号（女职工）' },
    { validFrom: '2025-01-01', value: { baseYears: 50, raiseFromBirthMonth: '1975-01', stepMonths: 2, maxRaiseMonths: 60 }, source: REFORM_2025 },
  ],
};

/**
 * A date before the first version of a rule value: the request asks about a time the rules do
 * not cover (#13 item 14). The server answers it as a 422 naming the date that was sent.
 */
export class NoRuleInForceError extends Error {
  constructor(
    readonly key: RuleKey,
    readonly on: IsoDate,
    /** The first day any version applies. */
    readonly firstValidFrom: IsoDate,
  ) {
    super(`rule value ${key} has no version in force on ${on}`);
  }
}

/** The value of `key` in force on `on`. Throws NoRuleInForceError when the date precedes every version. */
export function ruleValue<K extends RuleKey>(key: K, on: IsoDate, table: Table = RULE_VALUES): RuleValues[K] {
  const versions = table[key] as readonly Version<K>[];
  let found: Version<K> | undefined;
  for (const v of versions) if (v.validFrom <= on && (!found || v.validFrom >= found.validFrom)) found = v;
  if (!found) throw new NoRuleInForceError(key, on, versions.map((v) => v.validFrom).sort()[0] ?? on);
  return found.value;
}
