import { ROLE_ACTIONS, type Role } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { NAV, navTrail, pathMatches, visibleNav, type NavItem } from './nav';

/** The menu as "group › page" labels, for readable expectations. */
function labels(items: NavItem[], prefix = ''): string[] {
  return items.flatMap((item) =>
    item.children ? labels(item.children, `${item.label} › `) : [`${prefix}${item.label}`],
  );
}

const menuOf = (role: Role) => labels(visibleNav(ROLE_ACTIONS[role]));
const ORG = ['nav.org › nav.teams', 'nav.org › nav.departments', 'nav.org › nav.communities', 'nav.org › nav.coops', 'nav.org › nav.bodies'];
const ROSTER = ['nav.workers › nav.roster'];
const WORKERS = [...ROSTER, 'nav.workers › nav.import'];
const STAFFING = ['nav.staffing › nav.quotaBoard', 'nav.staffing › nav.proposals', 'nav.staffing › nav.hiring', 'nav.staffing › nav.exits'];
const AGREEMENTS = ['nav.agreements › nav.agreementList', 'nav.agreements › nav.agreementExpiring'];
const ASSESSMENT = ['nav.attendance', 'nav.monthly', 'nav.annual', 'nav.templates', 'nav.overdue', 'nav.calendar'].map((page) => `nav.assessment › ${page}`);
const pay = (...pages: string[]) => pages.map((page) => `nav.payroll › ${page}`);
/** What every payroll reader sees: the policy, both run lists and where payslips are. */
const PAY_READ = pay('nav.payPolicies', 'nav.payMonthly', 'nav.payAnnual', 'nav.payslips');
const PAY_SIGN = pay('nav.payPolicies', 'nav.payMonthly', 'nav.payAnnual', 'nav.payApprovals', 'nav.payslips');
/** 经费管理: ledger readers see every page; budget readers (a department applying, R18) only 预算 and 缺额. */
const FUNDS = ['nav.fundsLedger', 'nav.fundsReceipts', 'nav.fundsAllocations', 'nav.fundsBudget', 'nav.fundsShortfall', 'nav.fundsReconciliation', 'nav.fundsEarmarks', 'nav.fundsTrace'].map((page) => `nav.funds › ${page}`);
const BUDGET = ['nav.fundsBudget', 'nav.fundsShortfall'].map((page) => `nav.funds › ${page}`);

