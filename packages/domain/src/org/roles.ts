// Roles and scopes (#3). A user holds grants; a grant is a role within a scope.

export const ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'leader',
  'leadership_office',
  'town_hr',
  'finance',
  'coop_admin',
  'supervising_dept',
  'daily_manager',
  'community_manager',
  'supervision',
  'worker',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
  leader: { zh: '分管领导', en: 'Leader in charge' },
  leadership_office: { zh: '领导小组办公室', en: 'Leadership group office' },
  town_hr: { zh: '镇人事部门', en: 'Town HR' },
  finance: { zh: '财政所', en: 'Finance office' },
  coop_admin: { zh: '服务社管理员', en: 'Cooperative administrator' },
  supervising_dept: { zh: '主管部门', en: 'Supervising department' },
  daily_manager: { zh: '日常管理单位', en: 'Daily-managing unit' },
  community_manager: { zh: '村居网格管理员', en: 'Community grid manager' },
  supervision: { zh: '监察室', en: 'Supervision office' },
  worker: { zh: '从业人员（本人）', en: 'Worker (self-service)' },
};

/** 三权分立: no account may hold two of these. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const SCOPE_KINDS = ['town', 'coop', 'department', 'team', 'community', 'self'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const SCOPE_LABELS: Record<ScopeKind, { zh: string; en: string }> = {
  town: { zh: '全镇', en: 'Whole town' },
  coop: { zh: '服务社', en: 'Cooperative' },
  department: { zh: '部门', en: 'Department' },
  team: { zh: '服务队', en: 'Team' },
  community: { zh: '村居', en: 'Community' },
  self: { zh: '本人', en: 'Self' },
};

/** The scope each role is granted in; a grant in another scope kind is refused. */
export const ROLE_SCOPES: Record<Role, readonly ScopeKind[]> = {
  system_admin: ['town'],
  security_admin: ['town'],
  audit_admin: ['town'],
  leader: ['town'],
  leadership_office: ['town'],
  town_hr: ['town'],
  finance: ['town'],
  coop_admin: ['coop'],
  supervising_dept: ['department'],
  daily_manager: ['department'],
  community_manager: ['community'],
  supervision: ['town'],
  worker: ['self'],
};

/** What a user may do. Each route names one action; the policy maps roles to actions. */
export const ACTIONS = [
  'org.read',
  'org.manage',
  'town.create',
  'user.read',
  'user.manage',
  'settings.security',
  'audit.read',
  'audit.export',
  'worker.read',
  'worker.manage',
  'worker.reveal',
  'worker.export',
  'worker.import',
  'worker.exit',
  'quota.read',
  'quota.manage',
  'quota.propose',
  'hiring.read',
  'hiring.request',
  'hiring.approve',
  'agreement.read',
  'agreement.manage',
  'agreement.witness',
  'annual_result.manage',
  'assessment.read',
  'assessment.enter',
  'assessment.community',
  'assessment.review',
  'assessment.template.manage',
  'assessment.template.approve',
  'assessment.annual',
  'calendar.manage',
  'payroll.read',
  'payroll.policy',
  'payroll.run',
  'payroll.confirm',
  'payroll.review',
  'payroll.approve',
  'payroll.release',
  'payroll.adjust',
  'payroll.self',
  'ledger.read',
  'ledger.post',
  'ledger.close',
  'ledger.earmark',
  'budget.read',
  'budget.manage',
  'budget.apply',
  'budget.approve',
] as const;
export type Action = (typeof ACTIONS)[number];

const READ: Action[] = ['org.read', 'worker.read'];
/** Reading the headcount, hiring and agreement pages (#5). */
const STAFFING_READ: Action[] = ['quota.read', 'hiring.read', 'agreement.read', 'assessment.read'];
const HR: Action[] = ['org.read', 'worker.read', 'worker.manage', 'worker.reveal', 'worker.export', 'worker.import', 'worker.exit', ...STAFFING_READ];

/**
 * Role → actions. system_admin runs the system but reads neither the audit log nor personal
 * data; security_admin manages accounts and grants; audit_admin and supervision read the audit
 * log and change nothing. Worker data is further narrowed to the grant's scope in the queries
 * (features/workers/worker-scope.ts).
 */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ['org.read', 'org.manage', 'town.create', 'calendar.manage'],
  security_admin: ['org.read', 'user.read', 'user.manage', 'settings.security'],
  audit_admin: ['org.read', 'audit.read', 'audit.export'],
  // R25: the leadership group approves indicator templates and decides the annual assessment.
  // R21: the leader in charge approves pay runs (the third sign-off).
  leader: [...READ, ...STAFFING_READ, 'assessment.template.approve', 'assessment.annual', 'payroll.read', 'payroll.approve', 'ledger.read', 'budget.read', 'budget.approve'],
  // R18: the leadership group approves uniform and training applications into next year's budget.
  leadership_office: ['org.read', 'org.manage', 'worker.read', 'worker.export', ...STAFFING_READ, 'assessment.template.approve', 'assessment.annual', 'payroll.read', 'payroll.policy', 'ledger.read', 'budget.read', 'budget.approve'],
  // R9, R10: town HR sets quotas and approves hires and transfers.
  town_hr: [...HR, 'quota.manage', 'hiring.approve', 'annual_result.manage', 'assessment.template.manage', 'payroll.read'],
  // #7: the finance office keeps the pay policy, runs and corrects pay.
  // R20, R22: the finance office keeps the town special account, its earmarks, months and budget.
  finance: [...READ, 'quota.read', 'assessment.read', 'payroll.read', 'payroll.policy', 'payroll.run', 'payroll.adjust', 'ledger.read', 'ledger.post', 'ledger.close', 'ledger.earmark', 'budget.read', 'budget.manage'],
  // R6: the coop draws up, files, renews and ends agreements.
  // R20, R21: the coop runs its pay, releases it after the three sign-offs and exports the bank file.
  coop_admin: [...HR, 'agreement.manage', 'payroll.read', 'payroll.run', 'payroll.release', 'payroll.adjust', 'ledger.read', 'budget.read', 'budget.apply'],
  // R6, R9, R10: the supervising department proposes quotas, requests hires and witnesses agreements.
  // R25: the supervising department sets its teams' indicators and reviews and locks the month.
  supervising_dept: [...READ, ...STAFFING_READ, 'quota.propose', 'hiring.request', 'agreement.witness', 'assessment.review', 'assessment.template.manage', 'payroll.read', 'payroll.review', 'budget.read', 'budget.apply'],
  // R7, R25: the daily-managing unit keeps attendance and scores the month; the community scores its share.
  daily_manager: [...READ, ...STAFFING_READ, 'quota.propose', 'hiring.request', 'assessment.enter', 'payroll.read', 'payroll.confirm'],
  community_manager: [...READ, 'assessment.read', 'assessment.community'],
  supervision: ['org.read', 'audit.read', 'audit.export', 'user.read', 'worker.read', 'worker.export', ...STAFFING_READ, 'payroll.read', 'ledger.read', 'budget.read'],
  worker: ['worker.read', 'agreement.read', 'payroll.self'],
};

export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}
