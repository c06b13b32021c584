// The worker registry's vocabulary (#4) with the labels the console and the import use.

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const EDUCATION_LEVELS = ['primary', 'junior_high', 'senior_high', 'vocational', 'college', 'bachelor', 'postgraduate'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LABELS: Labels<Education> = {
  primary: { zh: '小学', en: 'Primary' },
  junior_high: { zh: '初中', en: 'Junior high' },
  senior_high: { zh: '高中', en: 'Senior high' },
  vocational: { zh: '中专', en: 'Vocational' },
  college: { zh: '大专', en: 'College' },
  bachelor: { zh: '本科', en: 'Bachelor' },
  postgraduate: { zh: '研究生', en: 'Postgraduate' },
};

/** R15: posts that carry a special-post allowance. */
export const SPECIAL_POSTS = ['community_security', 'sanitation', 'pump_station'] as const;
export type SpecialPost = (typeof SPECIAL_POSTS)[number];
export const SPECIAL_POST_LABELS: Labels<SpecialPost> = {
  community_security: { zh: '社区治安', en: 'Community security' },
  sanitation: { zh: '环卫保洁', en: 'Sanitation cleaning' },
  pump_station: { zh: '圩区泵站', en: 'Polder pump station' },
};

/** R16: social insurance of a post. */
export const INSURANCE_KINDS = ['urban_employee', 'community_comprehensive', 'none'] as const;
export type Insurance = (typeof INSURANCE_KINDS)[number];
export const INSURANCE_LABELS: Labels<Insurance> = {
  urban_employee: { zh: '城镇职工社会保险', en: 'Urban employee insurance' },
  community_comprehensive: { zh: '社区综合保险', en: 'Community comprehensive insurance' },
  none: { zh: '未参保', en: 'None' },
};

/** R12: old people, old method; new people, new method. */
export const PAY_SCHEMES = ['standard', 'legacy'] as const;
export type PayScheme = (typeof PAY_SCHEMES)[number];
export const PAY_SCHEME_LABELS: Labels<PayScheme> = {
  standard: { zh: '新办法（标准）', en: 'Standard' },
  legacy: { zh: '老办法（原待遇）', en: 'Legacy' },
};

/** R11: what counts as full-time. */
export const EMPLOYMENT_BASES = ['full_time', 'workload', 'per_person_served'] as const;
export type EmploymentBasis = (typeof EMPLOYMENT_BASES)[number];
export const EMPLOYMENT_BASIS_LABELS: Labels<EmploymentBasis> = {
  full_time: { zh: '全日制', en: 'Full-time' },
  workload: { zh: '完成规定工作量（视同全日制）', en: 'Prescribed workload (counts as full-time)' },
  per_person_served: { zh: '按服务人数计酬（助老）', en: 'Per person served (elderly help)' },
};

export const POST_STATUSES = ['active', 'suspended', 'exited'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const POST_STATUS_LABELS: Labels<PostStatus> = {
  active: { zh: '在岗', en: 'Active' },
  suspended: { zh: '暂停', en: 'Suspended' },
  exited: { zh: '离岗', en: 'Exited' },
};

export const EXIT_REASONS = ['resignation', 'dismissal', 'not_renewed', 'retirement', 'death', 'transfer'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
export const EXIT_REASON_LABELS: Labels<ExitReason> = {
  resignation: { zh: '辞职', en: 'Resignation' },
  dismissal: { zh: '辞退', en: 'Dismissal' },
  not_renewed: { zh: '协议到期不续签', en: 'Agreement not renewed' },
  retirement: { zh: '退休', en: 'Retirement' },
  death: { zh: '死亡', en: 'Death' },
  transfer: { zh: '调动', en: 'Transfer' },
};

/** Roster flags a clerk filters by. */
export const WORKER_FLAGS = ['special_post', 'field_or_hazardous', 'insurance_gap', 'off_roster', 'legacy_pay', 'shared_contact'] as const;
export type WorkerFlag = (typeof WORKER_FLAGS)[number];
export const WORKER_FLAG_LABELS: Labels<WorkerFlag> = {
  special_post: { zh: '特殊岗位', en: 'Special post' },
  field_or_hazardous: { zh: '野外/危险作业', en: 'Field or hazardous' },
  insurance_gap: { zh: '缺社区综合保险（R16）', en: 'Missing comprehensive insurance (R16)' },
  off_roster: { zh: '编外', en: 'Off-roster' },
  legacy_pay: { zh: '老办法待遇', en: 'Legacy pay' },
  shared_contact: { zh: '电话或银行卡与他人重复（待核查）', en: 'Phone or bank account shared with another person' },
};

/** R16: field or hazardous work without community comprehensive insurance is flagged. */
export function hasInsuranceGap(post: { fieldOrHazardous: boolean; insurance: Insurance }): boolean {
  return post.fieldOrHazardous && post.insurance !== 'community_comprehensive';
}