describe('menu by actions', () => {
  it('shows everything to a session holding every action', () => {
    const all = [...new Set(Object.values(ROLE_ACTIONS).flat())];
    expect(labels(visibleNav(all))).toEqual(labels(NAV));
  });

  it('shows town HR the organisation pages, 花名册 and 批量导入, 职数与招录 and 上岗协议, but neither 系统管理 nor 监察审计', () => {
    expect(menuOf('town_hr')).toEqual(['nav.home', ...ORG, ...WORKERS, ...STAFFING, ...AGREEMENTS, ...ASSESSMENT, ...PAY_READ]);
  });

  it('shows a supervising department the roster, 职数与招录 (to propose and request) and 上岗协议 (to witness)', () => {
    expect(menuOf('supervising_dept')).toEqual(['nav.home', ...ORG, ...ROSTER, ...STAFFING, ...AGREEMENTS, ...ASSESSMENT, ...PAY_SIGN, ...BUDGET]);
  });

  it('shows finance the quota pages but not hiring, exits or agreements, payroll with 政策测算 but no sign-off list, and every funds page', () => {
    expect(menuOf('finance')).toEqual(['nav.home', ...ORG, ...ROSTER, 'nav.staffing › nav.quotaBoard', 'nav.staffing › nav.proposals', ...ASSESSMENT, ...PAY_READ, ...pay('nav.paySimulate'), ...FUNDS]);
  });

  it('shows the security administrator users and security settings, not the audit log', () => {
    expect(menuOf('security_admin')).toEqual(['nav.home', ...ORG, 'nav.system › nav.users', 'nav.system › nav.security']);
  });

  it('shows the audit administrator the audit log and the chain check, not the system pages', () => {
    expect(menuOf('audit_admin')).toEqual(['nav.home', ...ORG, 'nav.supervision › nav.auditLog', 'nav.supervision › nav.auditChain']);
  });

  it('shows supervision the roster (no import), the audit pages and the user list but not the security settings', () => {
    expect(menuOf('supervision')).toEqual([
      'nav.home',
      ...ORG,
      ...ROSTER,
      ...STAFFING,
      ...AGREEMENTS,
      ...ASSESSMENT,
      ...PAY_READ,
      ...FUNDS,
      'nav.supervision › nav.auditLog',
      'nav.supervision › nav.auditChain',
      'nav.system › nav.users',
    ]);
  });

  it('keeps the system administrator out of the audit log (三权分立) and gives them the holiday calendar', () => {
    expect(menuOf('system_admin')).not.toContain('nav.supervision › nav.auditLog');
    expect(menuOf('system_admin')).toContain('nav.system › nav.calendar');
  });

  it('shows a community grid manager the roster and 考勤考核 (to score the community part), nothing of staffing', () => {
    expect(menuOf('community_manager')).toEqual(['nav.home', ...ORG, ...ROSTER, ...ASSESSMENT]);
  });

  it('leaves only 工作台 to a session without actions, and drops emptied groups', () => {
    expect(labels(visibleNav([]))).toEqual(['nav.home']);
    expect(visibleNav([]).some((i) => i.children)).toBe(false);
  });

  it('shows a worker (self-service) the roster, the agreements and 工资条 only: the server shows them their own', () => {
    expect(menuOf('worker')).toEqual(['nav.home', ...ROSTER, ...AGREEMENTS, ...pay('nav.payslips')]);
  });

  it('gives 审批 to each signer of R21 and 政策测算 to those who keep the policy', () => {
    for (const role of ['daily_manager', 'supervising_dept', 'leader', 'coop_admin'] as const) expect(menuOf(role), role).toContain('nav.payroll › nav.payApprovals');
    expect(menuOf('leadership_office')).toContain('nav.payroll › nav.paySimulate');
    expect(menuOf('leadership_office')).not.toContain('nav.payroll › nav.payApprovals');
  });
});

describe('breadcrumb trail', () => {
  const labelsOf = (pathname: string) => navTrail(pathname).map((i) => i.label);

  it('matches paths with parameters segment by segment', () => {
    expect(pathMatches('/workers/:id', '/workers/p-1')).toBe(true);
    expect(pathMatches('/workers/:id', '/workers')).toBe(false);
    expect(pathMatches('/workers/:id', '/workers/p-1/x')).toBe(false);
    expect(pathMatches('/workers', '/workers/')).toBe(true);
    expect(pathMatches('/', '/')).toBe(true);
  });

  it('puts 人员详情 and 登记人员 under 人员管理 › 花名册', () => {
    expect(labelsOf('/workers')).toEqual(['nav.workers', 'nav.roster']);
    expect(labelsOf('/workers/p-1')).toEqual(['nav.workers', 'nav.roster', 'nav.workerDetail']);
    expect(labelsOf('/workers/new')).toEqual(['nav.workers', 'nav.roster', 'nav.workerNew']);
    expect(labelsOf('/workers/import')).toEqual(['nav.workers', 'nav.import']);
    expect(labelsOf('/nowhere')).toEqual([]);
  });

  it('puts 新建招录申请 under 职数与招录 › 招录申请, and tells 到期提醒 from 协议列表', () => {
    expect(labelsOf('/hiring/new')).toEqual(['nav.staffing', 'nav.hiring', 'nav.hiringNew']);
    expect(labelsOf('/quota/proposals')).toEqual(['nav.staffing', 'nav.proposals']);
    expect(labelsOf('/agreements/expiring')).toEqual(['nav.agreements', 'nav.agreementExpiring']);
  });

  it('puts a sheet under 考勤考核 › 月度考核', () => {
    expect(labelsOf('/assessment/sheets/s-1')).toEqual(['nav.assessment', 'nav.monthly', 'nav.assessmentSheet']);
  });

  it('puts a pay run under 月度发放 or 年终奖 by its kind', () => {
    expect(labelsOf('/payroll/monthly/r-1')).toEqual(['nav.payroll', 'nav.payMonthly', 'nav.payRun']);
    expect(labelsOf('/payroll/annual/r-2')).toEqual(['nav.payroll', 'nav.payAnnual', 'nav.payRun']);
  });
});
