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

describe('menu by actions', () => {
  it('shows everything to a session holding every action', () => {
    const all = [...new Set(Object.values(ROLE_ACTIONS).flat())];
    expect(labels(visibleNav(all))).toEqual(labels(NAV));
  });

  it('shows town HR the organisation pages, 花名册 and 批量导入, 职数与招录 and 上岗协议, but neither 系统管理 nor 监察审计', () => {
    expect(menuOf('town_hr')).toEqual(['nav.home', ...ORG, ...WORKERS, ...STAFFING, ...AGREEMENTS, ...ASSESSMENT]);
  });

  it('shows a supervising department the roster, 职数与招录 (to propose and request) and 上岗协议 (to witness)', () => {
    expect(menuOf('supervising_dept')).toEqual(['nav.home', ...ORG, ...ROSTER, ...STAFFING, ...AGREEMENTS, ...ASSESSMENT]);
  });

  it('shows finance the quota pages but not hiring, exits or agreements', () => {
    expect(menuOf('finance')).toEqual(['nav.home', ...ORG, ...ROSTER, 'nav.staffing › nav.quotaBoard', 'nav.staffing › nav.proposals', ...ASSESSMENT]);
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

  it('shows a worker (self-service) the roster and the agreements only: the server shows them their own', () => {
    expect(menuOf('worker')).toEqual(['nav.home', ...ROSTER, ...AGREEMENTS]);
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
});
