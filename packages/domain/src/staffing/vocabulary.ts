// Words of #5 (headcount, hiring, exits, agreements) with their Chinese and English labels.

export type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const HIRING_KINDS = ['hire', 'transfer'] as const;
export type HiringKind = (typeof HIRING_KINDS)[number];
export const HIRING_KIND_LABELS: Labels<HiringKind> = {
  hire: { zh: '新招录', en: 'New hire' },
  transfer: { zh: '调队', en: 'Transfer' },
};

/** requested → approved (holds a vacancy) → completed when the agreement is filed; or rejected / cancelled. */
export const HIRING_STATES = ['requested', 'approved', 'rejected', 'completed', 'cancelled'] as const;
export type HiringState = (typeof HIRING_STATES)[number];
export const HIRING_STATE_LABELS: Labels<HiringState> = {
  requested: { zh: '待审批', en: 'Awaiting approval' },
  approved: { zh: '已批准（待签协议）', en: 'Approved (agreement pending)' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  completed: { zh: '已上岗', en: 'Completed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

export const PROPOSAL_STATES = ['pending', 'approved', 'rejected'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const PROPOSAL_STATE_LABELS: Labels<ProposalState> = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已核定', en: 'Approved' },
  rejected: { zh: '未核准', en: 'Rejected' },
};

/** R9: the notice's third parameter of a quota proposal. */
export const COMPLEXITY_LEVELS = ['low', 'medium', 'high'] as const;
export type Complexity = (typeof COMPLEXITY_LEVELS)[number];
export const COMPLEXITY_LABELS: Labels<Complexity> = {
  low: { zh: '一般', en: 'Low' },
  medium: { zh: '较复杂', en: 'Medium' },
  high: { zh: '复杂', en: 'High' },
};

/** The annual assessment's grade (#6 writes it; R8 reads it). A pass is 合格 or better (#6 part 6). */
export const ANNUAL_OUTCOMES = ['excellent', 'pass', 'basic_pass', 'fail'] as const;
export type AnnualOutcome = (typeof ANNUAL_OUTCOMES)[number];
export const ANNUAL_OUTCOME_LABELS: Labels<AnnualOutcome> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  pass: { zh: '合格', en: 'Pass' },
  basic_pass: { zh: '基本合格', en: 'Basic pass' },
  fail: { zh: '不合格', en: 'Fail' },
};
export function isPassing(outcome: AnnualOutcome): boolean {
  return outcome === 'excellent' || outcome === 'pass';
}

/** How a dismissal is grounded (#5 part 4): a clause of the team's approved rules, or the supervising department's approval. */
export const DISMISSAL_BASES = ['team_rule', 'department_approval'] as const;
export type DismissalBasis = (typeof DISMISSAL_BASES)[number];
export const DISMISSAL_BASIS_LABELS: Labels<DismissalBasis> = {
  team_rule: { zh: '依据服务队经批准的管理制度', en: "Under the team's approved rules" },
  department_approval: { zh: '经主管部门批准', en: 'Approved by the supervising department' },
};
