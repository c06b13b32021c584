import type { Labels } from '../staffing/vocabulary.js';

// Words of #7 (payroll) with Chinese and English labels.

/** R17: festivals paid in cash in their month, and the three traditional ones given in kind. */
export const CASH_FESTIVALS = ['new_year', 'spring_festival', 'may_day', 'national_day'] as const;
export type CashFestival = (typeof CASH_FESTIVALS)[number];
export const IN_KIND_FESTIVALS = ['lantern', 'dragon_boat', 'mid_autumn'] as const;
export type InKindFestival = (typeof IN_KIND_FESTIVALS)[number];
export type Festival = CashFestival | InKindFestival;
export const FESTIVAL_LABELS: Labels<Festival> = {
  new_year: { zh: '元旦', en: "New Year's Day" },
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  may_day: { zh: '五一', en: 'May Day' },
  national_day: { zh: '国庆', en: 'National Day' },
  lantern: { zh: '元宵', en: 'Lantern Festival' },
  dragon_boat: { zh: '端午', en: 'Dragon Boat Festival' },
  mid_autumn: { zh: '中秋', en: 'Mid-Autumn Festival' },
};

/** The lines of a payslip, in the order they print. */
export const PAY_LINE_KINDS = [
  'base',
  'elderly_help',
  'performance',
  'floor_top_up',
  'special_allowance',
  'welfare',
  'high_temperature',
  'annual_bonus',
  'adjustment',
  'in_kind',
  'deduction',
] as const;
export type PayLineKind = (typeof PAY_LINE_KINDS)[number];
export const PAY_LINE_LABELS: Labels<PayLineKind> = {
  base: { zh: '基本工资', en: 'Base wage' },
  elderly_help: { zh: '助老计酬', en: 'Elderly-help pay' },
  performance: { zh: '绩效奖', en: 'Performance bonus' },
  floor_top_up: { zh: '保底补足', en: 'Floor top-up' },
  special_allowance: { zh: '特殊岗位津贴', en: 'Special-post allowance' },
  welfare: { zh: '节日福利', en: 'Festival welfare' },
  high_temperature: { zh: '高温费', en: 'High-temperature allowance' },
  annual_bonus: { zh: '年度考核奖', en: 'Annual bonus' },
  adjustment: { zh: '更正调整', en: 'Adjustment' },
  in_kind: { zh: '节日实物（不计现金）', en: 'In kind (not cash)' },
  deduction: { zh: '个人社保缴费', en: 'Personal social insurance' },
};

export const RUN_KINDS = ['monthly', 'annual_bonus'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export const RUN_KIND_LABELS: Labels<RunKind> = {
  monthly: { zh: '月度发放', en: 'Monthly' },
  annual_bonus: { zh: '年度考核奖', en: 'Annual bonus' },
};

/**
 * R21: three sign-offs before any money moves, then the coop releases it. Each daily-managing unit
 * confirms its own workers and each supervising department reviews its own teams; the step is
 * complete when every unit (department) of the run has signed.
 */
export const SIGNOFF_STEPS = ['unit_confirm', 'department_review', 'leader_approve', 'release'] as const;
export type SignoffStep = (typeof SIGNOFF_STEPS)[number];
export const SIGNOFF_STEP_LABELS: Labels<SignoffStep> = {
  unit_confirm: { zh: '日常管理单位确认', en: 'Daily-managing unit confirms' },
  department_review: { zh: '主管部门审核', en: 'Supervising department reviews' },
  leader_approve: { zh: '分管领导审批', en: 'Leader approves' },
  release: { zh: '服务社发放', en: 'Cooperative releases payment' },
};

/** A run's state is the last complete step. */
export const RUN_STATES = ['draft', 'unit_confirmed', 'department_reviewed', 'approved', 'released'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const RUN_STATE_LABELS: Labels<RunState> = {
  draft: { zh: '待确认', en: 'Draft' },
  unit_confirmed: { zh: '单位已确认', en: 'Units confirmed' },
  department_reviewed: { zh: '主管部门已审核', en: 'Reviewed' },
  approved: { zh: '领导已审批', en: 'Approved' },
  released: { zh: '已发放', en: 'Paid' },
};

/** The state a run reaches when `step` completes. */
export const STATE_AFTER: Record<SignoffStep, RunState> = {
  unit_confirm: 'unit_confirmed',
  department_review: 'department_reviewed',
  leader_approve: 'approved',
  release: 'released',
};

/** The step that may be signed in a run's state, or null when none is left. */
export function nextStep(state: RunState): SignoffStep | null {
  const i = RUN_STATES.indexOf(state);
  return SIGNOFF_STEPS[i] ?? null;
}
